import { upstreamStatusSchema, type UpstreamStatus } from '@lodestar/shared';
import { until } from './support/browser';
import { startTestServer, type TestServer } from './support/server';

/**
 * A slow or failing WeCom (issue 12, faults): the client's timeout turns a hung call into a failure,
 * its retries are spent, and after UPSTREAM_BREAKER_FAILURES such calls in a row the circuit opens:
 * calls are refused at once without reaching WeCom (the fake counts what it receives), the caller
 * gets a 503 saying WeCom is paused, and admins see the incident. When WeCom answers again the next
 * trial call closes the circuit and the incident. Then the same for a gateway that answers HTTP 503.
 */
describe(`a slow or failing WeCom on ${process.env.TEST_DB}`, () => {
  let s: TestServer;
  let admin: string;
  let agent: string;
  let n = 0;
  const code = () => {
    n += 1;
    return { name: `渠道码 ${n}`, channel: '直播', state: `outage-${n}`, agentUserIds: ['agent001'], tagNames: [], welcomeText: null };
  };
  const faults = async (body: Record<string, unknown>): Promise<{ received: number }> => (await s.post('/api/sandbox/wecom/faults', body)).body as { received: number };
  const status = async (): Promise<UpstreamStatus> => {
    const res = await s.get('/api/system/upstreams', admin);
    expect(res.status).toBe(200);
    return upstreamStatusSchema.parse(res.body);
  };
  const wecomNow = async () => (await status()).now.find((u) => u.upstream === 'wecom')!;

  beforeAll(async () => {
    s = await startTestServer({ WECOM_API_TIMEOUT_MS: '300', UPSTREAM_BREAKER_FAILURES: '2', UPSTREAM_BREAKER_OPEN_MS: '1500' }, { demoCustomers: 5 });
    admin = await s.login('admin');
    agent = await s.login('agent001');
  });
  afterAll(() => s.close());

  it('times out a slow WeCom, pauses calling it after two failed calls, shows admins the incident, and recovers by itself', async () => {
    expect((await s.post('/api/channel-codes', code(), admin)).status).toBe(201);
    expect(await wecomNow()).toMatchObject({ state: 'closed', failuresInRow: 0 });
    expect((await status()).failing).toEqual([]);

    // Slow: every WeCom call takes 1 s, the client gives up after 300 ms (then three retries).
    const before = await faults({ delayMs: 1000 });
    for (let i = 0; i < 2; i += 1) {
      const slow = await s.post('/api/channel-codes', code(), admin);
      expect(slow.status).toBe(503);
      expect(slow.body.error.message).toContain('no answer within 300 ms');
    }
    const afterSlow = await faults({});
    // Two calls, one request each: a call that timed out is not retried (WeCom may have acted on it).
    expect(afterSlow.received - before.received).toBe(2);

    // Open: refused at once, nothing reaches WeCom, and the caller is told why and until when.
    const paused = await s.post('/api/channel-codes', code(), admin);
    expect(paused.status).toBe(503);
    expect(paused.body.error.message).toMatch(/calls to wecom are paused after repeated failures \(last: \/cgi-bin\/externalcontact\/add_contact_way: no answer within 300 ms\); the next try goes out after 20\d\d-/);
    expect((await faults({})).received).toBe(afterSlow.received);
    const open = await status();
    expect(open.failing).toEqual(['wecom']);
    expect(open.now.find((u) => u.upstream === 'wecom')).toMatchObject({ state: 'open', failuresInRow: 2, refused: 1, lastError: { message: expect.stringContaining('no answer within 300 ms') } });
    expect(open.incidents[0]).toMatchObject({ upstream: 'wecom', closedAt: null, failures: 2, lastError: expect.stringContaining('no answer within 300 ms') });
    // Only admins read it; the refused code was not half made.
    expect((await s.get('/api/system/upstreams', agent)).status).toBe(403);
    expect((await s.get('/api/channel-codes', admin)).body.items.map((c: { state: string }) => c.state)).not.toContain(`outage-${n}`);

    // WeCom is fast again: once the pause is over, the next call is the trial, succeeds and closes the circuit.
    await faults({ delayMs: 0 });
    await until('a trial call to go through', async () => (await s.post('/api/channel-codes', code(), admin)).status === 201, 15_000);
    const closed = await status();
    expect(closed.failing).toEqual([]);
    expect(closed.now.find((u) => u.upstream === 'wecom')).toMatchObject({ state: 'closed', failuresInRow: 0 });
    expect(closed.incidents[0]).toMatchObject({ upstream: 'wecom', closedAt: expect.any(String) });
    expect(closed.incidents[0]!.refused).toBeGreaterThanOrEqual(1);
  });

  it('opens on a gateway answering HTTP 503 too, and a failed trial call keeps the same incident', async () => {
    const incidentsBefore = (await status()).incidents.length;
    // A 503 is an answer WeCom never gives: the client reads it as unreachable (errcode -1), not retried.
    await faults({ unavailableNext: 2 });
    for (let i = 0; i < 2; i += 1) {
      const res = await s.post('/api/channel-codes', code(), admin);
      expect(res.status).toBe(503);
      expect(res.body.error.message).toContain('HTTP 503');
    }
    expect((await wecomNow()).state).toBe('open');
    // The trial call after the pause fails again (the gateway still answers 503): open again, same incident.
    await faults({ unavailableNext: 1 });
    await until('the trial call to fail', async () => {
      const res = await s.post('/api/channel-codes', code(), admin);
      const message = String(res.body.error?.message);
      return res.status === 503 && message.includes('HTTP 503') && !message.includes('paused');
    }, 15_000);
    const reopened = await status();
    expect(reopened.incidents.length).toBe(incidentsBefore + 1);
    expect(reopened.incidents[0]).toMatchObject({ closedAt: null, failures: 3 });

    await until('WeCom to be answering again', async () => (await s.post('/api/channel-codes', code(), admin)).status === 201, 15_000);
    const after = await status();
    expect(after.failing).toEqual([]);
    expect(after.incidents.length).toBe(incidentsBefore + 1);
    expect(after.incidents[0]!.closedAt).not.toBeNull();
  });
});
