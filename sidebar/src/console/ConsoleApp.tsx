import { useEffect, useState } from 'react';
import { createHashRouter, Navigate, RouterProvider } from 'react-router-dom';
import { LoginPage } from '../common/LoginPage';
import { isConsoleRole, loadSession, onSessionChange, type Session } from '../services/session';
import { ConsoleLayout } from './ConsoleLayout';
import { NoAccess } from './NoAccess';
import { routes } from './routes';

/** The operations console: admins and team leads; an agent is sent to the sidebar. */
export function ConsoleApp() {
  const [session, setSession] = useState<Session | null>(() => loadSession());
  useEffect(() => onSessionChange(setSession), []);

  if (!session) return <LoginPage title="Lodestar 运营后台" subtitle="私域运营 · 线索 · 旅程 · 群 SOP" onSignedIn={setSession} />;
  if (!isConsoleRole(session.user.role)) return <NoAccess session={session} />;
  return <ConsoleRouter session={session} />;
}

function ConsoleRouter({ session }: { session: Session }) {
  const [router] = useState(() =>
    createHashRouter([
      {
        path: '/',
        element: <ConsoleLayout session={session} />,
        children: [
          { index: true, element: <Navigate to="/dashboard" replace /> },
          ...routes.map((r) => ({ path: r.path, element: r.adminOnly && session.user.role !== 'admin' ? <NoAccess session={session} page={r.title} /> : r.element })),
          { path: '*', element: <Navigate to="/dashboard" replace /> },
        ],
      },
    ]),
  );
  return <RouterProvider router={router} />;
}
