import { Button, Layout as AntLayout, Menu, Space, Typography } from 'antd';
import { ReactNode } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { setToken } from '../api';
import { t } from '../i18n/zh-CN';
import { LABOUR_ROLES, useSession } from '../session';
import { label } from './common';
import { REPORT_ROLES } from '../pages/dashboard';

/** Navigation entries: path, label, who sees it. Pages not registered in main.tsx are left out. */
const LINKS: Array<{ to: string; text: string; roles: string[] }> = [
  { to: '/dashboard', text: t.dashboard.nav, roles: [...REPORT_ROLES, 'inspector'] },
  { to: '/alerts', text: t.nav.alerts, roles: LABOUR_ROLES },
  { to: '/clues', text: t.nav.clues, roles: LABOUR_ROLES },
  { to: '/clues/review', text: t.clues.reviewNav, roles: ['admin', 'brigade_lead'] },
  { to: '/scans', text: t.nav.scans, roles: LABOUR_ROLES },
  { to: '/imports', text: t.nav.imports, roles: ['admin', 'brigade_lead', 'submitter'] },
  { to: '/notices', text: t.nav.notices, roles: [...LABOUR_ROLES, 'bureau_officer'] },
  { to: '/admin', text: t.nav.admin, roles: ['admin'] },
];

export function Layout({ paths }: { paths: string[] }): ReactNode {
  const { me, setMe } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const role = me?.role ?? '';
  const links = LINKS.filter((l) => paths.includes(l.to) && l.roles.includes(role));
  // The longest matching entry is the current one (/clues/review is not /clues).
  const current = links
    .filter((l) => location.pathname.startsWith(l.to))
    .sort((a, b) => b.to.length - a.to.length)[0]?.to;
  return (
    <AntLayout className="app">
      <AntLayout.Header className="app-header">
        <Typography.Title level={1} className="app-title">
          {t.appTitle}
        </Typography.Title>
        <nav aria-label={t.common.mainNav} className="app-nav">
          <Menu
            theme="dark"
            mode="horizontal"
            selectedKeys={current ? [current] : []}
            items={links.map((l) => ({ key: l.to, label: <NavLink to={l.to}>{l.text}</NavLink> }))}
            style={{ flex: 1, minWidth: 0 }}
          />
        </nav>
        <Space className="me">
          <span>
            {me?.username}（{label(t.roles, me?.role)}）
          </span>
          <Button
            size="small"
            onClick={() => {
              setToken(null);
              setMe(null);
              void navigate('/login');
            }}
          >
            {t.nav.logout}
          </Button>
        </Space>
      </AntLayout.Header>
      <AntLayout.Content className="app-main">
        <Outlet />
      </AntLayout.Content>
    </AntLayout>
  );
}
