import { JourneyDriver, type DrivenCustomer } from './support/journey-drive';
import { startTestServer, type TestServer } from './support/server';

/**
 * 财富新贵 (new wealthy), installed from its template and run through every branch with the sandbox
 * clock: the SMS invitation to the seminar, the agent's call for those who viewed but did not book,
 * the 1:1 WeCom messages with the address, attendance, and the real-time notice when an attendee
 * browses annuities or reads about retirement. Each path is one orphan-policy holder of the demo.
 */
describe(`财富新贵 end to end on ${process.env.TEST_DB}`, () => {
  let s: TestServer;
  let drive: JourneyDriver;
  let journeyId: string;
  const paths = ['not_viewed', 'no_show', 'annuity', 'retirement', 'no_interest'] as const;
  type Path = (typeof paths)[number];
  const who = {} as Record<Path, DrivenCustomer & { name: string; ownerId: string; ownerUserId: string }>;
  const seminar = { activity_type: 'seminar' };

  const position = async (c: DrivenCustomer) => {
    const [row] = await s.ds.query<Array<{ step_id: string; status: string }>>('SELECT step_id, status FROM journey_position WHERE journey_id = ? AND customer_id = ?', [journeyId, c.id]);
    return row ? `${row.step_id}/${row.status}` : null;
  };
  const from = (...ps: Path[]) => ps.map((p) => who[p]);

  beforeAll(async () => {
    s = await startTestServer({}, { demoCustomers: 800 });
    drive = await JourneyDriver.from(s, 1, 2);
    await drive.moveTo(0, '10:00');
    const admin = await s.login('admin');
    const installed = await s.post('/api/journeys/templates/new_wealthy', {}, admin);
    expect(installed.status).toBe(201);
    journeyId = installed.body.id;
    const segmentId = installed.body.definition.trigger.segmentId as string;
    const candidates = await s.ds.query<Array<{ id: string; name: string; distinct_id: string; owner_id: string; owner_user_id: string }>>(
      `SELECT c.id, c.name, d.value AS distinct_id, m.id AS owner_id, m.wecom_user_id AS owner_user_id FROM customer c
         JOIN segment_member sm ON sm.customer_id = c.id AND sm.segment_id = ?
         JOIN customer_identity d ON d.customer_id = c.id AND d.kind = 'distinct_id'
         JOIN customer_identity e ON e.customer_id = c.id AND e.kind = 'external_userid'
         JOIN staff_member m ON m.id = c.owner_staff_id AND m.status = 'active'
        WHERE c.phone_cipher IS NOT NULL ORDER BY c.id LIMIT 5`,
      [segmentId],
    );
    expect(candidates).toHaveLength(5);
    paths.forEach((p, i) => {
      const c = candidates[i]!;
      who[p] = { id: c.id, name: c.name, distinctId: c.distinct_id, openid: null, oaOpenid: null, ownerId: c.owner_id, ownerUserId: c.owner_user_id };
    });
    // Publishing invites the orphan-policy holders already in the segment.
    expect((await s.post(`/api/journeys/${journeyId}/publish`, {}, admin)).body).toMatchObject({ status: 'live', liveVersion: 1 });
    await drive.moveTo(0, '10:00:30');
  }, 180_000);

  afterAll(async () => {
    await s?.close();
  });

  it('invites every segment member already there by SMS, naming the seminar', async () => {
    const members = await s.ds.query<Array<{ n: number | string }>>('SELECT COUNT(*) AS n FROM journey_position WHERE journey_id = ?', [journeyId]);
    const invited = await s.ds.query<Array<{ n: number | string }>>("SELECT COUNT(*) AS n FROM journey_send WHERE journey_id = ? AND step_id = 'invite_sms' AND outcome = 'sent'", [journeyId]);
    expect(Number(members[0]!.n)).toBeGreaterThanOrEqual(5);
    expect(Number(invited[0]!.n)).toBeGreaterThanOrEqual(5);
    const sms = await s.ds.query<Array<{ content: string | { text: string } }>>("SELECT content FROM sandbox_outbox WHERE channel = 'sms'");
    const texts = sms.map((r) => (typeof r.content === 'string' ? (JSON.parse(r.content) as { text: string }) : r.content).text);
    expect(texts).toHaveLength(Number(invited[0]!.n));
    for (const c of paths.map((p) => who[p])) expect(texts.filter((t) => t.startsWith(`${c.name}您好，诚邀您参加线下活动「养老规划沙龙`))).not.toHaveLength(0);
    for (const p of paths) expect(await position(who[p])).toBe('wait_3d/waiting');
  });

  it('runs every branch to its end, with each message, task and notice', async () => {
    for (let day = 0; day <= 36; day++) {
      if (day > 0) await drive.moveTo(day, '10:00:30');
      await drive.moveTo(day, '12:00');
      if (day === 1) {
        await drive.events([
          ...from('no_show', 'retirement').map((c) => ({ who: c, event: 'activity_view', properties: seminar })),
          ...from('annuity', 'no_interest').map((c) => ({ who: c, event: 'activity_signup', properties: seminar })),
        ]);
      }
      if (day === 20) await drive.events(from('annuity', 'retirement', 'no_interest').map((c) => ({ who: c, event: 'activity_attended', properties: seminar })));
      if (day === 21) {
        await drive.events([
          { who: who.annuity, event: 'view_product', properties: { product_line: 'annuity' } },
          { who: who.retirement, event: 'article_read', properties: { category: 'retirement' } },
        ]);
        // The annuity view is the real-time case: the agent hears of it at once.
        expect(await position(who.annuity)).toBe('done/done');
      }
      await drive.moveTo(day, '12:01');
      await drive.moveTo(day, '20:00');
      if (day === 3) expect(await position(who.not_viewed)).toBe('exit_not_viewed/done');
      if (day === 22) expect(await position(who.retirement)).toBe('done/done');
    }

    expect(Object.fromEntries(await Promise.all(paths.map(async (p) => [p, await position(who[p])])))).toEqual({
      not_viewed: 'exit_not_viewed/done',
      no_show: 'exit_not_attended/done',
      annuity: 'done/done',
      retirement: 'done/done',
      no_interest: 'exit_no_interest/done',
    });

    // Agent tasks: a call for those who viewed without booking, a chat and assessment for those who showed interest.
    const tasks = async (c: DrivenCustomer) =>
      (await s.ds.query<Array<{ kind: string; staff_id: string | null; note: string }>>('SELECT kind, staff_id, note FROM agent_task WHERE customer_id = ? AND source = ? ORDER BY created_at', [c.id, `journey:${journeyId}`])).map((t) => [t.kind, t.staff_id]);
    expect(await tasks(who.not_viewed)).toEqual([]);
    expect(await tasks(who.no_show)).toEqual([['call', who.no_show.ownerId]]);
    expect(await tasks(who.annuity)).toEqual([['chat', who.annuity.ownerId]]);
    expect(await tasks(who.retirement)).toEqual([
      ['call', who.retirement.ownerId],
      ['chat', who.retirement.ownerId],
    ]);
    expect(await tasks(who.no_interest)).toEqual([]);

    // The 1:1 WeCom messages the owner confirms in the sidebar: the address first, a reminder a day later.
    for (const p of ['no_show', 'annuity', 'retirement', 'no_interest'] as const) {
      const rows = await s.ds.query<Array<{ staff_user_id: string; content: string | { text: string } }>>('SELECT staff_user_id, content FROM agent_message_task WHERE customer_id = ? ORDER BY created_at', [who[p].id]);
      const texts = rows.map((r) => (typeof r.content === 'string' ? (JSON.parse(r.content) as { text: string }) : r.content).text);
      expect(rows.map((r) => r.staff_user_id)).toEqual([who[p].ownerUserId, who[p].ownerUserId]);
      expect(texts[0]).toMatch(new RegExp(`^${who[p].name}您好，我是您的保险顾问.*世纪大道100号.*注意事项`));
      expect(texts[1]).toMatch(/温馨提醒.*世纪大道100号/);
    }
    expect(await s.ds.query('SELECT id FROM agent_message_task WHERE customer_id = ?', [who.not_viewed.id])).toEqual([]);

    // Real-time notices to the owner: what the customer just did.
    const notices = async (c: (typeof who)[Path]) =>
      (await s.ds.query<Array<{ staff_id: string; payload: string }>>("SELECT staff_id, payload FROM agent_notification WHERE kind = 'journey.notice' AND payload LIKE ?", [`%${c.id}%`])).map((n) => [
        n.staff_id,
        (JSON.parse(n.payload) as { title: string }).title,
      ]);
    expect(await notices(who.annuity)).toEqual([[who.annuity.ownerId, '客户浏览了养老年金产品']]);
    expect(await notices(who.retirement)).toEqual([[who.retirement.ownerId, '客户阅读了养老规划内容']]);
    expect(await notices(who.no_interest)).toEqual([]);
    expect(await notices(who.no_show)).toEqual([]);
  }, 600_000);

  it('counts each branch in the stats', async () => {
    const stats = (await s.get(`/api/journeys/${journeyId}/stats`, await s.login('admin'))).body;
    const step = (id: string) => stats.steps.find((x: { stepId: string }) => x.stepId === id);
    const edge = (id: string, label: string) => step(id).edges.find((e: { label: string }) => e.label === label)?.count ?? 0;
    expect(edge('booked', 'yes')).toBe(2);
    expect(edge('viewed', 'yes')).toBe(2);
    expect(step('call_task').passed).toBe(2);
    expect(step('venue_note').sends.sent).toBe(4);
    expect(step('reminder').sends.sent).toBe(4);
    expect(edge('wait_attend', 'event')).toBe(3);
    expect(edge('watch_annuity', 'event')).toBe(1);
    expect(edge('read_retirement', 'yes')).toBe(1);
    expect(step('gap_task').passed).toBe(2);
    expect(step('exit_no_interest').entered).toBe(1);
  });

  it('lists who is where, and gives agents their tasks to close', async () => {
    const admin = await s.login('admin');
    const done = (await s.get(`/api/journeys/${journeyId}/positions?stepId=done`, admin)).body;
    expect(done.total).toBe(2);
    expect(done.items.map((p: { customerId: string }) => p.customerId).sort()).toEqual([who.annuity.id, who.retirement.id].sort());
    const one = (await s.get(`/api/journeys/${journeyId}/positions?customerId=${who.no_show.id}`, admin)).body;
    expect(one.items).toEqual([expect.objectContaining({ customerName: who.no_show.name, stepId: 'exit_not_attended', status: 'done', version: 1, wakeAt: null })]);
    expect((await s.get(`/api/journeys/${journeyId}/positions?status=sleeping`, admin)).status).toBe(400);

    const agent = await s.login(who.retirement.ownerUserId);
    expect((await s.get(`/api/journeys/${journeyId}/positions`, agent)).status).toBe(403);
    const mine = (await s.get('/api/agent-tasks', agent)).body.items as Array<{ id: string; kind: string; customerId: string; customerName: string }>;
    const theirs = mine.filter((t) => t.customerId === who.retirement.id);
    expect(theirs.map((t) => [t.kind, t.customerName])).toEqual([
      ['call', who.retirement.name],
      ['chat', who.retirement.name],
    ]);
    const closed = await s.post(`/api/agent-tasks/${theirs[0]!.id}/finish`, { status: 'done' }, agent);
    expect(closed.body).toMatchObject({ id: theirs[0]!.id, status: 'done' });
    expect(closed.body.doneAt).not.toBeNull();
    expect((await s.post(`/api/agent-tasks/${theirs[0]!.id}/finish`, { status: 'done' }, agent)).status).toBe(409);
    expect((await s.get('/api/agent-tasks', agent)).body.items.map((t: { id: string }) => t.id)).not.toContain(theirs[0]!.id);
    // Another agent neither sees nor closes it.
    const [stranger] = await s.ds.query<Array<{ wecom_user_id: string }>>("SELECT wecom_user_id FROM staff_member WHERE role = 'agent' AND status = 'active' AND id <> ? ORDER BY id LIMIT 1", [who.retirement.ownerId]);
    const otherAgent = await s.login(stranger!.wecom_user_id);
    expect((await s.get('/api/agent-tasks', otherAgent)).body.items.map((t: { id: string }) => t.id)).not.toContain(theirs[1]!.id);
    expect((await s.post(`/api/agent-tasks/${theirs[1]!.id}/finish`, { status: 'done' }, otherAgent)).status).toBe(404);
  });
});
