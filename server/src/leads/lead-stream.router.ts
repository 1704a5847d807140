import Router from '@koa/router';
import type { Context } from 'koa';
import {
  agentNotificationListQuerySchema,
  agentNotificationListSchema,
  agentNotificationReadInputSchema,
  staffRoles,
  type AgentNotification,
  type Role,
} from '@lodestar/shared';
import { z } from 'zod';
import { DomainError, forbidden, unauthorized } from '../platform/errors';
import type { TokenVerifier } from '../platform/http/auth.middleware';
import type { Principal } from '../platform/http/principal';
import { route, type AnyRoute } from '../platform/http/route';
import type { FeedPosition } from './agent-notification.repository';
import type { AgentNotificationService, NotificationFeed } from './agent-notification.service';

export const leadStreamPath = '/api/leads/stream';
/** Resumed streams replay at most this many missed notifications; the list has the rest. */
export const replayLimit = 100;
/** Ids of what one stream sent, to suppress duplicates; trimmed to the newest half past this. */
const sentCap = 2000;
/** A client that reads slower than this much buffered output is dropped (it reconnects and resumes). */
const maxBuffered = 1_000_000;

export interface LeadStreamDeps {
  notifications: AgentNotificationService;
  feed: NotificationFeed;
  /** Checks `?access_token=` (EventSource cannot send headers); the Authorization header is read by `authenticate`. */
  verify: TokenVerifier;
  heartbeatMs?: number;
  retryMs?: number;
}

const isStaff = (role: Role): boolean => (staffRoles as readonly string[]).includes(role);

/** The caller: from the bearer header (already read by `authenticate`) or from `?access_token=`. */
async function streamPrincipal(ctx: Context, verify: TokenVerifier): Promise<Principal> {
  let principal = ctx.state.principal as Principal | undefined;
  const queryToken = typeof ctx.query.access_token === 'string' ? ctx.query.access_token : undefined;
  if (!principal && queryToken) {
    try {
      principal = await verify(queryToken);
    } catch (error) {
      throw error instanceof DomainError ? error : unauthorized('The token is invalid');
    }
  }
  if (!principal) throw unauthorized(ctx.state.authError as string | undefined);
  if (!isStaff(principal.role)) throw forbidden(`This needs one of the roles: ${staffRoles.join(', ')}`);
  return principal;
}

/** One server-sent event; `data` is one line of JSON (no newlines, so no splitting needed). */
export function sseFrame(n: AgentNotification): string {
  return `id: ${n.id}\nevent: ${n.kind}\ndata: ${JSON.stringify(n)}\n\n`;
}

const isAfter = (n: AgentNotification, p: FeedPosition): boolean => {
  const at = p.createdAt.toISOString();
  return n.at > at || (n.at === at && n.id > p.id);
};

/**
 * GET /api/leads/stream: the caller's notifications as server-sent events. Mount it after
 * `authenticate` (the header token) and the error handler (401/403 as JSON before the stream starts).
 *
 * A resuming client (Last-Event-ID header, or `?lastEventId=` for one that reconnects by hand) first
 * gets what it missed, then the live feed; anything at or before the id it resumes from is not sent
 * again, and nothing is sent twice on one stream.
 */
export function leadStreamRouter(d: LeadStreamDeps): Router {
  const heartbeatMs = d.heartbeatMs ?? 15_000;
  const retryMs = d.retryMs ?? 3000;
  const router = new Router();
  router.get(leadStreamPath, async (ctx) => {
    const principal = await streamPrincipal(ctx, d.verify);
    const queryLast = typeof ctx.query.lastEventId === 'string' ? ctx.query.lastEventId : '';
    const lastEventId = (ctx.get('last-event-id') || queryLast).trim().slice(0, 64);

    const res = ctx.res;
    const open = (): boolean => !res.destroyed && !res.writableEnded;
    const sent = new Set<string>();
    let floor: FeedPosition | null = null;
    let live = false;
    const pending: AgentNotification[] = [];
    const send = (n: AgentNotification): void => {
      if (!open() || sent.has(n.id) || (floor && !isAfter(n, floor))) return;
      sent.add(n.id);
      if (sent.size > sentCap) for (const id of [...sent].slice(0, sentCap / 2)) sent.delete(id);
      res.write(sseFrame(n));
      if (res.writableLength > maxBuffered) res.destroy();
    };

    // Listen before reading what was missed, so nothing falls between the two.
    const unsubscribe = d.feed.subscribe(
      principal.corpId,
      principal.id,
      (n) => (live ? send(n) : void pending.push(n)),
      () => open() && res.end(),
    );
    const heartbeat = setInterval(() => {
      if (live && open()) res.write(': heartbeat\n\n');
    }, heartbeatMs);
    let cleaned = false;
    const cleanup = (): void => {
      if (cleaned) return;
      cleaned = true;
      unsubscribe();
      clearInterval(heartbeat);
    };
    res.on('close', cleanup);

    let missed: AgentNotification[] = [];
    try {
      if (lastEventId) {
        const replay = await d.notifications.replayAfter(principal.corpId, principal.id, lastEventId, replayLimit);
        floor = replay.after;
        missed = replay.items;
      }
    } catch (error) {
      cleanup();
      throw error;
    }
    if (cleaned) return;

    // From here on the response is ours, not Koa's: it stays open until the client or the feed ends it.
    ctx.req.socket.setTimeout(0);
    ctx.req.socket.setNoDelay(true);
    ctx.req.socket.setKeepAlive(true);
    ctx.status = 200;
    ctx.set('Content-Type', 'text/event-stream; charset=utf-8');
    ctx.set('Cache-Control', 'no-cache, no-transform');
    ctx.set('Connection', 'keep-alive');
    ctx.set('X-Accel-Buffering', 'no');
    ctx.respond = false;
    res.flushHeaders();

    res.write(`retry: ${retryMs}\n\n`);
    for (const n of missed) send(n);
    live = true;
    for (const n of pending.splice(0)) send(n);
  });
  return router;
}

/** Staff read their own notifications; the stream is for live ones, this for the list and the badge. */
export function notificationRoutes(notifications: AgentNotificationService): AnyRoute[] {
  return [
    route({
      method: 'get',
      path: '/api/notifications',
      tag: 'notifications',
      summary: 'The caller’s notifications, newest first, with the count of unread ones',
      access: staffRoles,
      query: agentNotificationListQuerySchema,
      response: agentNotificationListSchema,
      handler: ({ principal, query }) => notifications.list(principal!.corpId, principal!.id, query),
    }),
    route({
      method: 'post',
      path: '/api/notifications/read',
      tag: 'notifications',
      summary: 'Marks some of the caller’s notifications read; ids that are not the caller’s are ignored',
      access: staffRoles,
      body: agentNotificationReadInputSchema,
      response: z.object({ updated: z.number().int(), unread: z.number().int() }),
      handler: ({ principal, body }) => notifications.markRead(principal!.corpId, principal!.id, body.ids),
    }),
  ];
}

/**
 * The stream's entry for the OpenAPI document (route() describes JSON only). Merge it into the
 * generated document's `paths`; AgentNotification is in `components` through /api/notifications.
 */
export const leadStreamOpenApi: Record<string, unknown> = {
  [leadStreamPath]: {
    get: {
      summary: 'The caller’s notifications as they happen (server-sent events)',
      description: [
        'A text/event-stream. The first frame is `retry: 3000`; a comment line is sent every 15 s to keep proxies from closing it.',
        'Each notification is one event: `id:` the notification id, `event:` its kind (lead.assigned, lead.upgraded, lead.sla_reminder, lead.returned),',
        '`data:` the AgentNotification as one line of JSON. A client that reconnects with `Last-Event-ID` (browsers do so by themselves),',
        `or with \`?lastEventId=\`, first receives up to ${replayLimit} of the caller's notifications after that id, then the live ones; none is sent twice.`,
        'Browsers cannot set headers on EventSource, so the token may also be passed as `?access_token=`.',
      ].join(' '),
      tags: ['notifications'],
      operationId: 'getApiLeadsStream',
      'x-roles': staffRoles,
      parameters: [
        { name: 'access_token', in: 'query', required: false, description: 'the bearer token, for clients that cannot send the Authorization header', schema: { type: 'string' } },
        { name: 'lastEventId', in: 'query', required: false, description: 'resume after this notification id (the Last-Event-ID header does the same)', schema: { type: 'string' } },
        { name: 'Last-Event-ID', in: 'header', required: false, description: 'resume after this notification id', schema: { type: 'string' } },
      ],
      responses: {
        '200': {
          description: 'The event stream; each event’s data is an AgentNotification',
          content: { 'text/event-stream': { schema: { type: 'string' }, itemSchema: { $ref: '#/components/schemas/AgentNotification' } } },
        },
        '401': { description: 'No valid bearer token', content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } } },
        '403': { description: 'Customers have no stream', content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } } },
      },
    },
  },
};
