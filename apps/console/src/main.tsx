import { ReactNode, StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { createHashRouter, RouterProvider } from 'react-router';
import { api, getToken, Me } from './api';
import { Layout } from './components/layout';
import { AdminPage } from './pages/admin';
import { AlertDetailPage } from './pages/alert-detail';
import { AlertQueuePage } from './pages/alert-queue';
import { DashboardPage, Landing } from './pages/dashboard';
import { ImportsPage } from './pages/imports';
import { LoginPage } from './pages/login';
import { NoticeDetailPage, NoticesPage } from './pages/notices';
import { ProjectPage } from './pages/project';
import { ScansPage } from './pages/scans';
import { SessionContext } from './session';
import './styles.css';

const router = createHashRouter([
  { path: '/login', element: <LoginPage /> },
  {
    path: '/',
    element: <Layout />,
    children: [
      { index: true, element: <Landing /> },
      { path: 'dashboard', element: <DashboardPage /> },
      { path: 'alerts', element: <AlertQueuePage /> },
      { path: 'alerts/:id', element: <AlertDetailPage /> },
      { path: 'projects/:code', element: <ProjectPage /> },
      { path: 'imports', element: <ImportsPage /> },
      { path: 'scans', element: <ScansPage /> },
      { path: 'notices', element: <NoticesPage /> },
      { path: 'notices/:id', element: <NoticeDetailPage /> },
      { path: 'admin', element: <AdminPage /> },
    ],
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
    <App />
  </StrictMode>,
);
