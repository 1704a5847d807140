import { gzipSync } from 'node:zlib';
import { getSignature } from '@wecom/crypto';
import { sandboxDefaults } from '../src/platform/config';
import { callbackXml, contactEvent, signedCallback, type DriverTenant } from '../src/sandbox/callback-driver';
import { casesFor, enc, operationsOf, type FuzzCase, type Operation } from './support/fuzz';
import { startTestServer, type TestServer } from './support/server';

/**
 * Bad input, proven: every operation of GET /api/openapi.json gets seeded junk (wrong types, missing
 * and extra fields, huge and unicode strings, odd numbers, broken JSON, wrong content types, hostile
 * path and query values, arrays for scalars); so do the WeCom callback and the tracking endpoints.
 * The answer is never a 5xx, an /api 4xx is JSON with a message, and the server keeps answering.
 */

/** Seeded cases per operation, on top of the fixed token and role checks. */
const runsPerOperation = 25;
const tenant: DriverTenant = { corpId: sandboxDefaults.corpId, token: sandboxDefaults.callbackToken, aesKey: sandboxDefaults.callbackAesKey };

interface Answer {
  status: number;
  body: any;
  text: string;
  headers: Headers;
}

describe(`bad input never breaks the server, on ${process.env.TEST_DB}`, () => {
  let s: TestServer;
  let ops: Operation[];
  const tokens: Record<'admin' | 'agent' | 'customer', string> = { admin: '', agent: '', customer: '' };
  const failures: string[] = [];
  let sent = 0;
  const statuses: Record<number, number> = {};

  beforeAll(async () => {
    s = await startTestServer({}, { demoCustomers: 10 });
    tokens.admin = await s.login('admin');
    tokens.agent = await s.login('agent001');
    const mp = await s.post('/api/mp/login', { code: 'demo-1' });
    tokens.customer = mp.body.token as string;
    ops = operationsOf((await s.get('/api/openapi.json')).body);
  });
  afterAll(() => s.close());
  beforeEach(() => {
    failures.length = 0;
  });

  async function send(method: string, path: string, init: { query?: string; headers?: Record<string, string>; body?: string | Buffer; token?: string } = {}): Promise<Answer> {
    sent += 1;
    const headers: Record<string, string> = { ...init.headers, ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) };
    const res = await fetch(`${s.url}${path}${init.query ? `?${init.query}` : ''}`, {
      method,
      headers,
      ...(init.body !== undefined ? { body: init.body } : {}),
      signal: AbortSignal.timeout(20_000),
    });
    let text = '';
    if ((res.headers.get('content-type') ?? '').includes('text/event-stream')) await res.body?.cancel();
    else text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, body, text, headers: res.headers };
  }

  /** Records what a broken server would get wrong: a 5xx, or an /api error without a JSON message. */
  function judge(where: string, res: Answer, expected?: number): void {
    const message = typeof res.body === 'object' && res.body ? (res.body as { error?: { message?: unknown } }).error?.message : undefined;
    if (res.status >= 500) failures.push(`${where} → ${res.status} ${res.text.slice(0, 200)}`);
    else if (expected !== undefined && res.status !== expected) failures.push(`${where} → ${res.status}, expected ${expected}: ${res.text.slice(0, 120)}`);
    else if (res.status >= 400 && (typeof message !== 'string' || message.length === 0)) failures.push(`${where} → ${res.status} without a JSON error message: ${res.text.slice(0, 120)}`);
  }

  function tokenFor(op: Operation): string | undefined {
    if (op.roles === 'public') return undefined;
    if (op.roles.includes('admin')) return tokens.admin;
    if (op.roles.includes('agent')) return tokens.agent;
    return tokens.customer;
  }

  async function fuzzOperation(op: Operation, ownToken?: string): Promise<void> {
    const name = `${op.method} ${op.path}`;
    const plain = op.path.replace(/\{[^}]+\}/g, 'x');
    if (op.roles !== 'public') {
      judge(`${name} without a token`, await send(op.method, plain), 401);
      judge(`${name} with a junk token`, await send(op.method, plain, { token: 'junk.junk.junk' }), 401);
      const roles = op.roles;
      const outsider = (['agent', 'customer', 'admin'] as const).find((r) => !roles.includes(r));
      if (outsider) judge(`${name} as ${outsider}`, await send(op.method, plain, { token: tokens[outsider] }), 403);
    }
    const token = ownToken ?? tokenFor(op);
    for (const c of casesFor(op, runsPerOperation) as FuzzCase[]) {
      const res = await send(op.method, c.path, { query: c.query, headers: c.headers, ...(c.body !== undefined ? { body: c.body } : {}), ...(token ? { token } : {}) });
      judge(`${name} ${c.label} (${c.path.slice(0, 80)}?${c.query.slice(0, 80)})`, res);
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    }
  }

  it('answers bad input to every /api operation with a clear 4xx, never a 5xx, and keeps running', async () => {
    const started = Date.now();
    expect(ops.length).toBeGreaterThan(150);
    // Last, one at a time: the sandbox's clock and fault switches (junk that is valid there may move
    // the clock past the tokens' lifetime) and the routes that end sessions (each with its own token).
    const endsSessions = (o: Operation) => /^\/api\/auth\/(logout|sessions)/.test(o.path);
    const late = (o: Operation) => o.path.startsWith('/api/sandbox/') || endsSessions(o);
    const queue = ops.filter((o) => !late(o));
    await Promise.all(
      [1, 2, 3, 4].map(async () => {
        for (let op = queue.shift(); op; op = queue.shift()) await fuzzOperation(op);
      }),
    );
    for (const op of ops.filter(endsSessions)) await fuzzOperation(op, await s.login('admin'));
    for (const op of ops.filter((o) => o.path.startsWith('/api/sandbox/'))) await fuzzOperation(op);

    // Past Node's 16 KB header limit the HTTP parser answers 431 itself; the process lives on.
    const longUrl = await send('GET', '/api/customers', { query: `q=${'x'.repeat(20_000)}`, token: tokens.admin });
    if (longUrl.status !== 431) failures.push(`a 20 KB URL → ${longUrl.status}, expected 431`);

    // Junk that was valid for POST /api/sandbox/clock may have moved the sandbox clock past the
    // tokens' lifetime: sign in again (first, so the tests below do not depend on this one passing).
    tokens.admin = await s.login('admin');
    tokens.agent = await s.login('agent001');
    expect(failures).toEqual([]);
    // Prototype keys in bodies and queries reached nothing shared.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await s.get('/healthz')).status).toBe(200);
    // The server still serves a real request.
    expect((await s.get('/api/auth/me', tokens.admin)).status).toBe(200);
    expect((await s.get('/api/customers', tokens.agent)).status).toBe(200);
    // The cases reached the routes' own validation with a live token: a lost session would show as 401s.
    const fuzzed = Object.values(statuses).reduce((a, b) => a + b, 0);
    expect((statuses[401] ?? 0) / fuzzed).toBeLessThan(0.02);
    console.log(`api fuzz: ${ops.length} operations, ${sent} requests (${fuzzed} seeded), ${Date.now() - started} ms, statuses ${JSON.stringify(statuses)}`);
  }, 180_000);

  it('refuses a 2 MB JSON body to an /api route with 413 and says why', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) });
    const res = await send('POST', '/api/segments', { headers: { 'content-type': 'application/json' }, body: big, token: tokens.admin });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
    expect(res.body.error.message).toMatch(/too large/i);
    const form = await send('POST', '/api/segments', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `a=${'x'.repeat(300 * 1024)}`, token: tokens.admin });
    expect(form.status).toBe(413);
    expect((await s.get('/healthz')).status).toBe(200);
  });

  it('sends the security headers and no CORS headers to a foreign origin', async () => {
    const res = await send('GET', '/api/customers', { token: tokens.admin, headers: { origin: 'https://evil.example' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    const preflight = await send('OPTIONS', '/api/customers', { headers: { origin: 'https://evil.example', 'access-control-request-method': 'DELETE' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-methods')).toBeNull();
    // The tracking SDKs keep their own open CORS.
    const sa = await send('OPTIONS', '/sa', { headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' } });
    expect(sa.status).toBe(204);
    expect(sa.headers.get('access-control-allow-origin')).toBe('https://shop.example');
  });

  describe('the WeCom callback', () => {
    // The product's clock, which the sandbox clock route may have moved during the fuzz above.
    const serverNow = () => s.running.container.clock.now();
    const nowSec = () => String(Math.floor(serverNow().getTime() / 1000));
    const inboxCount = async () => Number((await s.ds.query<{ n: number }[]>('SELECT COUNT(*) AS n FROM wecom_inbox'))[0]!.n);

    it('refuses junk verification requests with a 4xx', async () => {
      const ts = nowSec();
      const signedJunk = (echostr: string) => `msg_signature=${getSignature(tenant.token, ts, 'n1', echostr)}&timestamp=${ts}&nonce=n1&echostr=${enc(echostr)}`;
      const queries = [
        '',
        'echostr=abc',
        'msg_signature=a&msg_signature=b&timestamp=1&nonce=1&echostr=x',
        `msg_signature=x&timestamp=${'9'.repeat(400)}&nonce=n&echostr=x`,
        'msg_signature=x&timestamp=NaN&nonce=n&echostr=x',
        'msg_signature=x&timestamp=-1&nonce=n&echostr=x',
        `msg_signature=x&timestamp=${ts}&nonce=n&echostr=${'A'.repeat(8000)}`,
        'msg_signature=%zz&timestamp=%&nonce=%00&echostr=%ED%A0%80',
        signedJunk('not base64 ***'),
        signedJunk('AAAA'),
        signedJunk(Buffer.alloc(48, 1).toString('base64')),
        signedJunk('🧨'.repeat(50)),
      ];
      for (const q of queries) judge(`GET /wecom/callback?${q.slice(0, 60)}`, await send('GET', '/wecom/callback', { query: q }));
      judge('GET /wecom/callback/<junk corp>', await send('GET', `/wecom/callback/${enc('../../x\u0000')}`, { query: signedJunk('AAAA') }), 404);
      expect(failures).toEqual([]);
    });

    it('refuses junk, oversized and entity-expanding POSTs with a 4xx and stores nothing', async () => {
      const before = await inboxCount();
      const good = signedCallback(tenant, callbackXml(tenant.corpId, contactEvent.added('agent001', 'wmFuzz0001', Number(nowSec()))), serverNow());
      const q = new URLSearchParams(good.query).toString();
      const laughs = ['<!ENTITY l0 "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`)].join('');
      const bomb = `<?xml version="1.0"?><!DOCTYPE xml [${laughs}]><xml><ToUserName>&l9;</ToUserName><Encrypt>&l9;</Encrypt></xml>`;
      const innerBomb = signedCallback(tenant, `<!DOCTYPE xml [${laughs}]><xml><Event>&l9;</Event></xml>`, serverNow());
      const xml = { 'content-type': 'text/xml' };
      const cases: [string, string, Record<string, string>, string | Buffer, number?][] = [
        ['bad signature', q.replace(/msg_signature=[^&]+/, 'msg_signature=0000'), xml, good.body, 401],
        ['no query', '', xml, good.body, 400],
        ['empty body', q, xml, '', 400],
        ['not XML', q, xml, 'hello', 400],
        ['unclosed XML', q, xml, '<xml><Encrypt>abc', 400],
        ['two roots', q, xml, `${good.body}${good.body}`, 400],
        ['billion laughs outside', q, xml, bomb, 400],
        ['billion laughs inside, correctly signed', new URLSearchParams(innerBomb.query).toString(), xml, innerBomb.body, 400],
        ['external entity', q, xml, '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><Encrypt>&e;</Encrypt></xml>', 400],
        ['JSON instead of XML', q, { 'content-type': 'application/json' }, '{"Encrypt":"abc"}', 400],
        ['form instead of XML', q, { 'content-type': 'application/x-www-form-urlencoded' }, 'Encrypt=abc', 400],
        ['binary', q, { 'content-type': 'application/octet-stream' }, Buffer.from([0, 1, 2, 255]), 400],
        ['over the 1 MB limit', q, xml, `<xml><Encrypt>${'A'.repeat(1_200_000)}</Encrypt></xml>`, 413],
        ['bad gzip', q, { ...xml, 'content-encoding': 'gzip' }, Buffer.from('nope'), 400],
      ];
      for (const [label, query, headers, body, status] of cases) {
        const started = Date.now();
        const res = await send('POST', '/wecom/callback', { query, headers, body });
        judge(`POST /wecom/callback ${label}`, res, status);
        if (/laughs/.test(label)) expect(Date.now() - started).toBeLessThan(5000);
      }
      expect(failures).toEqual([]);
      expect(await inboxCount()).toBe(before);
      // The genuine event still lands afterwards.
      expect((await send('POST', '/wecom/callback', { query: q, headers: xml, body: good.body })).text).toBe('success');
    });
  });

  describe('the tracking endpoints', () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const b64 = (v: string | Buffer) => enc(Buffer.from(v).toString('base64'));

    it('refuses junk Sensors payloads with a 4xx', async () => {
      const bodies = [
        '',
        'data=',
        'data_list=%%%not-base64&gzip=1',
        `data_list=${b64('not gzip')}&gzip=1`,
        `data_list=${b64('{"a":')}&gzip=0`,
        `data_list=${b64(gzipSync(Buffer.alloc(64 * 1024 * 1024)))}&gzip=1`,
        `data_list=${b64(JSON.stringify(Array.from({ length: 6000 }, () => ({}))))}`,
        `data=${b64('null')}`,
        `data=${b64('"just a string"')}`,
        `data=${b64(JSON.stringify([null, 1, 'x', [], { type: 'track' }, { type: 'track', event: {}, distinct_id: [], time: 'NaN', properties: 'x' }]))}`,
        `data=${b64('{"__proto__":{"polluted":"yes"},"type":"profile_set","distinct_id":"x","properties":{"__proto__":{"polluted":"yes"}}}')}`,
        `data=${b64('x')}&gzip=2`,
        `data=a&data=b&data_list=c&data_list=d&gzip=1&gzip=0`,
        `data=${b64('{}')}&project=${enc('../../etc\u0000'.repeat(20))}`,
      ];
      for (const body of bodies) judge(`POST /sa ${body.slice(0, 60)}`, await send('POST', '/sa', { headers: form, body }));
      for (const query of ['', 'data=%zz', `data=${b64('[')}`, 'data=AAAA&gzip=1', `data=${b64('{}')}&project=nope`]) {
        judge(`GET /sa?${query}`, await send('GET', '/sa', { query }));
        const gif = await send('GET', '/sa.gif', { query });
        if (gif.status >= 500) failures.push(`GET /sa.gif?${query} → ${gif.status}`);
      }
      judge('POST /sa bad gzip encoding', await send('POST', '/sa', { headers: { ...form, 'content-encoding': 'gzip' }, body: 'data=xyz' }), 400);
      judge('POST /sa as JSON', await send('POST', '/sa', { headers: { 'content-type': 'application/json' }, body: '{"data":[1]}' }));
      judge('POST /sa over the limit', await send('POST', '/sa', { headers: form, body: `data_list=${'A'.repeat(9 * 1024 * 1024)}` }), 413);
      expect(failures).toEqual([]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('refuses Segment calls with bad auth or junk JSON with a 4xx', async () => {
      const json = { 'content-type': 'application/json' };
      const auth = { ...json, authorization: `Basic ${Buffer.from(`${sandboxDefaults.segmentWriteKey}:`).toString('base64')}` };
      const cases: [string, string, Record<string, string>, string, number?][] = [
        ['no auth', '/v1/batch', json, '{"batch":[]}', 401],
        ['unknown key', '/v1/batch', { ...json, authorization: `Basic ${Buffer.from('nope:').toString('base64')}` }, '{"batch":[]}', 401],
        ['auth not base64', '/v1/batch', { ...json, authorization: 'Basic %%%***' }, '{"batch":[]}', 401],
        ['auth scheme', '/v1/batch', { ...json, authorization: 'Bearer x' }, '{"batch":[]}', 401],
        ['malformed JSON', '/v1/batch', auth, '{"batch":[', 400],
        ['batch not an array', '/v1/batch', auth, '{"batch":{"0":1}}', 400],
        ['top-level array', '/v1/batch', auth, '[1,2,3]', 400],
        ['junk messages', '/v1/batch', auth, JSON.stringify({ batch: [null, 1, 'x', {}, { type: 'track' }, { type: 'identify', userId: {}, traits: [] }, { __proto__: { polluted: 1 }, type: 'alias' }] })],
        ['junk track', '/v1/track', auth, JSON.stringify({ event: ['x'], userId: 12, timestamp: 'not a date', properties: 'x' })],
        ['string body', '/v1/identify', auth, '"hello"', 400],
        ['write key in the body only, unknown', '/v1/track', json, JSON.stringify({ writeKey: 'nope', event: 'x' }), 401],
        ['over the limit', '/v1/batch', auth, JSON.stringify({ batch: [{ type: 'track', event: 'x'.repeat(2 * 1024 * 1024) }] }), 413],
        ['XML', '/v1/batch', { ...auth, 'content-type': 'application/xml' }, '<a/>'],
        ['bad deflate', '/v1/batch', { ...auth, 'content-encoding': 'deflate' }, 'not deflate', 400],
      ];
      for (const [label, path, headers, body, status] of cases) judge(`POST ${path} ${label}`, await send('POST', path, { headers, body }), status);
      expect(failures).toEqual([]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect((await s.get('/healthz')).status).toBe(200);
    });
  });
});
