import type { AssignmentRuleSet } from '@lodestar/shared';
import { toDbTime } from '../src/db/naming';
import { LeadHandoffService, type HandoffRequest } from '../src/leads/lead-handoff.service';
import { LeadMiningRepository } from '../src/leads/lead-mining.repository';
import { LeadRepository } from '../src/leads/lead.repository';
import { startTestServer, type TestServer } from './support/server';

type Row = Record<string, any>;
type Staff = { id: string; username: string; seniority: string };

/**
 * A journey hands customers to agents through leads and the corp's assignment rules, on the running
 * demo tenant (ROLE=api: no schedule assigns waiting leads behind the test's back). The rules send
 * critical-illness and life hand-offs to senior agents and everything else to anyone.
 */
describe(`journey hand-off to an agent on ${process.env.TEST_DB}`, () => {
  let s: TestServer;
  let corpId: string;
  let admin: string;
  let handoff: LeadHandoffService;
  let agents: Staff[] = [];
  let free: string[] = [];
  let seq = 0;
  const testSource = 'handoff-test-source';

  const q = (sql: string, params: unknown[] = []): Promise<Row[]> => s.ds.query(sql, params);
  const lead = async (id: string) => (await q('SELECT * FROM `lead` WHERE id = ?', [id]))[0]!;
  const moves = (id: string) => q('SELECT kind, to_staff_id, rule_id, reason, actor FROM lead_move WHERE lead_id = ? ORDER BY at, id', [id]);
  const openLeads = (customerId: string, line: string) => q('SELECT id FROM `lead` WHERE customer_id = ? AND product_line = ? AND open_key IS NOT NULL', [customerId, line]);
  const seniority = (staffId: string | null) => agents.find((a) => a.id === staffId)?.seniority;
  const ask = (customerId: string, productLine: HandoffRequest['productLine'], reason = '连续三天阅读重疾险文章'): HandoffRequest => ({ corpId, customerId, productLine, reason, origin: '重疾关怀旅程' });
  const next = (): string => {
    const id = free.shift();
    if (!id) throw new Error('out of free customers');
    return id;
  };

  /** A lead of the test source (a segment source, not a hand-off) in the given state. */
  async function existingLead(customerId: string, line: string, status: 'assigned' | 'pool' | 'calling', owner: string | null = null): Promise<string> {
    seq += 1;
    const id = `handoff-lead-${seq}`;
    const at = toDbTime(s.running.container.clock.now());
    await q(
      `INSERT INTO \`lead\` (id, corp_id, customer_id, product_line, source_id, detail, status, open_key, owner_staff_id, assigned_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'test', ?, ?, ?, ?, ?, ?)`,
      [id, corpId, customerId, line, testSource, status, `${customerId}:${line}`, owner, owner ? at : null, at, at],
    );
    return id;
  }

  beforeAll(async () => {
    s = await startTestServer({ ROLE: 'api' }, { demoCustomers: 200 });
    corpId = s.running.corpId;
    const c = s.running.container;
    handoff = new LeadHandoffService({ leads: new LeadRepository(c.ds), mining: new LeadMiningRepository(c.ds), sources: c.leadSources, assignment: c.leadAssignment, clock: c.clock, ids: c.ids });
    admin = await s.login('admin');
    agents = (await q("SELECT id, username, seniority FROM staff_member WHERE corp_id = ? AND role = 'agent' AND status = 'active' ORDER BY id", [corpId])) as Staff[];
    expect(agents.some((a) => a.seniority === 'senior' || a.seniority === 'expert')).toBe(true);
    // Customers nobody serves (the rules decide, not "their own agent") with no open lead yet.
    free = (
      await q(
        `SELECT c.id FROM customer c WHERE c.corp_id = ? AND c.owner_staff_id IS NULL AND c.merged_into_id IS NULL
           AND NOT EXISTS (SELECT 1 FROM \`lead\` l WHERE l.customer_id = c.id AND l.open_key IS NOT NULL) ORDER BY c.id LIMIT 12`,
        [corpId],
      )
    ).map((r) => String(r.id));
    const at = toDbTime(c.clock.now());
    await q("INSERT INTO lead_source (id, corp_id, name, enabled, product_line, seat_group_id, definition, created_at, updated_at) VALUES (?, ?, '转交测试来源', 1, 'medical', NULL, ?, ?, ?)", [
      testSource,
      corpId,
      JSON.stringify({ kind: 'segment', segmentId: 'none' }),
      at,
      at,
    ]);
    const rules: AssignmentRuleSet = {
      rules: [
        {
          id: 'handoff-senior',
          name: '旅程转交的重疾/寿险 → 资深顾问',
          when: { sources: ['handoff'], productLines: ['critical_illness', 'life'] },
          strategy: { type: 'round_robin' },
          pool: { minSeniority: 'senior' },
          respectWorkingHours: false,
        },
        { id: 'anyone', name: '其余', when: {}, strategy: { type: 'round_robin' }, pool: {}, respectWorkingHours: false },
      ],
    };
    const res = await fetch(`${s.url}/api/leads/settings/assignment`, { method: 'PUT', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify(rules) });
    expect(res.status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await s?.close();
  });

  it('makes a new lead from the built-in hand-off source and the rules give it to a senior agent, who is notified', async () => {
    const customer = next();
    const r = await handoff.handOff(ask(customer, 'critical_illness'));
    expect(r).toMatchObject({ status: 'assigned', created: true });
    expect(['senior', 'expert']).toContain(seniority(r.staffId));
    const row = await lead(r.leadId);
    expect(row).toMatchObject({ customer_id: customer, product_line: 'critical_illness', status: 'assigned', owner_staff_id: r.staffId, open_key: `${customer}:critical_illness` });
    expect(row.detail).toContain('重疾关怀旅程');
    expect(row.detail).toContain('连续三天阅读重疾险文章');
    const [source] = await q('SELECT name, definition FROM lead_source WHERE id = ?', [row.source_id]);
    expect(source!.name).toBe('客户旅程转交 (journey hand-off)');
    expect(JSON.parse(source!.definition)).toEqual({ kind: 'handoff' });
    const history = await moves(r.leadId);
    expect(history.map((m) => m.kind)).toEqual(['created', 'ready', 'assigned']);
    expect(history[0]!.reason).toContain('重疾关怀旅程');
    // Cleaning is skipped on purpose, and the lead says so.
    expect(history[1]!.reason).toMatch(/^handoff: cleaning skipped/);
    expect(history[2]).toMatchObject({ rule_id: 'handoff-senior', to_staff_id: r.staffId });
    const notices = await q("SELECT payload FROM agent_notification WHERE staff_id = ? AND kind = 'lead.assigned'", [r.staffId]);
    expect(notices.some((n) => JSON.parse(n.payload).leadId === r.leadId)).toBe(true);
  });

  it('hands the same customer over again: the same lead, created=false, its agent keeps it and the hand-off is on its history', async () => {
    const customer = next();
    const first = await handoff.handOff(ask(customer, 'life'));
    expect(first.created).toBe(true);
    expect(['senior', 'expert']).toContain(seniority(first.staffId));
    const again = await handoff.handOff(ask(customer, 'life', '又领取了寿险计划书'));
    expect(again).toEqual({ leadId: first.leadId, status: 'assigned', staffId: first.staffId, created: false });
    expect(await openLeads(customer, 'life')).toHaveLength(1);
    const last = (await moves(first.leadId)).at(-1)!;
    expect(last).toMatchObject({ kind: 'activity', actor: 'system' });
    expect(last.reason).toContain('又领取了寿险计划书');
    // The source is made once per corp, however many hand-offs.
    expect(await q("SELECT id FROM lead_source WHERE corp_id = ? AND definition LIKE '%handoff%'", [corpId])).toHaveLength(1);
  });

  it('leaves a customer with their agent when they hold an open assigned lead of the line', async () => {
    const customer = next();
    // A junior agent, whom the senior rule would never pick: only keeping the lead explains the result.
    const junior = agents.find((a) => a.seniority === 'junior' || a.seniority === 'intermediate');
    if (!junior) throw new Error('the demo tenant has no junior agent');
    const id = await existingLead(customer, 'critical_illness', 'assigned', junior.id);
    const r = await handoff.handOff(ask(customer, 'critical_illness'));
    expect(r).toEqual({ leadId: id, status: 'assigned', staffId: junior.id, created: false });
    expect((await lead(id)).owner_staff_id).toBe(junior.id);
    expect(await openLeads(customer, 'critical_illness')).toEqual([{ id }]);
    expect((await moves(id)).map((m) => m.kind)).toEqual(['activity']);
  });

  it('gives a lead waiting in the pool to an agent now', async () => {
    const customer = next();
    const id = await existingLead(customer, 'medical', 'pool');
    const r = await handoff.handOff(ask(customer, 'medical'));
    expect(r).toMatchObject({ leadId: id, status: 'assigned', created: false });
    expect(r.staffId).not.toBeNull();
    expect(await lead(id)).toMatchObject({ status: 'assigned', owner_staff_id: r.staffId });
    const history = await moves(id);
    expect(history.map((m) => m.kind)).toEqual(['activity', 'assigned']);
    expect(history[1]).toMatchObject({ rule_id: 'anyone', to_staff_id: r.staffId });
  });

  it('takes a lead out of the call queue and gives it to an agent', async () => {
    const customer = next();
    const id = await existingLead(customer, 'medical', 'calling');
    const r = await handoff.handOff(ask(customer, 'medical'));
    expect(r).toMatchObject({ leadId: id, status: 'assigned', created: false });
    expect((await moves(id)).map((m) => m.kind)).toEqual(['ready', 'assigned']);
  });

  it('hands over a customer on the do-not-contact list, and writes that down', async () => {
    const [row] = await q(
      `SELECT c.id, i.value FROM customer c JOIN customer_identity i ON i.customer_id = c.id AND i.kind = 'phone_hash'
        WHERE c.corp_id = ? AND c.merged_into_id IS NULL AND NOT EXISTS (SELECT 1 FROM \`lead\` l WHERE l.customer_id = c.id AND l.product_line = 'critical_illness' AND l.open_key IS NOT NULL)
        ORDER BY c.id DESC LIMIT 1`,
      [corpId],
    );
    free = free.filter((id) => id !== row!.id);
    await q('INSERT INTO do_not_contact (corp_id, phone_hash, phone_masked, reason, added_by, added_at) VALUES (?, ?, NULL, ?, NULL, ?)', [corpId, row!.value, 'test', toDbTime(s.running.container.clock.now())]);
    const r = await handoff.handOff(ask(String(row!.id), 'critical_illness'));
    expect(r.created).toBe(true);
    expect((await lead(r.leadId)).status).not.toBe('rejected');
    expect((await moves(r.leadId))[1]!.reason).toMatch(/^handoff: cleaning skipped.*do-not-contact list/);
  });

  it('answers each request of a batch in order, and refuses a customer the corp does not have', async () => {
    const [a, b] = [next(), next()];
    const results = await handoff.handOffMany([ask(a, 'critical_illness'), ask(b, 'medical'), ask(a, 'critical_illness')]);
    expect(results.map((r) => r.created)).toEqual([true, true, false]);
    expect(results[2]!.leadId).toBe(results[0]!.leadId);
    expect((await lead(results[1]!.leadId)).customer_id).toBe(b);
    // A medical hand-off matches only the catch-all.
    expect((await moves(results[1]!.leadId)).at(-1)).toMatchObject({ kind: 'assigned', rule_id: 'anyone' });
    await expect(handoff.handOff(ask('no-such-customer', 'medical'))).rejects.toMatchObject({ code: 'not_found' });
    expect(await q('SELECT id FROM `lead` WHERE customer_id = ?', ['no-such-customer'])).toHaveLength(0);
  });

  it('the hand-off source finds nobody when mined, and admins cannot make another one', async () => {
    const c = s.running.container;
    const source = await c.leadSources.ensureHandoffSource(corpId, c.clock.now());
    const run = await c.leadMining.runSource(corpId, source.id);
    expect(run).toMatchObject({ found: 0, created: 0 });
    const res = await s.post('/api/leads/sources', { name: '另一个转交', productLine: 'life', definition: { kind: 'handoff' } }, admin);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(/built in/);
  });
});
