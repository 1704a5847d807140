import type { Clock } from '../platform/clock';
import { WecomApiClient } from './wecom-api.client';
import { WecomApiError } from './wecom-api.port';

const clock = (start = Date.parse('2026-03-01T00:00:00Z')) => {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) } as Clock & { advance(ms: number): number };
};

/** A scripted WeCom: answers by path, counting calls. */
function fakeWecom(answer: (path: string, url: URL) => unknown) {
  const calls: string[] = [];
  const fetchImpl = (async (input: Parameters<typeof fetch>[0]) => {
    const url = new URL(String(input));
    calls.push(url.pathname);
    const body = answer(url.pathname, url);
    if (body instanceof Error || body instanceof DOMException) throw body;
    if (typeof body === 'number') return new Response('oops', { status: body });
    if (typeof body === 'string') return new Response(body, { status: 200 });
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { calls, fetchImpl };
}

const client = (fetchImpl: typeof fetch, c: Clock = clock()) => new WecomApiClient({ baseUrl: 'https://wecom.test', corpId: 'ww1', secret: 's', clock: c, fetch: fetchImpl, sleep: async () => undefined });
const token = { errcode: 0, access_token: 'T1', expires_in: 7200 };

describe('WecomApiClient', () => {
  it('drops a refused token, fetches one new one and retries once', async () => {
    let refused = 0;
    const w = fakeWecom((path, url) => {
      if (path === '/cgi-bin/gettoken') return { ...token, access_token: `T${w.calls.filter((c) => c === path).length}` };
      if (url.searchParams.get('access_token') === 'T1' && refused++ === 0) return { errcode: 42001, errmsg: 'expired' };
      return { errcode: 0, ok: url.searchParams.get('access_token') };
    });
    expect(await client(w.fetchImpl).get('/cgi-bin/x')).toMatchObject({ ok: 'T2' });
    expect(w.calls.filter((c) => c === '/cgi-bin/gettoken')).toHaveLength(2);
  });

  it('backs off on throttling, then gives up as rate_limited; busy as unavailable', async () => {
    const w = fakeWecom((path) => (path === '/cgi-bin/gettoken' ? token : path === '/cgi-bin/busy' ? { errcode: -1, errmsg: 'system busy' } : { errcode: 45009, errmsg: 'limit' }));
    const c = client(w.fetchImpl);
    await expect(c.get('/cgi-bin/x')).rejects.toMatchObject({ errcode: 45009, code: 'rate_limited' });
    expect(w.calls.filter((p) => p === '/cgi-bin/x')).toHaveLength(4);
    await expect(c.get('/cgi-bin/busy')).rejects.toMatchObject({ errcode: -1, code: 'unavailable' });
  });

  it('reads HTTP errors, network failures, timeouts and non-JSON answers as unavailable', async () => {
    const w = fakeWecom((path) =>
      path === '/cgi-bin/gettoken' ? token : path === '/cgi-bin/down' ? 502 : path === '/cgi-bin/html'
            ? '<html>gateway</html>'
            : path === '/cgi-bin/slow'
              ? new DOMException('The operation was aborted due to timeout', 'TimeoutError')
              : new TypeError('fetch failed'),
    );
    const c = client(w.fetchImpl);
    const down = await c.get('/cgi-bin/down').catch((e: unknown) => e);
    expect(down).toBeInstanceOf(WecomApiError);
    expect(down).toMatchObject({ errcode: -1, errmsg: 'HTTP 502', code: 'unavailable' });
    await expect(c.get('/cgi-bin/gone')).rejects.toMatchObject({ errcode: -1, code: 'unavailable', errmsg: expect.stringContaining('fetch failed') });
    await expect(c.get('/cgi-bin/slow')).rejects.toMatchObject({ errcode: -1, code: 'unavailable', errmsg: 'no answer within 10000 ms' });
    await expect(c.get('/cgi-bin/html')).rejects.toMatchObject({ errcode: -1, code: 'unavailable', errmsg: 'the answer is not JSON' });
  });

  it('names the configuration to fix when gettoken refuses the secret', async () => {
    const w = fakeWecom(() => ({ errcode: 40001, errmsg: 'invalid credential' }));
    await expect(client(w.fetchImpl).get('/cgi-bin/x')).rejects.toMatchObject({ errcode: 40001, code: 'upstream_error', message: expect.stringContaining('WECOM_CONTACT_SECRET') });
  });

  it('fetches each ticket once per lifetime for concurrent callers, and again after it expires', async () => {
    let n = 0;
    const w = fakeWecom((path) => (path === '/cgi-bin/gettoken' ? token : { errcode: 0, ticket: `${path}#${++n}`, expires_in: 7200 }));
    const c0 = clock();
    const c = client(w.fetchImpl, c0);
    const burst = await Promise.all(Array.from({ length: 20 }, () => c.ticket('jsapi')));
    expect(new Set(burst)).toEqual(new Set(['/cgi-bin/get_jsapi_ticket#1']));
    expect(await c.ticket('agent_config')).toBe('/cgi-bin/ticket/get#2');
    c0.advance((7200 - 300) * 1000 + 1);
    expect(await c.ticket('jsapi')).toBe('/cgi-bin/get_jsapi_ticket#3');
  });
});
