import type { AgentNotification, AgentNotificationKind, AgentNotificationList } from '@lodestar/shared';
import { get, post } from './http';
import { loadSession } from './session';

export const listNotifications = (limit = 30): Promise<AgentNotificationList> => get('/api/notifications', { limit });
export const markRead = (ids: string[]): Promise<unknown> => post('/api/notifications/read', { ids });

/** Every kind the stream names as its event (a new kind fails to compile here until it is listed). */
const kinds: Record<AgentNotificationKind, true> = {
  'lead.assigned': true,
  'lead.upgraded': true,
  'lead.sla_reminder': true,
  'lead.returned': true,
  'journey.notice': true,
  'chat.insight': true,
  'compliance.alert': true,
  'sop.task': true,
  'proposal.viewed': true,
};

export type StreamState = 'connecting' | 'open' | 'closed';

/**
 * The caller's live notifications (GET /api/leads/stream, server-sent events). EventSource cannot
 * send headers, so the token goes as ?access_token=; the browser reconnects by itself with
 * Last-Event-ID and the server replays what was missed.
 */
export function openNotificationStream(onNotification: (n: AgentNotification) => void, onState?: (s: StreamState) => void): () => void {
  const session = loadSession();
  if (!session || typeof EventSource === 'undefined') {
    onState?.('closed');
    return () => {};
  }
  const es = new EventSource(`/api/leads/stream?access_token=${encodeURIComponent(session.token)}`);
  onState?.('connecting');
  const handle = (e: MessageEvent<string>): void => {
    try {
      onNotification(JSON.parse(e.data) as AgentNotification);
    } catch {
      /* a frame we cannot read: skip it */
    }
  };
  for (const kind of Object.keys(kinds)) es.addEventListener(kind, handle as EventListener);
  es.onmessage = handle;
  es.onopen = () => onState?.('open');
  es.onerror = () => onState?.(es.readyState === EventSource.CLOSED ? 'closed' : 'connecting');
  return () => es.close();
}
