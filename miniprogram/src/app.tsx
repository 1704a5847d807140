import { useDidHide, useLaunch } from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import { launchQuery, referrerFromQuery, session, tracker } from './services';
import './app.css';

export default function App({ children }: PropsWithChildren) {
  useLaunch((options) => {
    // A share card (?r=<code>) or a poster's mini-program code (scene=r%3D<code>) names the referrer;
    // the first login sends it, and the server attributes the new customer to them.
    const query = { ...launchQuery(), ...((options?.query as Record<string, string> | undefined) ?? {}) };
    session.rememberReferrer(referrerFromQuery(query));
    session.ensure().catch(() => {
      /* pages show their own error and retry */
    });
  });
  // Send what the reporter holds when the app goes to the background.
  useDidHide(() => void tracker.flush());
  return children;
}
