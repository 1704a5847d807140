import { useCallback, useEffect, useRef, useState } from 'react';
import type { AgentNotification } from '@lodestar/shared';
import { listNotifications, markRead, openNotificationStream, type StreamState } from '../services/notifications';

/** The agent's notifications: the latest from the list, then live ones from the stream (newest first, each once; `live` names those that came by the stream). */
export function useLiveFeed(): { items: AgentNotification[]; state: StreamState; live: ReadonlySet<string>; markSeen: (ids: string[]) => void } {
  const [items, setItems] = useState<AgentNotification[]>([]);
  const [state, setState] = useState<StreamState>('connecting');
  const [live, setLive] = useState<ReadonlySet<string>>(new Set());
  const seen = useRef(new Set<string>());

  useEffect(() => {
    const add = (ns: AgentNotification[], isLive: boolean): void => {
      const fresh = ns.filter((n) => !seen.current.has(n.id));
      if (!fresh.length) return;
      fresh.forEach((n) => seen.current.add(n.id));
      setItems((prev) => [...fresh, ...prev].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, 200));
      // Several events can land before React renders: keep every live id, not only the last.
      if (isLive) setLive((prev) => new Set([...prev, ...fresh.map((n) => n.id)]));
    };
    const close = openNotificationStream((n) => add([n], true), setState);
    listNotifications(50)
      .then((r) => add(r.items, false))
      .catch(() => {});
    return close;
  }, []);

  const markSeen = useCallback((ids: string[]) => {
    if (!ids.length) return;
    const set = new Set(ids);
    setItems((prev) => prev.map((n) => (set.has(n.id) ? { ...n, read: true } : n)));
    markRead(ids.slice(0, 200)).catch(() => {});
  }, []);

  return { items, state, live, markSeen };
}
