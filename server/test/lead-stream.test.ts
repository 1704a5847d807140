import type { Server } from 'node:http';
import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import Koa from 'koa';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { agentNotificationSchema, type AgentNotification, type AgentNotificationKind, type LeadNoticePayload, type ScoreReason } from '@lodestar/shared';
import type { Container } from '../src/app/container';
import { healthRouter } from '../src/app/health.router';
import { toDbTime } from '../src/db/naming';
import { AgentNotificationRepository } from '../src/leads/agent-notification.repository';
import { AgentNotificationService, NotificationFeed, topReasons } from '../src/leads/agent-notification.service';
import { suggestFirstMessage } from '../src/leads/first-message.plan';
import { leadStreamOpenApi, leadStreamRouter, notificationRoutes } from '../src/leads/lead-stream.router';
import { authenticate } from '../src/platform/http/auth.middleware';
import { errorHandler } from '../src/platform/http/error-handler';
import { mountRoutes } from '../src/platform/http/mount';
import { buildOpenApi } from '../src/platform/http/openapi';
import { requestId } from '../src/platform/http/request-id';
import { securityHeadersFor } from '../src/platform/http/security-headers';
import { launchChromium, until } from './support/browser';
import { startTestServer, type TestServer } from './support/server';

interface SseEvent {
  id: string;
  event: string;
  data: string;
}

interface SseClient {
  status: number;
  headers: Headers;
  /** The error body when the server refused the stream. */
  body: any;
  events: SseEvent[];
  retry: number | null;
  comments: string[];
  close(): void;
}

/** Reads a server-sent event stream with fetch, as a Node client (or a service worker) would. */
async function openStream(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
  const abort = new AbortController();
  const res = await fetch(url, { headers, signal: abort.signal });
  const client: SseClient = { status: res.status, headers: res.headers, body: null, events: [], retry: null, comments: [], close: () => abort.abort() };
  if (res.status !== 200) {
    client.body = await res.json();
    return client;
  }
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  void (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event: SseEvent = { id: '', event: 'message', data: '' };
          let isEvent = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) client.comments.push(line.slice(1).trim());
            else if (line.startsWith('retry: ')) client.retry = Number(line.slice(7));
            else if (line.startsWith('id: ')) event.id = line.slice(4);
            else if (line.startsWith('event: ')) event.event = line.slice(7);
            else if (line.startsWith('data: ')) {
              event.data = line.slice(6);
              isEvent = true;
            }
          }
          if (isEvent) client.events.push(event);
        }
      }
    } catch {
      /* aborted by close() */
    }
  })();
  return client;
}

/** What the browser page keeps on its global object (the server's tsconfig has no DOM types). */
interface PageEventSource {
  readyState: number;
  close(): void;
  addEventListener(type: string, listener: (e: { lastEventId: string; data: string }) => void): void;
}
interface PageGlobals {
  EventSource: new (url: string) => PageEventSource;
  es: PageEventSource;
  got: Array<{ id: string; data: string }>;
}

/** Waits at most one second (the promise to the agent) for the event with this id. */
const arrives = (client: SseClient, id: string, what = `notification ${id}`): Promise<SseEvent> =>
  until(what, async () => client.events.find((e) => e.id === id), 1000);

/** The payload as a lead card (journey notes have no lead). */
function leadCard(p: AgentNotification['payload']): LeadNoticePayload {
  if (!('leadId' in p)) throw new Error('expected a lead card, got a journey note');
  return p;
}

describe(`lead notifications stream on ${process.env.TEST_DB}`, () => {
  let s: TestServer;
  let c: Container;
  let base: string;
  let notifications: AgentNotificationService;
  let feed: NotificationFeed;
  let ownFeed: NotificationFeed | undefined;
  let ownServer: Server | undefined;
  let browser: Browser | undefined;
  const clients: SseClient[] = [];
  const agent = { id: '', token: '' };
  const other = { id: '', token: '' };
  let customer: { id: string; name: string };
  let payload: LeadNoticePayload;

  const login = async (username: string) => {
    const res = await s.post('/api/auth/login', { username, password: 'lodestar-demo' });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
    return { id: res.body.user.id as string, token: res.body.token as string };
  };
  const connect = async (token: string, headers: Record<string, string> = {}, query = '') => {
    const client = await openStream(`${base}/api/leads/stream${query}`, { authorization: `Bearer ${token}`, ...headers });
    clients.push(client);
    return client;
  };
  /** A row written the way another process (a worker) would: straight into the table. */
  const insertRow = async (staffId: string, kind: AgentNotificationKind, at: Date, body: LeadNoticePayload = payload) => {
    const id = c.ids.next();
    await s.ds.query('INSERT INTO agent_notification (id, corp_id, staff_id, kind, payload, created_at, read_at) VALUES (?, ?, ?, ?, ?, ?, NULL)', [
      id,
      s.running.corpId,
      staffId,
      kind,
      JSON.stringify(body),
      toDbTime(at),
    ]);
    return id;
  };
  const parsed = (e: SseEvent): AgentNotification => agentNotificationSchema.parse(JSON.parse(e.data));

  beforeAll(async () => {
    s = await startTestServer({}, { demoCustomers: 100 });
    c = s.running.container;
    const wired = c as Container & Partial<{ notifications: AgentNotificationService; notificationFeed: NotificationFeed }>;
    if (wired.notifications && wired.notificationFeed) {
      // The composition root has them: test the product as it runs.
      notifications = wired.notifications;
      feed = wired.notificationFeed;
      base = s.url;
    } else {
      // Not wired yet: the middleware of app/http.ts in its order, then this feature's router and routes.
      const repo = new AgentNotificationRepository(c.ds);
      ownFeed = new NotificationFeed({ repo, clock: c.clock, logger: c.logger, pollMs: 200 });
      notifications = new AgentNotificationService({ repo, clock: c.clock, ids: c.ids, feed: ownFeed });
      feed = ownFeed;
      const app = new Koa({ proxy: true });
      const api = new Router();
      mountRoutes(api, notificationRoutes(notifications));
      app.use(requestId({ logger: c.logger }));
      app.use(errorHandler({ logger: c.logger }));
      app.use(bodyParser());
      app.use(authenticate({ verify: (t) => c.tokens.verify(t) }));
      for (const r of [healthRouter(c.ds), leadStreamRouter({ notifications, feed: ownFeed, verify: (t) => c.tokens.verify(t) }), api]) app.use(r.routes()).use(r.allowedMethods());
      const server = app.listen(0, '127.0.0.1');
      ownServer = server;
      await new Promise<void>((resolve) => server.once('listening', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    }
    Object.assign(agent, await login('agent001'));
    Object.assign(other, await login('agent002'));
    const [row] = await s.ds.query<Array<{ id: string; name: string }>>('SELECT id, name FROM customer WHERE corp_id = ? AND merged_into_id IS NULL ORDER BY id LIMIT 1', [s.running.corpId]);
    customer = { id: row!.id, name: row!.name };
    const reasons: ScoreReason[] = [
      { ruleId: 'fit_age', rule: '主力投保年龄 28–50 岁', dimension: 'fit', points: 20, detail: '35 岁' },
      { ruleId: 'eng_calculator', rule: '使用保费测算', dimension: 'engagement', points: 18.4, detail: '30 天内 2 次' },
      { ruleId: 'fit_wecom', rule: '已加企业微信', dimension: 'fit', points: 15, detail: '已加企业微信' },
      { ruleId: 'eng_proposal', rule: '索取计划书', dimension: 'engagement', points: 25, detail: '30 天内 1 次' },
    ];
    const top = topReasons(reasons);
    payload = {
      leadId: 'lead-test-1',
      customer,
      productLine: 'critical_illness',
      grade: 'A',
      score: 78.4,
      reasons: top,
      suggestedMessage: suggestFirstMessage({ customerName: customer.name, productLine: 'critical_illness', sourceKind: 'engagement_jump', topReason: top[0], agentName: '王一' }),
      slaDeadline: new Date(c.clock.now().getTime() + 4 * 3_600_000).toISOString(),
      source: { name: '活跃度突增', kind: 'engagement_jump' },
    };
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await browser?.close();
    await ownFeed?.close();
    if (ownServer) {
      ownServer.closeAllConnections();
      await new Promise<void>((resolve) => ownServer!.close(() => resolve()));
    }
    await s?.close();
  });

  it('delivers a notification written in this process to its agent within a second, with every field, and not to another agent', async () => {
    const stream = await connect(agent.token);
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.headers.get('cache-control')).toMatch(/no-cache/);
    expect(stream.headers.get('x-accel-buffering')).toBe('no');

    const notOurs = await notifications.notify(s.running.corpId, other.id, 'lead.assigned', { ...payload, leadId: 'lead-of-agent002' });
    const ours = await notifications.notify(s.running.corpId, agent.id, 'lead.assigned', payload);
    const event = await arrives(stream, ours.id);
    expect(stream.retry).toBe(3000);
    expect(event.event).toBe('lead.assigned');
    const n = parsed(event);
    expect(n).toEqual({ id: ours.id, kind: 'lead.assigned', at: ours.at, read: false, payload });
    expect(leadCard(n.payload).reasons.map((r) => r.ruleId)).toEqual(['eng_proposal', 'fit_age', 'eng_calculator']);
    expect(leadCard(n.payload).suggestedMessage).toContain(customer.name);
    expect(leadCard(n.payload).suggestedMessage).toContain('计划书');

    // A row for this agent that only the poll can bring: once it is here, the poll has also read
    // the other agent's row, which must not have come.
    const marker = await insertRow(agent.id, 'lead.upgraded', c.clock.now());
    await arrives(stream, marker, 'the poll marker');
    expect(stream.events.map((e) => e.id)).not.toContain(notOurs.id);
    expect(stream.events.filter((e) => e.id === ours.id)).toHaveLength(1);
  });

  it('brings rows written by another process through the poll within a second, also one committed after a later one', async () => {
    const stream = await connect(agent.token);
    const now = c.clock.now();
    const fresh = await insertRow(agent.id, 'lead.sla_reminder', now);
    const event = await arrives(stream, fresh);
    expect(event.event).toBe('lead.sla_reminder');
    expect(parsed(event)).toEqual({ id: fresh, kind: 'lead.sla_reminder', at: now.toISOString(), read: false, payload });

    // A slow transaction elsewhere: stamped two seconds ago, committed only now, after the row above.
    const late = await insertRow(agent.id, 'lead.returned', new Date(c.clock.now().getTime() - 2000));
    expect(parsed(await arrives(stream, late)).kind).toBe('lead.returned');
    expect(stream.events.filter((e) => e.id === fresh)).toHaveLength(1);
  });

  it('replays what a reconnecting stream missed after its Last-Event-ID, then goes on live, never sending one twice', async () => {
    // Only this stream: when it goes, the feed forgets what it delivered, and the reconnect's first
    // poll reads the whole look-back again (n1 included).
    for (const client of clients.splice(0)) client.close();
    await until('the earlier streams to close', async () => feed.size === 0, 1000);
    const first = await connect(agent.token);
    const n1 = await notifications.notify(s.running.corpId, agent.id, 'lead.assigned', { ...payload, leadId: 'lead-r1' });
    await arrives(first, n1.id);
    first.close();
    await until('the first stream to close', async () => feed.size === 0, 1000);

    const n2 = await notifications.notify(s.running.corpId, agent.id, 'lead.upgraded', { ...payload, leadId: 'lead-r2', grade: 'A' });
    const n3 = await notifications.notify(s.running.corpId, agent.id, 'lead.sla_reminder', { ...payload, leadId: 'lead-r3' });
    const theirs = await notifications.notify(s.running.corpId, other.id, 'lead.assigned', { ...payload, leadId: 'lead-theirs' });

    const again = await connect(agent.token, { 'last-event-id': n1.id });
    await arrives(again, n3.id);
    // Written by "another process" after the reconnect: when it arrives, the fresh poll has read the
    // whole look-back (n1 included) at least once.
    const n4 = await insertRow(agent.id, 'lead.assigned', c.clock.now());
    await arrives(again, n4);
    expect(again.events.map((e) => e.id)).toEqual([n2.id, n3.id, n4]);
    expect(again.events.map((e) => e.event)).toEqual(['lead.upgraded', 'lead.sla_reminder', 'lead.assigned']);
    expect(leadCard(parsed(again.events[0]!).payload).leadId).toBe('lead-r2');
    expect(again.events.map((e) => e.id)).not.toContain(theirs.id);

    // A client that reconnects by hand (a new EventSource cannot set the header) says it in the query.
    const byQuery = await connect(agent.token, {}, `?lastEventId=${encodeURIComponent(n2.id)}`);
    await arrives(byQuery, n4);
    expect(byQuery.events.map((e) => e.id)).toEqual([n3.id, n4]);

    // Someone else's id resumes nothing of theirs and replays nothing.
    const foreign = await connect(agent.token, { 'last-event-id': theirs.id });
    const n5 = await notifications.notify(s.running.corpId, agent.id, 'lead.assigned', { ...payload, leadId: 'lead-r5' });
    await arrives(foreign, n5.id);
    expect(foreign.events.map((e) => e.id)).not.toContain(theirs.id);
  });

  it('replays at most the latest 100 missed notifications', async () => {
    const anchor = await notifications.notify(s.running.corpId, other.id, 'lead.assigned', { ...payload, leadId: 'lead-anchor' });
    const start = new Date(anchor.at).getTime();
    const ids: string[] = [];
    for (let i = 1; i <= 120; i += 1) ids.push(await insertRow(other.id, 'lead.upgraded', new Date(start + i)));
    const stream = await connect(other.token, { 'last-event-id': anchor.id });
    await arrives(stream, ids[119]!);
    // The replay comes first, oldest first; the poll may add the older ones of the look-back after it.
    expect(stream.events.slice(0, 100).map((e) => e.id)).toEqual(ids.slice(20));
  });

  it('reaches a real EventSource in headless Chromium, with the token in the query', async () => {
    browser = await launchChromium();
    const page = await browser.newPage();
    // A page of our own origin with the sidebar's policy (connect-src 'self'), as the sidebar app has;
    // /healthz would not do: data answers carry `default-src 'none'`, which forbids any connection.
    const pagePolicy = securityHeadersFor({ path: '/sidebar/', secure: false })['Content-Security-Policy']!;
    await page.route(`${base}/sidebar/stream-test.html`, (route) =>
      route.fulfill({ contentType: 'text/html', headers: { 'Content-Security-Policy': pagePolicy }, body: '<!doctype html><title>stream</title>' }),
    );
    await page.goto(`${base}/sidebar/stream-test.html`);
    await page.evaluate((url) => {
      const w = globalThis as unknown as PageGlobals;
      w.got = [];
      w.es = new w.EventSource(url);
      w.es.addEventListener('lead.assigned', (e) => w.got.push({ id: e.lastEventId, data: e.data }));
    }, `/api/leads/stream?access_token=${encodeURIComponent(agent.token)}`);
    await until('the EventSource to open', () => page.evaluate(() => (globalThis as unknown as PageGlobals).es.readyState === 1));

    const n = await notifications.notify(s.running.corpId, agent.id, 'lead.assigned', { ...payload, leadId: 'lead-browser' });
    const got = await until('the browser to receive the event', () => page.evaluate((id) => (globalThis as unknown as PageGlobals).got.find((e) => e.id === id) ?? null, n.id));
    const seen = agentNotificationSchema.parse(JSON.parse(got.data));
    expect(leadCard(seen.payload).leadId).toBe('lead-browser');
    expect(leadCard(seen.payload).customer).toEqual(customer);
    await page.evaluate(() => (globalThis as unknown as PageGlobals).es.close());
    await page.close();
  });

  it('refuses a stream without a valid token (401) and to a customer (403)', async () => {
    const none = await openStream(`${base}/api/leads/stream`);
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('unauthorized');

    const bad = await openStream(`${base}/api/leads/stream?access_token=not-a-token`);
    expect(bad.status).toBe(401);

    const customerToken = c.tokens.sign({ id: customer.id, role: 'customer', corpId: s.running.corpId, teamId: null, name: customer.name }).token;
    const byHeader = await openStream(`${base}/api/leads/stream`, { authorization: `Bearer ${customerToken}` });
    expect(byHeader.status).toBe(403);
    expect(byHeader.body.error.code).toBe('forbidden');
    const byQuery = await openStream(`${base}/api/leads/stream?access_token=${encodeURIComponent(customerToken)}`);
    expect(byQuery.status).toBe(403);
    expect((await fetch(`${base}/api/notifications`, { headers: { authorization: `Bearer ${customerToken}` } })).status).toBe(403);
  });

  it('lists the caller’s own notifications newest first and marks only their own read', async () => {
    const a = await notifications.notify(s.running.corpId, agent.id, 'lead.assigned', { ...payload, leadId: 'lead-list-a' });
    const b = await notifications.notify(s.running.corpId, agent.id, 'lead.upgraded', { ...payload, leadId: 'lead-list-b' });
    const theirs = await notifications.notify(s.running.corpId, other.id, 'lead.assigned', { ...payload, leadId: 'lead-list-theirs' });
    const get = async (query = '') => {
      const res = await fetch(`${base}/api/notifications${query}`, { headers: { authorization: `Bearer ${agent.token}` } });
      expect(res.status).toBe(200);
      return (await res.json()) as { items: AgentNotification[]; unread: number };
    };
    const list = await get('?limit=200');
    const ids = list.items.map((n) => n.id);
    expect(ids.indexOf(b.id)).toBeLessThan(ids.indexOf(a.id));
    expect(ids).not.toContain(theirs.id);
    expect(list.items.find((n) => n.id === b.id)).toEqual(b);
    const before = list.unread;

    const read = await fetch(`${base}/api/notifications/read`, {
      method: 'POST',
      headers: { authorization: `Bearer ${agent.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ids: [a.id, theirs.id] }),
    });
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual({ updated: 1, unread: before - 1 });
    const unread = await get('?unread=true&limit=200');
    expect(unread.items.map((n) => n.id)).not.toContain(a.id);
    expect(unread.items.map((n) => n.id)).toContain(b.id);
    expect((await get('?unread=false&limit=200')).items.find((n) => n.id === a.id)?.read).toBe(true);
    const theirList = await notifications.list(s.running.corpId, other.id, { unread: 'true', limit: 200 });
    expect(theirList.items.map((n) => n.id)).toContain(theirs.id);
  });

  it('documents the stream next to the JSON routes in the OpenAPI document', () => {
    const doc = buildOpenApi(notificationRoutes(notifications), { title: 't', version: '0' }) as { paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
    const stream = (leadStreamOpenApi['/api/leads/stream'] as { get: { responses: Record<string, { content: Record<string, { itemSchema?: { $ref: string } }> }> } }).get;
    const ref = stream.responses['200']!.content['text/event-stream']!.itemSchema!.$ref;
    expect(ref).toBe('#/components/schemas/AgentNotification');
    expect(doc.components.schemas.AgentNotification).toBeDefined();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/notifications', '/api/notifications/read']));
  });
});
