import { journeyStages, type SegmentRule } from '@lodestar/shared';
import { defaultStageRules } from '../src/customers/default-stage-rules';
import { SegmentRepository, type MembershipChange } from '../src/customers/segment.repository';
import { compileRule } from '../src/customers/segment-rule.sql';
import { ruleContext, type SegmentService } from '../src/customers/segment.service';
import { type StageService, type StageChange } from '../src/customers/stage.service';
import { localDay, addDays } from '../src/platform/local-day';
import { startTestServer, type TestServer } from './support/server';

/** Segments and journey-stage rules through the running server's HTTP on the demo tenant. */
describe(`segments and journey stages on ${process.env.TEST_DB}`, () => {
  let s: TestServer;
  let base: string;
  let corpId: string;
  let segments: SegmentService;
  let stages: StageService;
  const heardMembers: MembershipChange[] = [];
  const heardStages: StageChange[] = [];
  const tokens: Record<'admin' | 'lead' | 'agent', string> = { admin: '', lead: '', agent: '' };

  const call = async (method: string, path: string, who: keyof typeof tokens, body?: unknown) => {
    const res = await fetch(base + path, {
      method,
      headers: { authorization: `Bearer ${tokens[who]}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const ids = async (sql: string, params: unknown[] = []) => (await s.ds.query<{ id: string }[]>(sql, params)).map((r) => r.id).sort();
  const today = () => localDay(s.running.container.clock.now(), 'Asia/Shanghai');

  beforeAll(async () => {
    s = await startTestServer({}, { demoCustomers: 200 });
    corpId = s.running.corpId;
    const c = s.running.container;
    // The product's own services and HTTP; the membership and stage hooks are heard on the event bus.
    segments = c.segments;
    stages = c.stages;
    c.bus.on('segment.entered', ({ segmentId, customerId }) => void heardMembers.push({ segmentId, customerId, change: 'entered' }));
    c.bus.on('segment.left', ({ segmentId, customerId }) => void heardMembers.push({ segmentId, customerId, change: 'left' }));
    c.bus.on('customer.stage_changed', ({ customerId, from, to }) => void heardStages.push({ customerId, from, to }));
    base = s.url;
    tokens.admin = await s.login('admin');
    tokens.lead = await s.login('lead01');
    tokens.agent = await s.login('agent001');
  });
  afterAll(() => s.close());

  describe('segments', () => {
    const orphanCi = `SELECT DISTINCT p.customer_id AS id FROM policy p JOIN product pr ON pr.id = p.product_id LEFT JOIN staff_member s ON s.id = p.agent_staff_id
      WHERE pr.line = 'critical_illness' AND p.status = 'active' AND p.cover_amount <= 800000
        AND (p.orphaned_at IS NOT NULL OR p.agent_staff_id IS NULL OR s.status = 'left')`;
    const rule: SegmentRule = {
      type: 'all',
      rules: [
        { type: 'tag', tag: '重疾险', group: '保险需求' },
        { type: 'policy', line: 'critical_illness', orphan: true, coverAtMost: 800_000 },
      ],
    };
    let segmentId: string;

    it('sizes a tag + orphan-policy rule, creates the segment with the same members, and lists them', async () => {
      // Make the segment non-trivial: five customers with an orphan critical-illness policy get the need tag,
      // and one of them has that policy's cover raised above the limit.
      const candidates = (await ids(`${orphanCi} ORDER BY p.customer_id`)).slice(0, 5);
      expect(candidates.length).toBe(5);
      const [tagId] = await ids(`SELECT t.id FROM tag t JOIN tag_group g ON g.id = t.group_id WHERE t.name = '重疾险' AND g.name = '保险需求'`);
      for (const [i, customerId] of candidates.entries()) {
        await s.ds.query('DELETE FROM customer_tag WHERE customer_id = ? AND tag_id = ?', [customerId, tagId]);
        await s.ds.query(`INSERT INTO customer_tag (id, customer_id, tag_id, source, evidence, created_at) VALUES (?, ?, ?, 'conversation', NULL, ?)`, [
          `seg-test-${i}`,
          customerId,
          tagId,
          '2026-01-01 00:00:00.000',
        ]);
      }
      await s.ds.query(`UPDATE policy SET cover_amount = 900000 WHERE customer_id = ? AND product_id IN (SELECT id FROM product WHERE line = 'critical_illness')`, [candidates[4]]);

      // The same question asked independently, in plain SQL.
      const expected = await ids(
        `SELECT DISTINCT c.id FROM customer c JOIN customer_tag ct ON ct.customer_id = c.id JOIN tag t ON t.id = ct.tag_id JOIN tag_group g ON g.id = t.group_id
          WHERE c.corp_id = ? AND c.merged_into_id IS NULL AND t.name = '重疾险' AND g.name = '保险需求' AND c.id IN (${orphanCi})`,
        [corpId],
      );
      expect(expected).toEqual(expect.arrayContaining(candidates.slice(0, 4)));
      expect(expected).not.toContain(candidates[4]);

      const preview = await call('POST', '/api/segments/preview', 'admin', { rule });
      expect(preview.status).toBe(200);
      expect(preview.body.count).toBe(expected.length);
      expect(preview.body.sample.map((x: { id: string }) => x.id)).toEqual(expected.slice(0, 10));

      heardMembers.length = 0;
      const created = await call('POST', '/api/segments', 'admin', { name: '孤儿单重疾客户', description: 'orphan CI ≤ 80万 with the need', rule });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ name: '孤儿单重疾客户', memberCount: expected.length, rule });
      expect(created.body.refreshedAt).toEqual(expect.any(String));
      segmentId = created.body.id;
      expect(heardMembers.map((m) => m.customerId).sort()).toEqual(expected);
      expect(heardMembers.every((m) => m.segmentId === segmentId && m.change === 'entered')).toBe(true);

      const members = await call('GET', `/api/segments/${segmentId}/members?limit=200`, 'admin');
      expect(members.status).toBe(200);
      expect(members.body.total).toBe(expected.length);
      expect(members.body.items.map((m: { id: string }) => m.id).sort()).toEqual(expected);
      const list = await call('GET', '/api/segments', 'admin');
      expect(list.body.items.map((x: { id: string; memberCount: number }) => [x.id, x.memberCount])).toEqual([[segmentId, expected.length]]);
    });

    it('refuses a duplicate name with 409, bad rules with 400 naming the path, and agents with 403', async () => {
      const dup = await call('POST', '/api/segments', 'admin', { name: '孤儿单重疾客户', rule: { type: 'stage', stages: ['interest'] } });
      expect(dup.status).toBe(409);
      expect(dup.body.error.message).toBe('A segment named "孤儿单重疾客户" already exists');

      const schema = await call('POST', '/api/segments', 'admin', { name: 'x', rule: { type: 'all', rules: [{ type: 'event_count', event: 'e', withinDays: 0 }] } });
      expect(schema.status).toBe(400);
      expect(schema.body.error.details[0].path).toBe('body.rule.rules.0.withinDays');
      const meaning = await call('POST', '/api/segments/preview', 'admin', { rule: { type: 'not', rule: { type: 'attribute', field: 'age', op: 'in', value: ['30'] } } });
      expect(meaning.status).toBe(400);
      expect(meaning.body.error.message).toBe('body.rule.rule.op: age takes eq, neq, gte or lte');
      const unknownTag = await call('POST', '/api/segments', 'admin', { name: 'x', rule: { type: 'any', rules: [{ type: 'stage', stages: ['interest'] }, { type: 'tag', tag: '不存在的标签' }] } });
      expect(unknownTag.status).toBe(400);
      expect(unknownTag.body.error.details[0]).toEqual({ path: 'body.rule.rules.1.tag', message: 'The corp has no tag "不存在的标签"' });

      expect((await call('GET', '/api/segments', 'agent')).status).toBe(403);
      expect((await call('POST', '/api/segments/preview', 'agent', { rule: { type: 'stage', stages: ['interest'] } })).status).toBe(403);
      expect((await call('GET', '/api/segments', 'admin')).body.items).toHaveLength(1);
    });

    it('lets a team lead preview and manage, showing only their team’s customers by name', async () => {
      const all = await call('POST', '/api/segments/preview', 'admin', { rule: { type: 'stage', stages: ['interest', 'online_interaction'] } });
      const lead = await call('POST', '/api/segments/preview', 'lead', { rule: { type: 'stage', stages: ['interest', 'online_interaction'] } });
      expect(lead.status).toBe(200);
      expect(lead.body.count).toBe(all.body.count);
      const team = await ids(
        `SELECT c.id FROM customer c JOIN staff_member o ON o.id = c.owner_staff_id JOIN staff_member l ON l.team_id = o.team_id WHERE l.wecom_user_id = 'lead01'`,
      );
      expect(lead.body.sample.length).toBeGreaterThan(0);
      expect(lead.body.sample.every((x: { id: string }) => team.includes(x.id))).toBe(true);
      expect(all.body.sample.some((x: { id: string }) => !team.includes(x.id))).toBe(true);
    });

    it('follows activity counts: refreshCustomers reports who entered and who left', async () => {
      const created = await call('POST', '/api/segments', 'lead', { name: '一周浏览3次', rule: { type: 'event_count', event: '$pageview', withinDays: 7, min: 3 } });
      expect(created.status).toBe(201);
      expect(created.body.memberCount).toBe(0);
      const active = created.body.id as string;
      const [x, y] = await ids('SELECT id FROM customer WHERE corp_id = ? AND merged_into_id IS NULL ORDER BY id LIMIT 2', [corpId]);
      const count = (customer: string, day: string, n: number) =>
        s.ds.query(`INSERT INTO activity_count (customer_id, counter_key, day, corp_id, count) VALUES (?, 'event:$pageview', ?, ?, ?)`, [customer, day, corpId, n]);
      await count(x!, today(), 2);
      await count(x!, addDays(today(), -6), 1);
      await count(y!, addDays(today(), -7), 5); // a day too old

      heardMembers.length = 0;
      const entered = await segments.refreshCustomers(corpId, [x!, y!]);
      expect(entered.filter((c) => c.segmentId === active)).toEqual([{ segmentId: active, customerId: x, change: 'entered' }]);
      expect(heardMembers).toEqual(entered);
      const members = await call('GET', `/api/segments/${active}/members`, 'admin');
      expect(members.body.items.map((m: { id: string }) => m.id)).toEqual([x]);
      expect((await call('GET', `/api/segments/${active}`, 'admin')).body.memberCount).toBe(1);
      // Nothing changed: nothing to report.
      expect((await segments.refreshCustomers(corpId, [x!, y!])).filter((c) => c.segmentId === active)).toEqual([]);

      await s.ds.query('DELETE FROM activity_count WHERE customer_id = ? AND day = ?', [x, today()]);
      const left = await segments.refreshCustomers(corpId, [x!]);
      expect(left.filter((c) => c.segmentId === active)).toEqual([{ segmentId: active, customerId: x, change: 'left' }]);
      expect((await call('GET', `/api/segments/${active}`, 'admin')).body.memberCount).toBe(0);
      expect((await call('GET', `/api/segments/${active}/members`, 'admin')).body.total).toBe(0);

      // A rebuild finds what no refresh was asked about.
      await count(y!, today(), 3);
      expect(await segments.refreshSegment(corpId, active)).toEqual([{ segmentId: active, customerId: y, change: 'entered' }]);
      expect((await call('GET', `/api/segments/${active}`, 'admin')).body.memberCount).toBe(1);
    });

    it('rebuilds a segment when its rule changes, and deletes it with its members', async () => {
      const [someone] = await ids(`SELECT c.id FROM customer c WHERE c.corp_id = ? AND c.city IS NOT NULL ORDER BY c.id LIMIT 1`, [corpId]);
      const [city] = (await s.ds.query<{ city: string }[]>('SELECT city FROM customer WHERE id = ?', [someone])).map((r) => r.city);
      const inCity = await ids(`SELECT id FROM customer WHERE corp_id = ? AND merged_into_id IS NULL AND city = ?`, [corpId, city]);
      heardMembers.length = 0;
      const put = await call('PUT', `/api/segments/${segmentId}`, 'admin', { name: '同城客户', rule: { type: 'attribute', field: 'city', op: 'eq', value: city } });
      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({ name: '同城客户', memberCount: inCity.length, description: null });
      const members = await call('GET', `/api/segments/${segmentId}/members?limit=200`, 'admin');
      expect(members.body.items.map((m: { id: string }) => m.id).sort()).toEqual(inCity);
      expect(new Set(heardMembers.map((m) => m.change))).toEqual(new Set(['entered', 'left']));

      const clash = await call('PUT', `/api/segments/${segmentId}`, 'admin', { name: '一周浏览3次', rule: { type: 'stage', stages: ['interest'] } });
      expect(clash.status).toBe(409);

      const del = await call('DELETE', `/api/segments/${segmentId}`, 'admin');
      expect(del.status).toBe(200);
      expect((await call('GET', `/api/segments/${segmentId}`, 'admin')).status).toBe(404);
      expect(await ids('SELECT customer_id AS id FROM segment_member WHERE segment_id = ?', [segmentId])).toEqual([]);
      expect((await call('DELETE', `/api/segments/${segmentId}`, 'admin')).status).toBe(404);
    });
  });

  it('compiles rules to SQL that answers the same on this database (profile JSON, ages, expiry, windows, orphans)', async () => {
    // Four customers of a corp of their own, on the edges of the rules whose SQL differs by database.
    const corp = 'rule-corp';
    const t0 = '2025-01-01 00:00:00.000';
    const customer = (id: string, city: string | null, birth: string | null, profile: string | null) =>
      s.ds.query(
        `INSERT INTO customer (id, corp_id, name, gender, birth_date, city, stage, archive_consent, profile, created_at, updated_at) VALUES (?, ?, ?, 'unknown', ?, ?, 'interest', 0, ?, ?, ?)`,
        [id, corp, id, birth, city, profile, t0, t0],
      );
    const d = (n: number) => addDays(today(), n);
    await customer('rc-A', '上海', addDays(d(0), -365 * 40 - 20), JSON.stringify({ plan: 'gold', score: 42, vip: true, code: '42' }));
    await customer('rc-B', null, null, null);
    await customer('rc-C', '北京', `${Number(today().slice(0, 4)) - 18}-${today().slice(5)}`.replace('-02-29', '-02-28'), JSON.stringify({ vip: false, score: 7.5, plan: 'silver' }));
    await customer('rc-D', '广州', null, 'not json');
    const [tagId] = await ids(`SELECT t.id FROM tag t WHERE t.name = '医疗险'`);
    const now = s.running.container.clock.now().getTime();
    const dbTime = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
    await s.ds.query(`INSERT INTO customer_tag (id, customer_id, tag_id, source, created_at, expires_at) VALUES ('rc-t1', 'rc-A', ?, 'manual', ?, ?)`, [tagId, t0, dbTime(now + 3_600_000)]);
    await s.ds.query(`INSERT INTO customer_tag (id, customer_id, tag_id, source, created_at, expires_at) VALUES ('rc-t2', 'rc-B', ?, 'manual', ?, ?)`, [tagId, t0, dbTime(now - 3_600_000)]);
    await s.ds.query(`INSERT INTO activity_count (customer_id, counter_key, day, corp_id, count) VALUES ('rc-A', 'event:open', ?, ?, 2), ('rc-A', 'event:open', ?, ?, 1), ('rc-C', 'event:open', ?, ?, 9)`, [
      d(0),
      corp,
      d(-29),
      corp,
      d(-30),
      corp,
    ]);
    await s.ds.query(`INSERT INTO activity_streak (customer_id, counter_key, corp_id, current, best, last_day) VALUES ('rc-A', 'event:check_in', ?, 3, 3, ?), ('rc-C', 'event:check_in', ?, 6, 6, ?)`, [
      corp,
      d(-1),
      corp,
      d(-2),
    ]);
    const [product] = await ids(`SELECT id FROM product WHERE line = 'critical_illness' ORDER BY id LIMIT 1`);
    const [gone] = await ids(`SELECT id FROM staff_member WHERE status = 'left' ORDER BY id LIMIT 1`);
    await s.ds.query(
      `INSERT INTO policy (id, corp_id, customer_id, product_id, policy_no, cover_amount, annual_premium, status, start_date, agent_staff_id, orphaned_at)
       VALUES ('rc-p1', ?, 'rc-A', ?, 'RC-1', 500000, 1000, 'active', '2024-01-01', ?, NULL), ('rc-p2', ?, 'rc-B', ?, 'RC-2', 500000, 1000, 'lapsed', '2024-01-01', ?, NULL)`,
      [corp, product, gone, corp, product, gone],
    );

    const repo = new SegmentRepository(s.ds);
    const ctx = await ruleContext(repo, s.running.container.clock, corpId);
    const match = async (rule: SegmentRule) => (await repo.matchingAll(corp, compileRule(rule, ctx))).sort();
    const prof = (key: string, op: string, value: unknown) => ({ type: 'profile', key, op, value }) as SegmentRule;
    expect(await match(prof('plan', 'eq', 'gold'))).toEqual(['rc-A']);
    expect(await match(prof('plan', 'in', ['gold', 'silver']))).toEqual(['rc-A', 'rc-C']);
    expect(await match(prof('plan', 'neq', 'gold'))).toEqual(['rc-B', 'rc-C', 'rc-D']);
    expect(await match(prof('score', 'gte', 40))).toEqual(['rc-A']);
    expect(await match(prof('score', 'lte', 10))).toEqual(['rc-C']);
    expect(await match(prof('score', 'eq', '42'))).toEqual(['rc-A']);
    expect(await match(prof('code', 'gte', 1))).toEqual([]);
    expect(await match(prof('vip', 'eq', true))).toEqual(['rc-A']);
    expect(await match(prof('vip', 'eq', false))).toEqual(['rc-C']);
    expect(await match(prof('vip', 'neq', true))).toEqual(['rc-B', 'rc-C', 'rc-D']);
    expect(await match({ type: 'attribute', field: 'city', op: 'neq', value: '上海' })).toEqual(['rc-B', 'rc-C', 'rc-D']);
    expect(await match({ type: 'attribute', field: 'age', op: 'eq', value: 18 })).toEqual(['rc-C']);
    expect(await match({ type: 'attribute', field: 'age', op: 'gte', value: 40 })).toEqual(['rc-A']);
    expect(await match({ type: 'tag', tag: '医疗险' })).toEqual(['rc-A']);
    expect(await match({ type: 'event_count', event: 'open', withinDays: 30, min: 3 })).toEqual(['rc-A']);
    expect(await match({ type: 'event_count', event: 'open', withinDays: 30, min: 0, max: 0 })).toEqual(['rc-B', 'rc-C', 'rc-D']);
    expect(await match({ type: 'streak', event: 'check_in', min: 2 })).toEqual(['rc-A']);
    expect(await match({ type: 'policy', orphan: true, line: 'critical_illness', coverAtMost: 800_000 })).toEqual(['rc-A']);
    expect(await match({ type: 'policy', none: true })).toEqual(['rc-C', 'rc-D']);
    expect(await match({ type: 'not', rule: { type: 'any', rules: [prof('vip', 'eq', true), { type: 'policy', status: 'lapsed' }] } })).toEqual(['rc-C', 'rc-D']);
  });

  describe('journey-stage rules', () => {
    const body = (overrides: Partial<Record<(typeof journeyStages)[number], SegmentRule | null>>) => ({
      rules: journeyStages.map((stage) => ({ stage, rule: stage in overrides ? overrides[stage] : defaultStageRules[stage] })),
    });

    it('shows the six default rules, and lets only admins change them', async () => {
      const res = await call('GET', '/api/stage-rules', 'lead');
      expect(res.status).toBe(200);
      expect(res.body.rules.map((r: { stage: string }) => r.stage)).toEqual([...journeyStages]);
      expect(res.body.rules.every((r: { isDefault: boolean }) => r.isDefault)).toBe(true);
      expect(res.body.rules[1].rule).toEqual(defaultStageRules.online_interaction);
      expect((await call('PUT', '/api/stage-rules', 'lead', body({}))).status).toBe(403);
      expect((await call('PUT', '/api/stage-rules', 'agent', body({}))).status).toBe(403);
      expect((await call('GET', '/api/stage-rules', 'agent')).status).toBe(403);
    });

    it('refuses a stage rule on the stage itself and a stage listed twice', async () => {
      const circular = await call('PUT', '/api/stage-rules', 'admin', body({ referral: { type: 'any', rules: [{ type: 'stage', stages: ['purchase'] }] } }));
      expect(circular.status).toBe(400);
      expect(circular.body.error.details[0].path).toBe('body.rules.5.rule.rules.0');
      const twice = body({});
      twice.rules[4] = { stage: 'analysis', rule: null };
      const dup = await call('PUT', '/api/stage-rules', 'admin', twice);
      expect(dup.status).toBe(400);
      expect(dup.body.error.details[0].path).toBe('body.rules.4.stage');
    });

    it('moves customers when a rule changes, and evaluate() reports who moved where', async () => {
      const [vip] = await ids(`SELECT c.id FROM customer c WHERE c.corp_id = ? AND c.merged_into_id IS NULL AND c.stage <> 'referral' ORDER BY c.id LIMIT 1`, [corpId]);
      await s.ds.query(`UPDATE customer SET profile = ? WHERE id = ?`, [JSON.stringify({ vip: true, plan: 'gold' }), vip]);
      const rules = {
        online_interaction: null,
        analysis: null,
        need_clarified: null,
        purchase: { type: 'policy', status: 'active' },
        referral: { type: 'profile', key: 'vip', op: 'eq', value: true },
      } as const;
      // Expected stages, worked out in plain SQL.
      const expected = `CASE WHEN c.id = ? THEN 'referral' WHEN EXISTS (SELECT 1 FROM policy p WHERE p.customer_id = c.id AND p.status = 'active') THEN 'purchase' ELSE 'interest' END`;
      const off = async () =>
        Number((await s.ds.query<{ n: number }[]>(`SELECT COUNT(*) AS n FROM customer c WHERE c.corp_id = ? AND c.merged_into_id IS NULL AND c.stage <> ${expected}`, [corpId, vip]))[0]!.n);
      const misplaced = await off();
      expect(misplaced).toBeGreaterThan(0);

      heardStages.length = 0;
      const put = await call('PUT', '/api/stage-rules', 'admin', body(rules));
      expect(put.status).toBe(200);
      expect(put.body.changed).toBe(misplaced);
      expect(heardStages).toHaveLength(misplaced);
      expect(await off()).toBe(0);
      const moved = (await s.ds.query<{ stage: string; at: unknown }[]>('SELECT stage, stage_changed_at AS at FROM customer WHERE id = ?', [vip]))[0]!;
      expect(moved.stage).toBe('referral');
      expect(moved.at).not.toBeNull();
      expect(put.body.rules.map((r: { stage: string; isDefault: boolean }) => [r.stage, r.isDefault])).toEqual([
        ['interest', true],
        ['online_interaction', false],
        ['analysis', false],
        ['need_clarified', false],
        ['purchase', false],
        ['referral', false],
      ]);
      expect((await call('GET', '/api/stage-rules', 'admin')).body.rules[5].rule).toEqual(rules.referral);

      // The customer is no longer a VIP: evaluate() moves them down to what their policies say.
      await s.ds.query(`UPDATE customer SET profile = ? WHERE id = ?`, [JSON.stringify({ vip: false }), vip]);
      const hasPolicy = (await ids(`SELECT customer_id AS id FROM policy WHERE customer_id = ? AND status = 'active'`, [vip])).length > 0;
      heardStages.length = 0;
      const changes = await stages.evaluate(corpId, [vip!]);
      expect(changes).toEqual([{ customerId: vip, from: 'referral', to: hasPolicy ? 'purchase' : 'interest' }]);
      expect(heardStages).toEqual(changes);
      expect(await stages.evaluate(corpId, [vip!])).toEqual([]);
    });

    it('goes back to the defaults: active policy holders are in purchase or above', async () => {
      const put = await call('PUT', '/api/stage-rules', 'admin', body({}));
      expect(put.status).toBe(200);
      expect(put.body.rules.every((r: { isDefault: boolean }) => r.isDefault)).toBe(true);
      expect(Number((await s.ds.query<{ n: number }[]>('SELECT COUNT(*) AS n FROM stage_rule WHERE corp_id = ?', [corpId]))[0]!.n)).toBe(0);
      const below = await ids(
        `SELECT c.id FROM customer c WHERE c.corp_id = ? AND c.merged_into_id IS NULL AND c.stage NOT IN ('purchase', 'referral')
           AND EXISTS (SELECT 1 FROM policy p WHERE p.customer_id = c.id AND p.status = 'active')`,
        [corpId],
      );
      expect(below).toEqual([]);
      // Page views in the last 30 days (inserted above) lift a customer out of interest.
      const viewers = await ids(`SELECT DISTINCT customer_id AS id FROM activity_count WHERE counter_key = 'event:$pageview' AND day >= ?`, [addDays(today(), -29)]);
      expect(viewers.length).toBeGreaterThan(0);
      expect(await ids(`SELECT id FROM customer WHERE stage = 'interest' AND id IN (${viewers.map(() => '?').join(', ')})`, viewers)).toEqual([]);
      // Someone without policies, tags or activity is in interest.
      const bare = await ids(
        `SELECT c.id FROM customer c WHERE c.corp_id = ? AND NOT EXISTS (SELECT 1 FROM policy p WHERE p.customer_id = c.id)
           AND NOT EXISTS (SELECT 1 FROM customer_tag ct WHERE ct.customer_id = c.id) AND NOT EXISTS (SELECT 1 FROM activity_count a WHERE a.customer_id = c.id)`,
        [corpId],
      );
      expect(bare.length).toBeGreaterThan(0);
      expect(await ids(`SELECT id FROM customer WHERE stage <> 'interest' AND id IN (${bare.map(() => '?').join(', ')})`, bare)).toEqual([]);
    });
  });
});
