import { TypeOrmLeaseStore } from '../src/db/lease.repository';
import { sandboxDefaults } from '../src/platform/config';
import { systemClock } from '../src/platform/clock';
import { DbAccessTokenCache, WecomHttpAdapter } from '../src/wecom';
import { startTestServer, type TestServer } from './support/server';

describe(`WeCom access tokens shared through ${process.env.TEST_DB}`, () => {
  let s: TestServer;
  let gettoken = 0;
  const counting: typeof fetch = (input, init) => {
    if (String(input).includes('/cgi-bin/gettoken')) gettoken += 1;
    return fetch(input, init);
  };
  /** One adapter as one server process would build it: its own memory, the shared database cache. */
  const processClient = (owner: string) =>
    new WecomHttpAdapter({
      baseUrl: `${s.url}/sandbox/wecom`,
      corpId: sandboxDefaults.corpId,
      secret: sandboxDefaults.contactSecret,
      clock: systemClock,
      fetch: counting,
      sleep: async () => undefined,
      tokenCache: new DbAccessTokenCache(s.ds, new TypeOrmLeaseStore(s.ds), systemClock, owner, (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 20)))),
    });

  beforeAll(async () => {
    s = await startTestServer({}, { demoCustomers: 30 });
  });
  afterAll(() => s.close());
  beforeEach(() => {
    gettoken = 0;
  });

  it('makes one gettoken request for a burst of 100 concurrent calls across two processes', async () => {
    const a = processClient('process-a');
    const b = processClient('process-b');
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => (i % 2 ? a : b).listFollowUsers()));
    expect(results.every((r) => r.includes('agent001'))).toBe(true);
    expect(gettoken).toBe(1);
  });

  it('survives an expired-token answer: drops the token, fetches one new one, retries', async () => {
    const a = processClient('process-c');
    await a.listFollowUsers();
    gettoken = 0;
    expect((await s.post('/api/sandbox/wecom/faults', { expireTokens: true })).status).toBe(200);
    const results = await Promise.all(Array.from({ length: 20 }, () => a.listFollowUsers()));
    expect(results.every((r) => r.length > 0)).toBe(true);
    expect(gettoken).toBe(1);
  });

  it('backs off and retries when WeCom answers with a rate limit', async () => {
    const a = processClient('process-d');
    await s.post('/api/sandbox/wecom/faults', { rateLimitNext: 2 });
    expect(await a.listFollowUsers()).toContain('agent001');
    await s.post('/api/sandbox/wecom/faults', { rateLimitNext: 10 });
    await expect(a.listFollowUsers()).rejects.toMatchObject({ errcode: 45009 });
    await s.post('/api/sandbox/wecom/faults', { rateLimitNext: 0 });
  });
});
