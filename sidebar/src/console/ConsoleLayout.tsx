import { Button, Layout, Menu, Tag } from 'tdesign-react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { roleLabels } from '../common/labels';
import { clearSession, type Session } from '../services/session';
import { routes } from './routes';
import { UpstreamBanner } from './UpstreamBanner';

const groups = ['概览', '数据分析', '客户', '线索', '客户旅程', '群 SOP', '话术与内容', '渠道与活动'] as const;

/** The console's frame: the menu on the left, the signed-in user on top, the page in the middle. */
export function ConsoleLayout({ session }: { session: Session }) {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const active = routes
    .filter((r) => !r.hidden)
    .sort((a, b) => b.path.length - a.path.length) // the longest match: analytics/funnels, not analytics
    .find((r) => pathname === `/${r.path}` || pathname.startsWith(`/${r.path}/`))?.path ?? (pathname.startsWith('/journeys') ? 'journeys' : 'dashboard');

  return (
    <Layout className="cs">
      <Layout.Aside width="208px" className="cs-aside">
        <div className="cs-brand">
          <span className="cs-brand__logo">★</span>
          <span>Lodestar 运营后台</span>
        </div>
        <Menu value={active} onChange={(v) => navigate(`/${String(v)}`)} width="208px" theme="dark">
          {groups.map((g) => (
            <Menu.MenuGroup key={g} title={g}>
              {routes
                .filter((r) => r.group === g && !r.hidden)
                .map((r) => (
                  <Menu.MenuItem key={r.path} value={r.path}>
                    <span data-testid={`menu-${r.path}`}>{r.title}</span>
                  </Menu.MenuItem>
                ))}
            </Menu.MenuGroup>
          ))}
        </Menu>
      </Layout.Aside>
      <Layout>
        <Layout.Header className="cs-header">
          <div className="cs-header__title">{/^\/journeys\/.+/.test(pathname) ? '旅程画布' : routes.find((r) => r.path === active)?.title}</div>
          <div className="cs-header__user">
            <Tag variant="light" theme={session.user.role === 'admin' ? 'primary' : 'warning'}>
              {roleLabels[session.user.role]}
            </Tag>
            <span>{session.user.name}</span>
            <Button variant="text" size="small" onClick={clearSession}>
              退出
            </Button>
          </div>
        </Layout.Header>
        <Layout.Content className="cs-content">
          {/* Only admins may read the upstreams' health: nobody else mounts the banner, so nobody else asks. */}
          {session.user.role === 'admin' && <UpstreamBanner />}
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
