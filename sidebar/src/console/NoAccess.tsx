import { LockOnIcon } from 'tdesign-icons-react';
import { Button } from 'tdesign-react';
import { roleLabels } from '../common/labels';
import { clearSession, type Session } from '../services/session';

/** What an agent (or a team lead on an admin page) sees instead of the page. */
export function NoAccess({ session, page }: { session: Session; page?: string }) {
  return (
    <div className="cs-noaccess" data-testid="no-access">
      <div className="cs-noaccess__icon">
        <LockOnIcon size="40px" />
      </div>
      <h2>{page ? `「${page}」仅管理员可用` : '运营后台仅对管理员和团队主管开放'}</h2>
      <p>
        你以{roleLabels[session.user.role] ?? session.user.role}身份登录（{session.user.name}）。
        {!page && '顾问请在企业微信聊天侧边栏中工作。'}
      </p>
      {!page && (
        <div className="cs-noaccess__actions">
          <Button theme="primary" href="/sidebar/">
            打开侧边栏
          </Button>
          <Button variant="outline" onClick={clearSession}>
            换个账号登录
          </Button>
        </div>
      )}
    </div>
  );
}
