import { useCallback, useEffect, useState } from 'react';
import { Loading, MessagePlugin } from 'tdesign-react';
import { LoginPage } from '../common/LoginPage';
import { loginWithWecomCode, wecomAuthorizeUrl } from '../services/auth';
import { errorText } from '../services/http';
import { clearSession, loadSession, onSessionChange, type Session } from '../services/session';
import { createWecomBridge, insideWecom, type WecomBridge } from '../services/wecom';
import { SidebarShell } from './SidebarShell';

/**
 * The agent sidebar: signs the agent in (WeCom OAuth inside WeCom, a password outside it), sets up
 * the JS-SDK seam, then shows the shell for the chat it was opened in.
 */
export function SidebarApp() {
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const [bridge, setBridge] = useState<WecomBridge | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const inWecom = insideWecom();

  useEffect(() => onSessionChange(setSession), []);

  // Inside WeCom: exchange the OAuth code, or go and get one.
  useEffect(() => {
    if (session || !inWecom) return;
    const url = new URL(location.href);
    const code = url.searchParams.get('code');
    (async () => {
      if (code) {
        url.searchParams.delete('code');
        url.searchParams.delete('state');
        history.replaceState(null, '', url.toString());
        await loginWithWecomCode(code);
      } else {
        location.replace(await wecomAuthorizeUrl(location.href));
      }
    })().catch((e) => setFailure(errorText(e)));
  }, [session, inWecom]);

  useEffect(() => {
    if (!session) return;
    let stale = false;
    (async () => {
      const b = await createWecomBridge((text) => void MessagePlugin.success(text));
      await b.init();
      if (!stale) setBridge(b);
    })().catch((e) => setFailure(`企业微信接口初始化失败：${errorText(e)}`));
    return () => {
      stale = true;
    };
  }, [session]);

  const signOut = useCallback(() => {
    clearSession();
    setBridge(null);
  }, []);

  if (failure) return <div className="sb-failure">{failure}</div>;
  if (!session) {
    if (inWecom) return <Loading className="sb-center" text="正在登录…" />;
    return <LoginPage compact title="Lodestar 侧边栏" subtitle="企业微信聊天侧边栏（浏览器演示）" onSignedIn={setSession} />;
  }
  if (!bridge) return <Loading className="sb-center" text="正在连接企业微信…" />;
  return <SidebarShell session={session} bridge={bridge} onSignOut={signOut} />;
}
