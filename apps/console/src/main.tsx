import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { ReactNode, StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { createHashRouter, RouteObject, RouterProvider } from 'react-router';
import { api, getToken, Me } from './api';
import { Layout } from './components/layout';
import { AdminPage } from './pages/admin';
import { AlertDetailPage } from './pages/alert-detail';
import { AlertQueuePage } from './pages/alert-queue';
import { ClueDetailRoute, ClueQueuePage, ClueReviewPage } from './pages/clue-routes';
import { DashboardPage, Landing } from './pages/dashboard';
import { ImportsPage } from './pages/imports';
import { LoginPage } from './pages/login';
import { NoticeDetailPage, NoticesPage } from './pages/notices';
import { ProjectPage } from './pages/project';
import { ScansPage } from './pages/scans';
import { SessionContext } from './session';
import './styles.css';

dayjs.locale('zh-cn');

/** Every page of the console, one list: the navigation shows the ones registered here. */
const pages: RouteObject[] = [
  { index: true, element: <Landing /> },
  { path: 'dashboard', element: <DashboardPage /> },
  { path: 'alerts', element: <AlertQueuePage /> },
  { path: 'alerts/:id', element: <AlertDetailPage /> },
  { path: 'clues', element: <ClueQueuePage /> },
  { path: 'clues/review', element: <ClueReviewPage /> },
  { path: 'clues/:clueId', element: <ClueDetailRoute /> },
  { path: 'projects/:code', element: <ProjectPage /> },
  { path: 'imports', element: <ImportsPage /> },
  { path: 'scans', element: <ScansPage /> },
  { path: 'notices', element: <NoticesPage /> },
  { path: 'notices/:id', element: <NoticeDetailPage /> },
  { path: 'admin', element: <AdminPage /> },
];

const router = createHashRouter([
  { path: '/login', element: <LoginPage /> },
  {
    path: '/',
    element: <Layout paths={pages.map((p) => `/${p.path ?? ''}`)} />,
    children: pages,
  },
]);

function App(): ReactNode {
  const [me, setMe] = useState<Me | null>(null);
  const [ready, setReady] = useState(!getToken());
  useEffect(() => {
    if (!getToken()) {
      if (!window.location.hash.startsWith('#/login')) window.location.hash = '#/login';
      return;
    }
    api<Me>('GET', '/auth/me')
      .then(setMe)
      .catch(() => (window.location.hash = '#/login'))
      .finally(() => setReady(true));
  }, []);
  if (!ready) return null;
  return (
    <SessionContext.Provider value={{ me, setMe }}>
      <RouterProvider router={router} />
    </SessionContext.Provider>
  );
}

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }} theme={{ token: { colorPrimary: '#0b3d91' } }}>
      <AntApp>
        <App />
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
