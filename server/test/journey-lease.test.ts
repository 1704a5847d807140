import type { ChannelPort } from '../src/channels';
import { startTestServer, type TestServer } from './support/server';

/**
 * A worker whose lease runs out mid-batch (a slow gateway) while another worker takes its rows
 * over: the late worker's write-back is refused, and so are its counts, so the journey's stats
 * count each customer once and nobody is messaged twice.
 */
describe(`a journey batch that outlives its lease on ${process.env.TEST_DB}`, () => {
  let s: TestServer;

  beforeAll(async () => {
    // An api process runs no engine loop of its own: the test plays both workers.
    s = await startTestServer({ ROLE: 'api' }, { demoCustomers: 60 });
  }, 120_000);

  afterAll(async () => {
    await s?.close();
  });

  it('counts each customer once, from the worker that still held the rows', async () => {
    const admin = await s.login('admin');
    const policy = { quietHours: null, caps: {}, rateLimitsPerMinute: {}, wecomMassMonthlyCap: 4, dropAfterHeldMs: 259_200_000 };
    expect((await fetch(`${s.url}/api/journeys/policy`, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` }, body: JSON.stringify(policy) })).status).toBe(200);
    const definition = { trigger: { type: 'manual' }, entry: 'hi', steps: [{ id: 'hi', type: 'send', message: { channel: 'wecom_task', text: '{{name}}您好' }, next: 'done' }, { id: 'done', type: 'exit' }] };
    const journey = (await s.post('/api/journeys', { name: '租约', definition }, admin)).body;
    await s.post(`/api/journeys/${journey.id}/publish`, {}, admin);
    const ids = (
      await s.ds.query<Array<{ id: string }>>(
        "SELECT c.id FROM customer c JOIN customer_identity i ON i.customer_id = c.id AND i.kind = 'external_userid' WHERE c.owner_staff_id IS NOT NULL AND c.merged_into_id IS NULL ORDER BY c.id LIMIT 10",
      )
    ).map((r) => r.id);
    expect((await s.post(`/api/journeys/${journey.id}/enrol`, { customerIds: ids }, admin)).body.enrolled).toBe(10);

    const c = s.running.container;
    const channels = (c.journeyRunner as unknown as { d: { ports: { channels: ChannelPort } } }).d.ports.channels;
    const send = channels.send.bind(channels);
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    let slow = true;
    channels.send = async (req) => {
      if (slow) await gate;
      return send(req);
    };
    try {
      // Worker A claims and hangs on the gateway; its lease runs out; worker B takes the rows and finishes.
      const a = c.journeyRunner.runBatch();
      await new Promise((r) => setTimeout(r, 300));
      slow = false;
      c.sandboxClock!.advance(61_000);
      expect(await c.journeyRunner.runBatch()).toMatchObject({ claimed: 10 });
      open();
      await a;
    } finally {
      channels.send = send;
    }

    const positions = await s.ds.query<Array<{ step_id: string; status: string; n: number | string }>>('SELECT step_id, status, COUNT(*) AS n FROM journey_position WHERE journey_id = ? GROUP BY step_id, status', [journey.id]);
    expect(positions.map((p) => [p.step_id, p.status, Number(p.n)])).toEqual([['done', 'done', 10]]);
    const tasks = await s.ds.query<Array<{ n: number | string }>>(`SELECT COUNT(*) AS n FROM agent_message_task WHERE customer_id IN (${ids.map(() => '?').join(',')})`, ids);
    expect(Number(tasks[0]!.n)).toBe(10);
    const stats = (await s.get(`/api/journeys/${journey.id}/stats`, await s.login('admin'))).body;
    const hi = stats.steps.find((x: { stepId: string }) => x.stepId === 'hi');
    expect(hi).toMatchObject({ entered: 10, passed: 10, sends: { sent: 10 } });
    expect(stats.steps.find((x: { stepId: string }) => x.stepId === 'done')).toMatchObject({ entered: 10 });
    const events = await s.ds.query<Array<{ n: number | string }>>("SELECT COUNT(*) AS n FROM tracking_event WHERE source = 'journey' AND name = 'journey_message' AND properties LIKE ?", [`%${journey.id}%`]);
    expect(Number(events[0]!.n)).toBe(10);
  }, 60_000);
});
