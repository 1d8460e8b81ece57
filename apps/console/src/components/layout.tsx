import { ReactNode } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { setToken } from '../api';
import { t } from '../i18n/zh-CN';
import { LABOUR_ROLES, useSession } from '../session';

export function Layout(): ReactNode {
  const { me, setMe } = useSession();
  const navigate = useNavigate();
  const role = me?.role ?? '';
  const links: Array<[string, string, boolean]> = [
    ['/alerts', t.nav.alerts, LABOUR_ROLES.includes(role)],
    ['/scans', t.nav.scans, LABOUR_ROLES.includes(role)],
    ['/imports', t.nav.imports, ['admin', 'brigade_lead', 'submitter'].includes(role)],
    ['/notices', t.nav.notices, [...LABOUR_ROLES, 'bureau_officer'].includes(role)],
    ['/admin', t.nav.admin, role === 'admin'],
  ];
  return (
    <div className="app">
      <header>
        <h1>{t.appTitle}</h1>
        <nav aria-label={t.common.mainNav}>
          {links
            .filter(([, , show]) => show)
            .map(([to, label]) => (
              <NavLink key={to} to={to}>
                {label}
              </NavLink>
            ))}
        </nav>
        <span className="me">
          {me?.username}（{me?.role}）
          <button
            type="button"
            onClick={() => {
              setToken(null);
              setMe(null);
              void navigate('/login');
            }}
          >
            {t.nav.logout}
          </button>
        </span>
      </header>
      <main>
        <Outlet />
      </main>
    </div>
  );
}
