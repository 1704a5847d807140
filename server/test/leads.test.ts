import type { AssignmentRuleSet } from '@lodestar/shared';
import { toDbTime } from '../src/db/naming';
import type { OffsetClock } from '../src/platform/clock';
import { startTestServer, type TestServer } from './support/server';

/**
 * Scoring, grading, assignment and the SLA through the running server on the demo tenant: scores
 * that explain themselves and follow events, each assignment strategy by the corp's rules, and the
 * SLA's reminder, reclaim to the pool and cooldown on the sandbox's movable clock.
 */
describe(`leads on ${process.env.TEST_DB}`, () => {
  let s: TestServer;
  let corpId: string;
  let clock: OffsetClock;
  let admin: string;
  let sourceId: string;
  let seq = 0;
  const HOUR = 3_600_000;

  type Staff = { id: string; username: string; team_id: string; seniority: string; skills: string | null };
  let agents: Staff[] = [];

  const call = async (method: string, path: string, token: string, body?: unknown) => {
    const res = await fetch(s.url + path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const now = () => clock.now();
  /** Tokens expire as the sandbox clock moves on: sign in again when the clock moved. */
  const fresh = (username: string) => s.login(username);

  /** A fresh ready lead for a customer, as mining and cleaning would leave it. */
  async function readyLead(customerId: string, line = 'medical'): Promise<string> {
    seq += 1;
    const id = `lead-test-${String(seq).padStart(4, '0')}`;
    const at = toDbTime(now());
    await s.ds.query(
      `INSERT INTO \`lead\` (id, corp_id, customer_id, product_line, source_id, detail, status, open_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'ready', ?, ?, ?)`,
      [id, corpId, customerId, line, sourceId, 'test', `${customerId}:${line}`, at, at],
    );
    return id;
  }
  const lead = async (id: string) => (await s.ds.query<any[]>('SELECT * FROM `lead` WHERE id = ?', [id]))[0];
  const moves = async (id: string) => (await s.ds.query<any[]>('SELECT kind, from_staff_id, to_staff_id, rule_id, reason FROM lead_move WHERE lead_id = ? ORDER BY at, id', [id])).map((m) => m.kind);

  /** Customers with no agent, no orphan policy and no open lead yet. */
  async function freeCustomers(n: number): Promise<string[]> {
    const rows = await s.ds.query<Array<{ id: string }>>(
      `SELECT c.id FROM customer c WHERE c.corp_id = ? AND c.owner_staff_id IS NULL AND c.merged_into_id IS NULL
         AND NOT EXISTS (SELECT 1 FROM policy p WHERE p.customer_id = c.id AND p.orphaned_at IS NOT NULL)
         AND NOT EXISTS (SELECT 1 FROM \`lead\` l WHERE l.customer_id = c.id AND l.open_key IS NOT NULL) ORDER BY c.id LIMIT ${n}`,
      [corpId],
    );
    if (rows.length < n) throw new Error(`only ${rows.length} free customers`);
    return rows.map((r) => r.id);
  }

  beforeAll(async () => {
    s = await startTestServer({}, { demoCustomers: 240 });
    corpId = s.running.corpId;
    clock = s.running.container.sandboxClock!;
    admin = await s.login('admin');
    agents = await s.ds.query<Staff[]>("SELECT id, username, team_id, seniority, skills FROM staff_member WHERE corp_id = ? AND role = 'agent' AND status = 'active' ORDER BY id", [corpId]);
    sourceId = 'source-test';
    const at = toDbTime(now());
    await s.ds.query('INSERT INTO lead_source (id, corp_id, name, enabled, product_line, seat_group_id, definition, created_at, updated_at) VALUES (?, ?, ?, 1, ?, NULL, ?, ?, ?)', [
      sourceId,
      corpId,
      '测试来源',
      'medical',
      JSON.stringify({ kind: 'segment', segmentId: 'none' }),
      at,
      at,
    ]);
  }, 120_000);
  afterAll(async () => {
    await s.close();
  });

  describe('scores', () => {
    it('scores every demo customer at start and explains each score with the rules that fired', async () => {
      const [{ n }] = await s.ds.query<any[]>('SELECT COUNT(*) AS n FROM lead_score WHERE corp_id = ?', [corpId]);
      const [{ m }] = await s.ds.query<any[]>('SELECT COUNT(*) AS m FROM customer WHERE corp_id = ? AND merged_into_id IS NULL', [corpId]);
      expect(Number(n)).toBe(Number(m));
      const [row] = await s.ds.query<any[]>('SELECT customer_id FROM lead_score WHERE corp_id = ? AND fit > 0 ORDER BY fit DESC, customer_id LIMIT 1', [corpId]);
      const res = await call('GET', `/api/customers/${row.customer_id}/score`, admin);
      expect(res.status).toBe(200);
      const cur = res.body.current;
      expect(cur.reasons.length).toBeGreaterThan(0);
      // The fit score is the sum of its reasons' points (kept within 0–100).
      const fitSum = cur.reasons.filter((r: any) => r.dimension === 'fit').reduce((a: number, r: any) => a + r.points, 0);
      expect(cur.fit).toBeCloseTo(Math.max(0, Math.min(100, fitSum)), 1);
      // Rounded to one decimal: within 0.05 of the mean of the two.
      expect(Math.abs(cur.score - (cur.fit + cur.engagement) / 2)).toBeLessThanOrEqual(0.0501);
      expect(res.body.history[0]).toMatchObject({ cause: 'initial', grade: cur.grade });
    });

    it('filters customers by grade and shows the grade with its reasons in the view', async () => {
      const [{ grade }] = await s.ds.query<any[]>('SELECT grade FROM lead_score WHERE corp_id = ? GROUP BY grade ORDER BY COUNT(*) DESC LIMIT 1', [corpId]);
      const list = await call('GET', `/api/customers?grade=${grade}&limit=200`, admin);
      expect(list.status).toBe(200);
      expect(list.body.total).toBeGreaterThan(0);
      expect(list.body.items.every((c: any) => c.lead?.grade === grade)).toBe(true);
      const view = await call('GET', `/api/customers/${list.body.items[0].id}`, admin);
      expect(view.body.lead).toMatchObject({ grade });
      expect(Array.isArray(view.body.lead.reasons)).toBe(true);
    });

    it('rescores a customer when an event changes their engagement, and keeps the history', async () => {
      const [customer] = await freeCustomers(1);
      const before = (await call('GET', `/api/customers/${customer}/score`, admin)).body.current;
      const c = s.running.container;
      // Three uses of the premium calculator today (the ingest counters), then the refresh step.
      const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now());
      await s.ds.query('INSERT INTO activity_count (customer_id, counter_key, day, corp_id, count) VALUES (?, ?, ?, ?, 3)', [customer, 'event:use_calculator', day, corpId]);
      c.customerRefresh.enqueue(corpId, [customer!]);
      await c.customerRefresh.drain();
      const after = (await call('GET', `/api/customers/${customer}/score`, admin)).body;
      expect(after.current.engagement).toBeGreaterThan(before.engagement);
      expect(after.current.reasons.find((r: any) => r.ruleId === 'eng_calculator')).toMatchObject({ points: 20, detail: '30 天内 3 次' });
      expect(after.history[0]).toMatchObject({ cause: 'activity', engagement: after.current.engagement });
      expect(after.history[1]).toMatchObject({ engagement: before.engagement });
      // Nothing changed: a second pass writes no history.
      c.customerRefresh.enqueue(corpId, [customer!]);
      await c.customerRefresh.drain();
      expect((await call('GET', `/api/customers/${customer}/score`, admin)).body.history).toHaveLength(after.history.length);
    });

    it('refuses a scoring model with a clear message', async () => {
      const res = await call('PUT', '/api/leads/settings/scoring', admin, { rules: [{ id: 'x', kind: 'age', dimension: 'fit', name: 'x', min: 1, max: 2, points: 500 }], grades: {} });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toMatch(/points/);
    });
  });

  describe('assignment', () => {
    let rules: AssignmentRuleSet;
    let teamA: string;
    let rr: Staff[];

    beforeAll(async () => {
      teamA = agents[0]!.team_id;
      rr = agents.filter((a) => a.team_id !== teamA).slice(0, 3);
      rules = {
        rules: [
          { id: 'orphans', name: '孤儿单', when: { orphanPolicy: true }, strategy: { type: 'least_loaded', capacity: 100 }, pool: { teamIds: [teamA] }, respectWorkingHours: false },
          {
            id: 'ci',
            name: '重疾',
            when: { productLines: ['critical_illness'] },
            strategy: { type: 'skill', skills: ['critical_illness'], among: 'least_loaded', fallback: 'none' },
            pool: {},
            respectWorkingHours: false,
          },
          { id: 'rest', name: '其余', when: {}, strategy: { type: 'round_robin' }, pool: { staffIds: rr.map((a) => a.id) }, respectWorkingHours: false },
        ],
      };
      const res = await call('PUT', '/api/leads/settings/assignment', admin, rules);
      expect(res.status).toBe(200);
    });

    it('refuses rules without a catch-all at the end or naming an unknown team', async () => {
      const noCatchAll = await call('PUT', '/api/leads/settings/assignment', admin, { rules: rules.rules.slice(0, 2) });
      expect(noCatchAll.status).toBe(400);
      expect(JSON.stringify(noCatchAll.body)).toMatch(/catch-all/);
      const badTeam = await call('PUT', '/api/leads/settings/assignment', admin, { rules: [{ ...rules.rules[0], pool: { teamIds: ['no-such-team'] } }, rules.rules[2]] });
      expect(badTeam.status).toBe(400);
      expect(badTeam.body.error.message).toMatch(/no-such-team/);
    });

    it('round robin: catch-all leads go to the pool’s agents in turn, each move recorded', async () => {
      const customers = await freeCustomers(4);
      const ids = [];
      for (const c of customers) ids.push(await readyLead(c!));
      const r = await s.running.container.leadAssignment.assignWaiting(corpId, ids);
      expect(r.assigned).toBe(4);
      const owners = [];
      for (const id of ids) owners.push((await lead(id)).owner_staff_id);
      const order = [...rr].map((a) => a.id).sort();
      const first = order.indexOf(owners[0]);
      expect(owners).toEqual([0, 1, 2, 3].map((i) => order[(first + i) % order.length]));
      expect(await moves(ids[0]!)).toEqual(['assigned']);
      const l = await lead(ids[0]!);
      expect(l.status).toBe('assigned');
      expect(l.sla_deadline).not.toBeNull();
    });

    it('skill and seniority: critical-illness leads only reach senior agents with the skill', async () => {
      const customers = await freeCustomers(3);
      const ids = [];
      for (const c of customers) ids.push(await readyLead(c!, 'critical_illness'));
      await s.running.container.leadAssignment.assignWaiting(corpId, ids);
      for (const id of ids) {
        const l = await lead(id);
        const agent = agents.find((a) => a.id === l.owner_staff_id);
        expect(agent).toBeDefined();
        expect(['senior', 'expert']).toContain(agent!.seniority);
        expect(JSON.parse(agent!.skills ?? '[]')).toContain('critical_illness');
      }
    });

    it('orphan policies go to the chosen team; a customer already in service goes to their own agent', async () => {
      const [orphan] = await s.ds.query<any[]>(
        `SELECT DISTINCT p.customer_id FROM policy p JOIN customer c ON c.id = p.customer_id WHERE c.corp_id = ? AND p.status = 'active' AND p.orphaned_at IS NOT NULL AND c.owner_staff_id IS NULL
           AND NOT EXISTS (SELECT 1 FROM \`lead\` l WHERE l.customer_id = c.id AND l.open_key IS NOT NULL) ORDER BY p.customer_id LIMIT 1`,
        [corpId],
      );
      const [served] = await s.ds.query<any[]>(
        `SELECT c.id, c.owner_staff_id FROM customer c JOIN staff_member s2 ON s2.id = c.owner_staff_id WHERE c.corp_id = ? AND s2.status = 'active' AND NOT EXISTS (SELECT 1 FROM \`lead\` l WHERE l.customer_id = c.id AND l.open_key IS NOT NULL) ORDER BY c.id LIMIT 1`,
        [corpId],
      );
      const ids = [await readyLead(orphan.customer_id), await readyLead(served.id)];
      await s.running.container.leadAssignment.assignWaiting(corpId, ids);
      const o = await lead(ids[0]!);
      expect(agents.find((a) => a.id === o.owner_staff_id)?.team_id).toBe(teamA);
      const sv = await lead(ids[1]!);
      expect(sv.owner_staff_id).toBe(served.owner_staff_id);
      const [m] = await s.ds.query<any[]>('SELECT rule_id FROM lead_move WHERE lead_id = ?', [ids[1]]);
      expect(m.rule_id).toBe('in_service');
    });
  });

  describe('SLA on a moving clock', () => {
    it('reminds, returns the lead to the pool, gives it to someone else, and keeps it from the first agent during the cooldown', async () => {
      const c = s.running.container;
      // The pool is only agents rr[0] and rr[1] for this test, so the reassignment must pick the other one.
      admin = await fresh('admin');
      const settings = (await call('GET', '/api/leads/settings', admin)).body;
      const two = settings.assignment.rules.map((r: any) => (r.id === 'rest' ? { ...r, pool: { staffIds: r.pool.staffIds.slice(0, 2) } } : r));
      expect((await call('PUT', '/api/leads/settings/assignment', admin, { rules: two })).status).toBe(200);
      const sla = settings.sla;
      const [customer] = await freeCustomers(1);
      const id = await readyLead(customer!);
      await c.leadAssignment.assignWaiting(corpId, [id]);
      const first = (await lead(id)).owner_staff_id as string;
      const firstAgent = agents.find((a) => a.id === first)!;
      // Just before the reminder: nothing happens.
      clock.advance((sla.firstTouchHours - sla.remindBeforeHours) * HOUR - 60_000);
      expect(await c.leadSla.sweep(corpId)).toMatchObject({ reminded: 0, returned: 0 });
      clock.advance(2 * 60_000);
      const reminded = await c.leadSla.sweep(corpId);
      expect(reminded.reminded).toBeGreaterThanOrEqual(1);
      expect(await moves(id)).toEqual(['assigned', 'reminded']);
      // A second sweep does not remind twice.
      await c.leadSla.sweep(corpId);
      expect(await moves(id)).toEqual(['assigned', 'reminded']);
      // The deadline passes untouched: back to the pool, then to the other agent of the rule.
      clock.advance(sla.remindBeforeHours * HOUR);
      const swept = await c.leadSla.sweep(corpId);
      expect(swept.returned).toBeGreaterThanOrEqual(1);
      const after = await lead(id);
      expect(await moves(id)).toEqual(['assigned', 'reminded', 'returned', 'assigned']);
      expect(after.status).toBe('assigned');
      expect(after.owner_staff_id).not.toBe(first);
      // The first agent cannot claim it back within the cooldown.
      const second = agents.find((a) => a.id === after.owner_staff_id)!;
      await call('POST', `/api/leads/${id}/release`, await s.login(second.username), { reason: '客户暂无需求' });
      const claim = await call('POST', `/api/leads/${id}/claim`, await fresh(firstAgent.username));
      expect(claim.status).toBe(409);
      expect(claim.body.error.message).toMatch(/taken back from you/);
    });

    it('activity keeps a lead with its agent up to the maximum protection', async () => {
      const c = s.running.container;
      admin = await fresh('admin');
      const sla = (await call('GET', '/api/leads/settings', admin)).body.sla;
      const [customer] = await freeCustomers(1);
      const id = await readyLead(customer!);
      await c.leadAssignment.assignWaiting(corpId, [id]);
      const ownerId = (await lead(id)).owner_staff_id as string;
      const owner = agents.find((a) => a.id === ownerId)!;
      const token = await s.login(owner.username);
      const assignedAt = new Date(now().getTime());
      clock.advance(2 * HOUR);
      const touched = await call('POST', `/api/leads/${id}/activities`, token, { kind: 'call', note: '已电话沟通' });
      expect(touched.status).toBe(200);
      expect(touched.body.sla.touched).toBe(true);
      expect(new Date(touched.body.sla.deadline).getTime()).toBeCloseTo(assignedAt.getTime() + sla.protectionHours * HOUR, -5);
      // Keep following up every day: the lead stays, but never past the maximum.
      for (let h = 2; h + 24 < sla.maxProtectionHours; h += 24) {
        clock.advance(24 * HOUR);
        await c.leadSla.sweep(corpId);
        const r = await call('POST', `/api/leads/${id}/activities`, await fresh(owner.username), { kind: 'message' });
        expect(r.status).toBe(200);
      }
      expect((await lead(id)).owner_staff_id).toBe(owner.id);
      clock.advance(sla.maxProtectionHours * HOUR);
      await c.leadSla.sweep(corpId);
      const moved = await s.ds.query<any[]>("SELECT reason FROM lead_move WHERE lead_id = ? AND kind = 'returned'", [id]);
      expect(moved[0].reason).toMatch(/maximum/);
    });
  });

  describe('the API', () => {
    beforeAll(async () => {
      admin = await fresh('admin');
    });

    it('lists an agent’s own leads and the pool only, hottest first, and hides other agents’ leads', async () => {
      const [row] = await s.ds.query<any[]>("SELECT owner_staff_id FROM `lead` WHERE corp_id = ? AND status = 'assigned' ORDER BY id LIMIT 1", [corpId]);
      const me = agents.find((a) => a.id === row.owner_staff_id)!;
      const token = await s.login(me.username);
      const mine = await call('GET', '/api/leads?open=true', token);
      expect(mine.status).toBe(200);
      expect(mine.body.items.length).toBeGreaterThan(0);
      expect(mine.body.items.every((l: any) => l.owner?.id === me.id || l.status === 'pool')).toBe(true);
      expect(mine.body.items[0]).toHaveProperty('suggestedMessage');
      const [other] = await s.ds.query<any[]>("SELECT id FROM `lead` WHERE corp_id = ? AND status = 'assigned' AND owner_staff_id <> ? LIMIT 1", [corpId, me.id]);
      expect((await call('GET', `/api/leads/${other.id}`, token)).status).toBe(404);
      const detail = await call('GET', `/api/leads/${mine.body.items[0].id}`, admin);
      expect(detail.status).toBe(200);
      expect(detail.body.moves.length).toBeGreaterThan(0);
    });

    it('a team lead assigns by hand within their team; closing frees the line for a new lead', async () => {
      const [customer] = await freeCustomers(1);
      const id = await readyLead(customer!);
      const leadToken = await s.login('lead01');
      const [me] = await s.ds.query<any[]>("SELECT team_id FROM staff_member WHERE username = 'lead01'");
      const inTeam = agents.find((a) => a.team_id === me.team_id)!;
      const outside = agents.find((a) => a.team_id !== me.team_id)!;
      expect((await call('POST', `/api/leads/${id}/assign`, leadToken, { staffId: outside.id })).status).toBe(403);
      const ok = await call('POST', `/api/leads/${id}/assign`, leadToken, { staffId: inTeam.id, reason: '熟悉客户' });
      expect(ok.status).toBe(200);
      expect(ok.body.owner.id).toBe(inTeam.id);
      const closed = await call('POST', `/api/leads/${id}/close`, await s.login(inTeam.username), { outcome: 'won', reason: '已投保' });
      expect(closed.status).toBe(200);
      expect(closed.body.status).toBe('won');
      expect((await lead(id)).open_key).toBeNull();
      // The line is free again: a new open lead for the same customer and line is allowed.
      await expect(readyLead(customer!)).resolves.toMatch(/lead-test/);
      await expect(readyLead(customer!)).rejects.toThrow();
    });
  });
});
