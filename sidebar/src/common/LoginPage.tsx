import { useState, type FormEvent } from 'react';
import { Button, Input } from 'tdesign-react';
import { login } from '../services/auth';
import { errorText } from '../services/http';
import type { Session } from '../services/session';
import './login.css';

/** Password sign-in for the console, and for the sidebar outside WeCom (the demo). */
export function LoginPage(props: { title: string; subtitle: string; onSignedIn: (s: Session) => void; compact?: boolean }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      props.onSignedIn(await login(username.trim(), password));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={`ls-login ${props.compact ? 'ls-login--compact' : ''}`}>
      <form className="ls-login__card" onSubmit={(e) => void submit(e)} data-testid="login-form">
        <div className="ls-login__brand">
          <span className="ls-login__logo">★</span>
          <div>
            <div className="ls-login__title">{props.title}</div>
            <div className="ls-login__subtitle">{props.subtitle}</div>
          </div>
        </div>
        <label className="ls-login__label">账号</label>
        <Input name="username" value={username} onChange={(v) => setUsername(String(v))} placeholder="例如 admin、agent001" autofocus clearable />
        <label className="ls-login__label">密码</label>
        <Input name="password" type="password" value={password} onChange={(v) => setPassword(String(v))} placeholder="密码" />
        {error && <div className="ls-login__error" role="alert">{error}</div>}
        <Button type="submit" theme="primary" block loading={busy} disabled={!username || !password} className="ls-login__submit">
          登录
        </Button>
        <div className="ls-login__hint">演示环境：admin / agent001 / lead01，密码 lodestar-demo</div>
      </form>
    </div>
  );
}
