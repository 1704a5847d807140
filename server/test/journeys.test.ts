import { postSensors, track } from './support/sensors';
import { startTestServer, type TestServer } from './support/server';

/**
 * The journey engine through the running product (sandbox mode): a journey is validated, published,
 * customers are enrolled, and the sandbox clock moves them through sends, waits, an event wait,
 * tags, agent tasks and notifications; nothing is sent twice.
 */
describe(`journeys on ${process.env.TEST_DB}`, () => {
  let s: TestServer;
  let admin: string;
  let customers: Array<{ id: string; distinct_id: string }>;
  const DAY = 86_400_000;

  const definition = {
    trigger: { type: 'manual' },
    reentry: { mode: 'never' },
    entry: 'invite',
    goal: { event: 'policy_purchased', withinDays: 30 },
    steps: [
      { id: 'invite', type: 'send', message: { channel: 'sms', template: 'SMS_INVITE', text: '{{name}}您好，诚邀您参加健康讲座' }, next: 'wait_view' },
      { id: 'wait_view', type: 'wait_event', event: 'invitation_viewed', timeoutMs: 2 * DAY, next: 'tag_viewed', timeoutNext: 'nudge' },
      { id: 'tag_viewed', type: 'tag', group: 'segment', add: ['财富新贵'], next: 'call' },
      { id: 'call', type: 'agent_task', kind: 'call', title: '电话邀约 {{name}}', next: 'notify' },
      { id: 'notify', type: 'notify_agent', title: '客户看了邀请', body: '{{name}} 看了讲座邀请', next: 'done' },
      { id: 'nudge', type: 'wait', durationMs: DAY, next: 'done' },
      { id: 'done', type: 'exit' },
    ],
  };

  const advance = (ms: number) => s.post('/api/sandbox/clock', { advanceMs: ms });
  const positions = (journeyId: string) => s.ds.query<Array<{ customer_id: string; step_id: string; status: string }>>('SELECT customer_id, step_id, status FROM journey_position WHERE journey_id = ? ORDER BY customer_id', [journeyId]);

  beforeAll(async () => {
    s = await startTestServer({}, { demoCustomers: 120 });
    admin = await s.login('admin');
    customers = await s.ds.query<Array<{ id: string; distinct_id: string }>>(
      `SELECT c.id, i.value AS distinct_id FROM customer c JOIN customer_identity i ON i.customer_id = c.id AND i.kind = 'distinct_id'
        WHERE c.phone_cipher IS NOT NULL AND c.owner_staff_id IS NOT NULL AND c.merged_into_id IS NULL ORDER BY c.id LIMIT 3`,
    );
    expect(customers).toHaveLength(3);
  }, 120_000);

  afterAll(async () => {
    await s?.close();
  });

  it('refuses a journey whose graph is broken, naming each problem', async () => {
    const res = await s.post('/api/journeys', { name: 'broken', definition: { ...definition, steps: [...definition.steps.slice(0, 6), { id: 'done', type: 'tag', add: ['x'], next: 'done' }] } }, admin);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(/done/);
    const dangling = await s.post('/api/journeys', { name: 'dangling', definition: { ...definition, entry: 'nowhere' } }, admin);
    expect(dangling.status).toBe(400);
    const unknownTag = await s.post('/api/journeys', { name: 'unknown tag', definition: { ...definition, steps: definition.steps.map((x) => (x.id === 'tag_viewed' ? { ...x, add: ['不存在的标签'] } : x)) } }, admin);
    expect(unknownTag.status).toBe(400);
    expect(JSON.stringify(unknownTag.body)).toMatch(/不存在的标签/);
  });

  it('runs customers through sends, an event wait with its timeout, tags, tasks and notifications, sending nothing twice', async () => {
    // 10:00 in Shanghai: outside the default quiet hours (21:30–08:30).
    await s.post('/api/sandbox/clock', { set: '2026-03-02T02:00:00.000Z' });
    const created = await s.post('/api/journeys', { name: '讲座邀约', definition }, admin);
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await s.post(`/api/journeys/${id}/enrol`, { customerIds: [customers[0]!.id] }, admin)).status).toBe(409);
    const published = await s.post(`/api/journeys/${id}/publish`, {}, admin);
    expect(published.body).toMatchObject({ status: 'live', liveVersion: 1 });

    const enrol = await s.post(`/api/journeys/${id}/enrol`, { customerIds: [...customers.map((c) => c.id), customers[0]!.id, 'no-such-customer'] }, admin);
    expect(enrol.status).toBe(200);
    expect(enrol.body.enrolled).toBe(3);
    expect(enrol.body.skipped).toEqual([{ customerId: 'no-such-customer', reason: 'no such customer' }]);

    await advance(1000);
    const sms = (await s.get('/api/sandbox/outbox?channel=sms&limit=500')).body.items as Array<{ content: { text: string } }>;
    expect(sms).toHaveLength(3);
    expect(sms[0]!.content.text).toMatch(/您好，诚邀您参加健康讲座/);
    expect((await positions(id)).map((p) => [p.step_id, p.status])).toEqual([
      ['wait_view', 'waiting'],
      ['wait_view', 'waiting'],
      ['wait_view', 'waiting'],
    ]);
    // The customer view names the journey and the step the customer stands at.
    const view = await s.get(`/api/customers/${customers[1]!.id}`, admin);
    // (This definition's steps carry no names, so the step is its id.)
    expect(view.body.journeys).toEqual([{ journeyId: id, name: '讲座邀约', step: 'wait_view' }]);

    // Customer 0 views the invitation: the event wakes them without waiting for the timeout.
    const now = Date.parse((await advance(1000)).body.now);
    expect((await postSensors(s.url, [track(customers[0]!.distinct_id, 'invitation_viewed', {}, now)])).status).toBe(200);
    for (let i = 0; i < 50 && (await positions(id)).find((p) => p.customer_id === customers[0]!.id)?.status !== 'done'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      await advance(1);
    }
    const p0 = (await positions(id)).find((p) => p.customer_id === customers[0]!.id)!;
    expect(p0).toMatchObject({ step_id: 'done', status: 'done' });
    const tasks = await s.ds.query<Array<{ kind: string; title: string; staff_id: string | null }>>('SELECT kind, title, staff_id FROM agent_task WHERE customer_id = ?', [customers[0]!.id]);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ kind: 'call' });
    expect(tasks[0]!.title).toMatch(/^电话邀约 /);
    const notes = await s.ds.query<Array<{ kind: string; payload: string }>>("SELECT kind, payload FROM agent_notification WHERE kind = 'journey.notice'");
    expect(notes.length).toBe(1);
    const tags = await s.ds.query<Array<{ name: string }>>("SELECT t.name FROM customer_tag ct JOIN tag t ON t.id = ct.tag_id WHERE ct.customer_id = ? AND ct.source = 'journey'", [customers[0]!.id]);
    expect(tags.map((t) => t.name)).toEqual(['财富新贵']);

    // The others time out after two days, wait one more, and finish.
    await advance(2 * DAY);
    await advance(DAY + 1000);
    expect((await positions(id)).map((p) => p.status)).toEqual(['done', 'done', 'done']);
    await advance(DAY);
    expect((await s.get('/api/sandbox/outbox?channel=sms&limit=500')).body.items).toHaveLength(3);

    const stats = (await s.get(`/api/journeys/${id}/stats`, admin)).body;
    const step = (sid: string) => stats.steps.find((x: { stepId: string }) => x.stepId === sid);
    expect(step('invite')).toMatchObject({ entered: 3, passed: 3, sends: { sent: 3 } });
    expect(step('wait_view').edges).toEqual([
      { label: 'event', to: 'tag_viewed', count: 1 },
      { label: 'timeout', to: 'nudge', count: 2 },
    ]);
    expect(stats.customers).toMatchObject({ total: 3, done: 3 });
    // Every engine action is a customer event too.
    const timeline = await s.ds.query<Array<{ name: string }>>("SELECT name FROM tracking_event WHERE customer_id = ? AND source = 'journey' ORDER BY occurred_at, name", [customers[0]!.id]);
    expect(timeline.map((t) => t.name)).toEqual(expect.arrayContaining(['journey_entered', 'journey_message', 'journey_tagged', 'journey_agent_task', 'journey_agent_notified', 'journey_exited']));

    // Re-entry "never": finished customers are not enrolled again.
    const again = await s.post(`/api/journeys/${id}/enrol`, { customerIds: [customers[1]!.id] }, admin);
    expect(again.body).toEqual({ enrolled: 0, skipped: [{ customerId: customers[1]!.id, reason: 'has been in the journey before (re-entry: never)' }] });
  }, 120_000);

  it('counts the filtered events its branch rules read, from publication on', async () => {
    const admin = await s.login('admin');
    const rule = { type: 'event_count', event: 'view_product', where: { product_code: 'ANN-JINFU' }, withinDays: 7, min: 2 };
    const def = {
      trigger: { type: 'manual' },
      entry: 'keen',
      steps: [
        { id: 'keen', type: 'branch', branches: [{ when: rule, next: 'call' }], otherwise: 'done' },
        { id: 'call', type: 'agent_task', kind: 'call', title: '年金意向回访', next: 'done' },
        { id: 'done', type: 'exit' },
      ],
    };
    const created = await s.post('/api/journeys', { name: '年金意向', definition: def }, admin);
    expect(created.status).toBe(201);
    const c = customers[2]!;
    const now = Date.parse((await advance(1000)).body.now);
    const key = 'f:view_product|product_code=ANN-JINFU';
    const counted = async () => Number((await s.ds.query<Array<{ n: number | string | null }>>('SELECT SUM(count) AS n FROM activity_count WHERE customer_id = ? AND counter_key = ?', [c.id, key]))[0]!.n ?? 0);
    // A draft's rules are not counted yet; a published journey's are.
    expect((await postSensors(s.url, [track(c.distinct_id, 'view_product', { product_code: 'ANN-JINFU' }, now)])).status).toBe(200);
    await new Promise((r) => setTimeout(r, 500));
    expect(await counted()).toBe(0);
    await s.post(`/api/journeys/${created.body.id}/publish`, {}, admin);
    expect((await postSensors(s.url, [track(c.distinct_id, 'view_product', { product_code: 'ANN-JINFU' }, now), track(c.distinct_id, 'view_product', { product_code: 'ANN-JINFU' }, now + 1), track(c.distinct_id, 'view_product', { product_code: 'CI-ANXIN' }, now + 2)])).status).toBe(200);
    for (let i = 0; i < 50 && (await counted()) < 2; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await counted()).toBe(2);
    expect((await s.post(`/api/journeys/${created.body.id}/enrol`, { customerIds: [c.id] }, admin)).body.enrolled).toBe(1);
    await advance(1000);
    const tasks = await s.ds.query<Array<{ title: string }>>("SELECT title FROM agent_task WHERE customer_id = ? AND title = '年金意向回访'", [c.id]);
    expect(tasks).toHaveLength(1);
  }, 60_000);
});

