import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Analytics } from '@segment/analytics-node';
import { until } from './support/browser';
import { startTestServer, type TestServer } from './support/server';

/**
 * The official Segment Node library (@segment/analytics-node) against the running server's
 * Segment-compatible /v1 endpoints, with the sandbox write key.
 */

const writeKey = 'sandbox-write-key';

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: { batch: Array<Record<string, any>>; writeKey?: string; sentAt?: string };
}

/** An Analytics client that records every request it makes and every status it gets back. */
function client(host: string, opts: { writeKey?: string; maxRetries?: number } = {}) {
  const analytics = new Analytics({ writeKey: opts.writeKey ?? writeKey, host, flushAt: 20, flushInterval: 200, maxRetries: opts.maxRetries ?? 3, httpRequestTimeout: 5000 });
  const requests: Sent[] = [];
  const statuses: number[] = [];
  const errors: unknown[] = [];
  analytics.on('http_request', (r) => requests.push({ url: r.url, method: r.method, headers: r.headers, body: JSON.parse(r.body) }));
  analytics.on('http_response', (r) => statuses.push(r.status));
  analytics.on('error', (e) => errors.push(e));
  return { analytics, requests, statuses, errors };
}

/** A forwarding proxy to the server that answers the first `failures` requests 503 after forwarding them. */
async function flakyProxy(target: string, failures: number) {
  const seen: Array<{ headers: IncomingHttpHeaders; body: string; upstream: { status: number; body: string } }> = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && !['host', 'content-length', 'connection'].includes(k)) headers[k] = v;
      void fetch(target + (req.url ?? '/'), { method: req.method ?? 'POST', headers, body })
        .then(async (up) => {
          const upstream = { status: up.status, body: await up.text() };
          seen.push({ headers: req.headers, body, upstream });
          // The write went through; the client is told it did not (a lost answer, a proxy that timed out).
          if (seen.length <= failures) res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"upstream timeout"}');
          else res.writeHead(up.status, { 'content-type': 'application/json' }).end(upstream.body);
        })
        .catch((error: unknown) => res.writeHead(502).end(String(error)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe(`the official Segment Node library on ${process.env.TEST_DB}`, () => {
  let s: TestServer;
  let admin: string;

  const q = <T>(sql: string, params: unknown[] = []): Promise<T[]> => s.ds.query<T[]>(sql, params);
  const view = async (id: string): Promise<any> => (await s.get(`/api/customers/${id}`, admin)).body;
  const byDistinct = async (distinctId: string): Promise<Array<{ id: string; name: string }>> => (await s.get(`/api/customers?distinctId=${encodeURIComponent(distinctId)}`, admin)).body.items;
  const eventsOf = async (customerId: string) =>
    (await q<{ name: string; type: string; event_key: string; properties: string | null }>('SELECT name, type, event_key, properties FROM tracking_event WHERE customer_id = ? ORDER BY occurred_at, id', [customerId])).map((r) => ({
      ...r,
      properties: r.properties ? (JSON.parse(r.properties) as Record<string, any>) : {},
    }));
  const count = async (sql: string, params: unknown[] = []): Promise<number> => Number((await q<{ n: number | string }>(sql, params))[0]!.n);
  const basic = (key: string): string => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

  beforeAll(async () => {
    s = await startTestServer({}, { demoCustomers: 30 });
    admin = await s.login('admin');
  });
  afterAll(() => s?.close());

  describe('identify, track and page from a signed-up user', () => {
    const userId = 'seg-user-5d1e';
    const anonymousId = 'seg-anon-5d1e';
    const phone = '13800138000';
    let sent: Sent[] = [];

    beforeAll(async () => {
      const c = client(s.url);
      c.analytics.identify({ userId, anonymousId, traits: { name: '林小雨', city: '深圳', phone } });
      c.analytics.track({ userId, event: 'Viewed Product', properties: { product_line: 'critical_illness', product_name: '安心重疾', price: 2380 } });
      c.analytics.page({ userId, name: '产品详情', properties: { url: 'https://m.example.com/p/ci', path: '/p/ci' } });
      await c.analytics.closeAndFlush({ timeout: 10_000 });
      expect({ statuses: c.statuses, errors: c.errors }).toEqual({ statuses: [200], errors: [] });
      sent = c.requests;
    });

    it('sends one JSON batch to /v1/batch with the write key as the basic-auth user', () => {
      expect(sent).toHaveLength(1);
      const [req] = sent;
      expect(req).toMatchObject({ method: 'POST', url: `${s.url}/v1/batch`, headers: { 'Content-Type': 'application/json', Authorization: basic(writeKey) } });
      expect(req!.body.writeKey).toBe(writeKey);
      expect(req!.body.batch.map((m) => m.type)).toEqual(['identify', 'track', 'page']);
      expect(new Set(req!.body.batch.map((m) => m.messageId)).size).toBe(3);
    });

    it('stores the three messages on one customer named and placed by the traits', async () => {
      const [customer] = await byDistinct(userId);
      expect(customer).toBeDefined();
      const v = await view(customer!.id);
      expect(v).toMatchObject({ name: '林小雨', city: '深圳', phone: '138****8000' });
      expect(v.identities).toEqual(expect.arrayContaining([{ kind: 'login_id', value: userId }, { kind: 'anonymous_id', value: anonymousId }, { kind: 'distinct_id', value: userId }]));
      const events = await eventsOf(customer!.id);
      const byName = new Map(events.map((e) => [e.name, e]));
      expect(events.map((e) => `${e.name}/${e.type}`).sort()).toEqual(['$identify/identify', '$pageview/page', 'Viewed_Product/track']);
      expect(byName.get('Viewed_Product')!.properties).toEqual({ product_line: 'critical_illness', product_name: '安心重疾', price: 2380 });
      expect(byName.get('$pageview')!.properties).toMatchObject({ $title: '产品详情', url: 'https://m.example.com/p/ci' });
      // The dedupe key is the SDK's own messageId.
      const ids = sent[0]!.body.batch.map((m) => m.messageId as string);
      expect(events.map((e) => ids.find((id) => e.event_key.endsWith(id))).sort()).toEqual([...ids].sort());
      await s.running.container.customerRefresh.drain();
      expect(v.timeline.map((t: { kind: string }) => t.kind)).toEqual(expect.arrayContaining(['event.Viewed_Product', 'event.$pageview']));
    });

    it('keeps the phone only as a phone_hash identity, an encrypted column and a masked property', async () => {
      const [customer] = await byDistinct(userId);
      const v = await view(customer!.id);
      const kinds = v.identities.map((i: { kind: string }) => i.kind);
      expect(kinds).toContain('phone_hash');
      expect(kinds).not.toContain('phone');
      expect(JSON.stringify(v.identities)).not.toContain(phone);
      const identify = (await eventsOf(customer!.id)).find((e) => e.name === '$identify')!;
      expect(identify.properties).toEqual({ name: '林小雨', city: '深圳', phone: '138****8000' });
      expect(await count('SELECT COUNT(*) AS n FROM tracking_event WHERE properties LIKE ?', [`%${phone}%`])).toBe(0);
      expect(await count('SELECT COUNT(*) AS n FROM tracking_rejection WHERE sample LIKE ?', [`%${phone}%`])).toBe(0);
      expect(JSON.stringify(v.profile)).not.toContain(phone);
      const [row] = await q<{ phone_cipher: string }>('SELECT phone_cipher FROM customer WHERE id = ?', [customer!.id]);
      expect(s.running.container.phoneVault.decrypt(row!.phone_cipher)).toBe(phone);
    });

    it('answers a re-sent batch with the same messageIds as duplicates', async () => {
      const [customer] = await byDistinct(userId);
      const res = await fetch(`${s.url}/v1/batch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: basic(writeKey) },
        body: JSON.stringify({ ...sent[0]!.body, sentAt: new Date().toISOString() }),
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ success: true, received: 3, stored: 0, duplicates: 3 });
      // The same messageId with changed content is still the same message.
      const [track] = sent[0]!.body.batch.filter((m) => m.type === 'track');
      const single = await fetch(`${s.url}/v1/track`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: basic(writeKey) },
        body: JSON.stringify({ ...track, properties: { ...track!.properties, price: 1 } }),
      });
      expect(await single.json()).toMatchObject({ stored: 0, duplicates: 1 });
      expect(await eventsOf(customer!.id)).toHaveLength(3);
    });
  });

  it('merges the anonymous visitor into the known customer on alias(previousId → userId)', async () => {
    const [known] = await q<{ id: string; distinctId: string }>(
      `SELECT c.id, i.value AS distinctId FROM customer_identity i JOIN customer c ON c.id = i.customer_id
       WHERE i.kind = 'distinct_id' AND c.owner_staff_id IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM customer_identity l WHERE l.customer_id = c.id AND l.kind = 'login_id')
       ORDER BY i.value LIMIT 1`,
    );
    const visitorAnon = 'seg-anon-visitor-77a0';
    const c = client(s.url);
    c.analytics.track({ anonymousId: visitorAnon, event: 'Viewed Article', properties: { article: '重疾险怎么选' } });
    await c.analytics.flush({ timeout: 10_000 });
    const [visitor] = await until(`visitor ${visitorAnon}`, () => byDistinct(visitorAnon).then((v) => (v.length ? v : null)));
    expect(visitor!.id).not.toBe(known!.id);
    expect(visitor!.name).toMatch(/^访客 /);

    c.analytics.alias({ previousId: visitorAnon, userId: known!.distinctId });
    await c.analytics.closeAndFlush({ timeout: 10_000 });
    expect({ statuses: c.statuses, errors: c.errors }).toEqual({ statuses: [200, 200], errors: [] });
    expect(c.requests[1]!.body.batch).toEqual([expect.objectContaining({ type: 'alias', previousId: visitorAnon, userId: known!.distinctId })]);

    const [merged] = await q<{ merged_into_id: string | null }>('SELECT merged_into_id FROM customer WHERE id = ?', [visitor!.id]);
    expect(merged!.merged_into_id).toBe(known!.id);
    expect((await byDistinct(visitorAnon)).map((x) => x.id)).toEqual([known!.id]);
    const v = await view(known!.id);
    expect(v.identities).toEqual(expect.arrayContaining([{ kind: 'login_id', value: known!.distinctId }, { kind: 'anonymous_id', value: visitorAnon }]));
    expect((await eventsOf(known!.id)).map((e) => e.name)).toEqual(expect.arrayContaining(['Viewed_Article', '$alias']));
    expect(v.timeline.some((t: { kind: string }) => t.kind === 'event.Viewed_Article')).toBe(true);
  });

  it('refuses an unknown write key with 401, from a raw request and from the SDK', async () => {
    const message = { type: 'track', userId: 'seg-wrong-key', event: 'Should Not Land', messageId: 'wrong-key-1' };
    const raw = await fetch(`${s.url}/v1/batch`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: basic('not-a-key') }, body: JSON.stringify({ batch: [message] }) });
    expect(raw.status).toBe(401);
    const noKey = await fetch(`${s.url}/v1/track`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message) });
    expect(noKey.status).toBe(401);

    const c = client(s.url, { writeKey: 'not-a-key' });
    c.analytics.track({ userId: 'seg-wrong-key', event: 'Should Not Land' });
    await c.analytics.closeAndFlush({ timeout: 10_000 });
    // 401 is final for the SDK: one attempt, a delivery error, nothing stored.
    expect(c.statuses).toEqual([401]);
    expect(c.errors).toHaveLength(1);
    expect(await count("SELECT COUNT(*) AS n FROM tracking_event WHERE name = 'Should_Not_Land'")).toBe(0);
  });

  it('retries after a 503 whose write had gone through, and the event is stored once', async () => {
    const proxy = await flakyProxy(s.url, 1);
    try {
      const c = client(proxy.url);
      c.analytics.track({ userId: 'seg-retry-user', event: 'Submitted Lead', properties: { product_line: 'annuity' } });
      await c.analytics.closeAndFlush({ timeout: 15_000 });
      expect(c.statuses).toEqual([503, 200]);
      expect(c.errors).toEqual([]);
      expect(proxy.seen).toHaveLength(2);
      const [first, retry] = proxy.seen.map((x) => ({ ...x, body: JSON.parse(x.body) as Sent['body'] }));
      expect(retry!.body.batch.map((m) => m.messageId)).toEqual(first!.body.batch.map((m) => m.messageId));
      expect(retry!.headers['x-retry-count']).toBe('1');
      expect(JSON.parse(first!.upstream.body)).toMatchObject({ stored: 1, duplicates: 0 });
      expect(JSON.parse(retry!.upstream.body)).toMatchObject({ stored: 0, duplicates: 1 });
      expect(await count("SELECT COUNT(*) AS n FROM tracking_event WHERE name = 'Submitted_Lead'")).toBe(1);
    } finally {
      await proxy.close();
    }
  });
});
