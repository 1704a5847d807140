import { startTestServer, type TestServer } from './support/server';

/** Waits until `what` gives a truthy value (background pulls and mining), or fails after `ms`. */
async function eventually<T>(what: () => Promise<T | null | undefined | false>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await what();
    if (value) return value;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Pair {
  customerId: string;
  name: string;
  ext: string;
  agentUser: string;
  leadUser: string;
}

describe(`chat archive to tags, the agent's card, compliance alerts and key nodes on ${process.env.TEST_DB}`, () => {
  let s: TestServer;
  let admin: string;
  let pair: Pair;
  let refuser: { customerId: string; ext: string; agentUser: string };
  const t0 = Date.UTC(2026, 10, 20, 2, 0, 0);
  const minute = 60_000;

  beforeAll(async () => {
    s = await startTestServer();
    admin = await s.login('admin');
    const pairs = await s.ds.query<Array<{ id: string; name: string; ext: string; agent: string; lead: string; consent: number | boolean }>>(
      `SELECT c.id, c.name, i.value AS ext, st.wecom_user_id AS agent, l.username AS lead, c.archive_consent AS consent
       FROM customer c JOIN customer_identity i ON i.customer_id = c.id AND i.kind = 'external_userid'
       JOIN staff_member st ON st.id = c.owner_staff_id JOIN team t ON t.id = st.team_id JOIN staff_member l ON l.id = t.lead_staff_id
       WHERE st.status = 'active' AND st.username IS NOT NULL AND l.username IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM chat_message m WHERE m.customer_id = c.id) ORDER BY c.id`,
    );
    const agreed = pairs.find((p) => Number(p.consent) === 1)!;
    const refused = pairs.find((p) => Number(p.consent) === 0)!;
    pair = { customerId: agreed.id, name: agreed.name, ext: agreed.ext, agentUser: agreed.agent, leadUser: agreed.lead };
    refuser = { customerId: refused.id, ext: refused.ext, agentUser: refused.agent };
  }, 60_000);
  afterAll(() => s?.close());

  const say = (from: string, to: string, content: string, at: number, msgid?: string) => ({ ...(msgid ? { msgid } : {}), from, tolist: [to], msgtime: at, msgtype: 'text', text: { content } });

  it('pulls the encrypted archive on msgaudit_notify, mines it, alerts, and marks key nodes', async () => {
    const c = pair.ext;
    const a = pair.agentUser;
    const conversation = [
      say(a, c, '您好，我是您的保险顾问。方便问下您家里几口人、有没有社保吗？', t0, 'it-1'),
      say(c, a, '我家孩子刚上小学，想给自己配个重疾险，一年预算五千左右', t0 + minute, 'it-2'),
      say(a, c, '这款产品保本稳赚，比存款划算多了', t0 + 2 * minute, 'it-3'),
      say(c, a, '有点太贵了，超出预算', t0 + 3 * minute, 'it-4'),
      say(a, c, '理解您，我们可以先把保额降一点，每年三千多也能保住核心的重疾保障，我给您做个计划书看看？', t0 + 4 * minute, 'it-5'),
      say(c, a, '好的，那你发个计划书给我看看', t0 + 5 * minute, 'it-6'),
      say(a, c, '计划书发您了，您看一下保额和保费', t0 + 5 * minute + 30_000, 'it-6b'),
      { msgid: 'it-7', from: a, tolist: [c], msgtime: t0 + 6 * minute, msgtype: 'image', image: { md5sum: 'abc', filesize: 2048, sdkfileid: 'sandbox-media:1' } },
    ];
    // The demo's own archived chats (with other customers) are there already.
    const demoMessages = (await s.get('/api/chat/archive/status', admin)).body.messages as number;
    const res = await s.post('/api/sandbox/archive', { messages: conversation });
    expect(res.status).toBe(201);
    expect(res.body.appended).toBe(8);
    expect(res.body.lastSeq - res.body.firstSeq).toBe(7);

    // The records in the sandbox archive are encrypted as the vendor's are: no plaintext at rest.
    const stored = await s.ds.query<Array<{ encrypt_chat_msg: string; publickey_ver: number }>>('SELECT encrypt_chat_msg, publickey_ver FROM sandbox_archive_record');
    expect(stored.some((r) => r.encrypt_chat_msg.includes('重疾险'))).toBe(false);

    // msgaudit_notify → pull → store → mine: the customer's view gains conversation tags with evidence.
    const view = await eventually(async () => {
      const v = (await s.get(`/api/customers/${pair.customerId}`, admin)).body;
      return v.tags?.some((t: { name: string }) => t.name === '重疾险') ? v : null;
    });
    const ci = view.tags.find((t: { name: string }) => t.name === '重疾险');
    expect(ci).toMatchObject({ source: 'conversation' });
    expect(ci.evidence).toContain('想给自己配个重疾险');
    expect(view.tags.map((t: { name: string }) => t.name)).toEqual(expect.arrayContaining(['子女上学', '价格']));

    const status = (await s.get('/api/chat/archive/status', admin)).body;
    expect(status).toMatchObject({ source: 'sandbox', messages: demoMessages + 8, lastError: null, parked: [] });
    expect(status.cursor).toBe(res.body.lastSeq);

    // The agent's live card: the objection and the library's scripts for it.
    const agentToken = await s.login(pair.agentUser);
    const card = await eventually(async () => {
      const items = (await s.get('/api/notifications?limit=50', agentToken)).body.items as Array<{ kind: string; payload: any }>;
      return items.find((n) => n.kind === 'chat.insight' && n.payload.objections.some((o: { name: string }) => o.name === '价格')) ?? null;
    });
    expect(card.payload.customer.id).toBe(pair.customerId);
    expect(card.payload.text).toBe('有点太贵了，超出预算');
    expect(card.payload.scripts.length).toBeGreaterThan(0);
    expect(card.payload.scripts[0].trigger).toBe('objection:价格');

    // The team lead's alert names the message and the rules it broke.
    const lead = await s.login(pair.leadUser);
    const alerts = (await s.get('/api/compliance/alerts', lead)).body;
    const mine = alerts.items.filter((x: { text: string }) => x.text === '这款产品保本稳赚，比存款划算多了');
    expect(mine.length).toBeGreaterThanOrEqual(2);
    expect(mine.map((x: { rule: { category: string } }) => x.rule.category)).toEqual(expect.arrayContaining(['principal_guarantee', 'deposit_comparison']));
    const leadNotes = (await s.get('/api/notifications?limit=50', lead)).body.items as Array<{ kind: string; payload: any }>;
    expect(leadNotes.some((n) => n.kind === 'compliance.alert' && n.payload.text === '这款产品保本稳赚，比存款划算多了')).toBe(true);

    // One conversation, with the key nodes it reached, and the image kept as metadata.
    const convs = (await s.get(`/api/customers/${pair.customerId}/conversations`, admin)).body.items;
    expect(convs).toHaveLength(1);
    expect(convs[0].messages).toBe(7);
    expect(convs[0].productLine).toBe('critical_illness');
    expect(convs[0].nodes.map((n: { key: string }) => n.key)).toEqual(expect.arrayContaining(['needs_probing', 'proposal_presented', 'objection_handled']));
    const image = await s.ds.query<Array<{ media: string; mined: string }>>("SELECT media, mined FROM chat_message WHERE msgid = 'it-7'");
    expect(JSON.parse(image[0]!.media)).toMatchObject({ sdkFileId: 'sandbox-media:1', size: 2048 });
    expect(image[0]!.mined).toBe('not_text');

    // The same messages again change nothing (msgid is the key).
    await s.post('/api/sandbox/archive', { messages: conversation.slice(0, 2) });
    await eventually(async () => (await s.get('/api/chat/archive/status', admin)).body.cursor === res.body.lastSeq + 2);
    expect((await s.get('/api/chat/archive/status', admin)).body.messages).toBe(demoMessages + 8);
  }, 60_000);

  it('does not mine the chats of a customer who did not agree to archiving', async () => {
    const res = await s.post('/api/sandbox/archive', { messages: [say(refuser.ext, refuser.agentUser, '我想买重疾险，一年预算一万', t0 + 60 * minute, 'it-refused')] });
    expect(res.status).toBe(201);
    const row = await eventually(async () => (await s.ds.query<Array<{ mined: string }>>("SELECT mined FROM chat_message WHERE msgid = 'it-refused'"))[0]);
    expect(row.mined).toBe('no_consent');
    expect(await s.ds.query("SELECT id FROM chat_insight WHERE message_id IN (SELECT id FROM chat_message WHERE msgid = 'it-refused')")).toHaveLength(0);
  });

  it('parks a record whose publickey_ver has no private key (10007) and keeps pulling past it', async () => {
    await s.ds.query("INSERT INTO sandbox_archive_record (msgid, publickey_ver, encrypt_random_key, encrypt_chat_msg, created_at) VALUES ('it-v9', 9, 'AAAA', 'AAAA', ?)", ['2026-11-20 02:00:00.000']);
    const after = await s.post('/api/sandbox/archive', { messages: [say(pair.agentUser, pair.ext, '收到，稍后联系您', t0 + 90 * minute, 'it-after')] });
    await eventually(async () => (await s.get('/api/chat/archive/status', admin)).body.cursor === after.body.lastSeq);
    const status = (await s.get('/api/chat/archive/status', admin)).body;
    expect(status.parked).toEqual([expect.objectContaining({ code: 10007, publickeyVer: 9, count: 1 })]);
    expect((await s.ds.query("SELECT id FROM chat_message WHERE msgid = 'it-after'")).length).toBe(1);
  });

  it('checks a text before it is sent, and lets an admin add a rule but not a pattern that backtracks', async () => {
    const agentToken = await s.login(pair.agentUser);
    const check = (await s.post('/api/compliance/check', { text: '保证收益5%，零风险' }, agentToken)).body;
    expect(check.ok).toBe(false);
    expect(check.hits.length).toBeGreaterThanOrEqual(2);
    expect((await s.post('/api/compliance/check', { text: '这款产品不保本，收益有波动，请您了解清楚' }, agentToken)).body).toEqual({ ok: true, hits: [] });
    const bad = await s.post('/api/compliance/rules', { name: '坏规则', kind: 'pattern', value: '(a+)+b' }, admin);
    expect(bad.status).toBe(400);
    const good = await s.post('/api/compliance/rules', { name: '内部价', kind: 'word', value: '内部价' }, admin);
    expect(good.status).toBe(201);
    expect((await s.post('/api/compliance/check', { text: '给您走内部价' }, agentToken)).body.hits[0].name).toBe('内部价');
    expect((await s.post('/api/compliance/rules', { name: '内部价2', kind: 'word', value: 'x' }, agentToken)).status).toBe(403);
  });

  it('announces what the customer showed as events a journey triggers on, and mines again what failed to mine', async () => {
    const journey = {
      trigger: { type: 'event', event: 'chat_objection', where: { objection: '价格' } },
      reentry: { mode: 'always' },
      entry: 'call',
      steps: [
        { id: 'call', type: 'agent_task', kind: 'call', title: '回应价格顾虑 {{name}}', next: 'done' },
        { id: 'done', type: 'exit' },
      ],
    };
    const created = await s.post('/api/journeys', { name: '价格异议跟进', definition: journey }, admin);
    expect(created.status).toBe(201);
    expect((await s.post(`/api/journeys/${created.body.id}/publish`, {}, admin)).body.status).toBe('live');

    await s.post('/api/sandbox/archive', { messages: [say(pair.ext, pair.agentUser, '保费还是太贵了，我回去再考虑一下', t0 + 120 * minute, 'it-price-again')] });
    const entered = await eventually(async () => (await s.ds.query<Array<{ step_id: string }>>('SELECT step_id FROM journey_position WHERE journey_id = ? AND customer_id = ?', [created.body.id, pair.customerId]))[0]);
    expect(entered).toBeTruthy();
    const events = await s.ds.query<Array<{ name: string; properties: string }>>(
      "SELECT name, properties FROM tracking_event WHERE customer_id = ? AND source = 'chat' ORDER BY name",
      [pair.customerId],
    );
    const mine: Array<Record<string, unknown>> = events.map((e) => ({ name: e.name, ...(JSON.parse(e.properties) as Record<string, unknown>) }));
    expect(mine).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'chat_objection', objection: '价格' }), expect.objectContaining({ name: 'chat_objection', objection: '再考虑' })]));
    expect(mine).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'chat_need', need: '重疾险' })]));

    // Mining that failed after the page was stored leaves the message pending: the archive job mines it
    // again once it is two minutes old, with its insights replaced rather than doubled.
    const [msg] = await s.ds.query<Array<{ id: string }>>("SELECT id FROM chat_message WHERE msgid = 'it-price-again'");
    const insights = async () => (await s.ds.query<Array<{ n: number }>>('SELECT COUNT(*) AS n FROM chat_insight WHERE message_id = ?', [msg!.id]))[0]!.n;
    const before = Number(await insights());
    expect(before).toBeGreaterThanOrEqual(2);
    await s.ds.query("UPDATE chat_message SET mined = 'pending' WHERE id = ?", [msg!.id]);
    await s.post('/api/sandbox/clock', { advanceMs: 5 * minute });
    const row = await eventually(async () => (await s.ds.query<Array<{ mined: string }>>("SELECT mined FROM chat_message WHERE id = ? AND mined = 'mined'", [msg!.id]))[0]);
    expect(row.mined).toBe('mined');
    expect(Number(await insights())).toBe(before);
    // The events are keyed by message and finding: mining again wrote none twice.
    const again = await s.ds.query<Array<{ n: number }>>("SELECT COUNT(*) AS n FROM tracking_event WHERE customer_id = ? AND source = 'chat' AND properties LIKE ?", [pair.customerId, `%${msg!.id}%`]);
    expect(Number(again[0]!.n)).toBe(mine.filter((e) => e.message_id === msg!.id).length);
  }, 60_000);
});
