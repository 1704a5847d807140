import { LeadRecord } from '../src/leads/lead.entity';
import { LeadScoreRecord } from '../src/leads/lead-score.entity';
import { LeadSourceRecord } from '../src/leads/lead-source.entity';
import { SeatGroupRepository } from '../src/leads/seat-group.repository';
import { SeatGroupService } from '../src/leads/seat-group.service';
import { seatRoutes } from '../src/leads/seat.router';
import { ManualClock } from '../src/platform/clock';
import { buildOpenApi } from '../src/platform/http/openapi';
import { serveRoutes, type RouteApp } from './support/route-app';
import { startTestServer, type TestServer } from './support/server';
import { demoSeatGroupName } from '../src/sandbox/demo-calls';

/**
 * Seat groups, their queue, calls and connect rate on the demo tenant. The routes run on their own
 * Koa app built like app/http.ts from the running server's container (tokens, database, ids), with
 * a clock of the test's own and an onReady hook the test listens to.
 */
describe(`seat groups and outbound calls on ${process.env.TEST_DB}`, () => {
  const T0 = new Date('2026-03-02T02:00:00.000Z'); // 10:00 in Asia/Shanghai
  const MIN = 60_000;
  const HOUR = 60 * MIN;
  const clock = new ManualClock(T0);
  const heardReady: Array<{ corpId: string; leadIds: string[] }> = [];
  let s: TestServer;
  let routes: RouteApp;
  let corpId: string;
  const tokens: Record<'admin' | 'lead' | 'seatA' | 'seatB' | 'outsider', string> = { admin: '', lead: '', seatA: '', seatB: '', outsider: '' };
  const staff: Record<'lead' | 'seatA' | 'seatB' | 'outsider', { id: string; name: string }> = {} as never;

  const call = async (method: string, path: string, who: keyof typeof tokens, body?: unknown) => {
    const res = await fetch(routes.base + path, {
      method,
      headers: { authorization: `Bearer ${tokens[who]}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as any };
  };

  beforeAll(async () => {
    s = await startTestServer({}, { demoCustomers: 150 });
    corpId = s.running.corpId;
    const c = s.running.container;
    const seats = new SeatGroupService({
      repo: new SeatGroupRepository(c.ds),
      clock,
      ids: c.ids,
      logger: c.logger,
      onReady: async (corp, leadIds) => void heardReady.push({ corpId: corp, leadIds }),
    });
    routes = await serveRoutes(c, seatRoutes(seats));

    const users = { lead: 'lead01', seatA: 'agent001', seatB: 'agent002', outsider: 'agent003' } as const;
    for (const [key, username] of Object.entries(users) as Array<[keyof typeof users, string]>) {
      const [row] = await s.ds.query<Array<{ id: string; name: string }>>('SELECT id, name FROM staff_member WHERE username = ?', [username]);
      staff[key] = { id: row!.id, name: row!.name };
      tokens[key] = await s.login(username);
    }
    tokens.admin = await s.login('admin');
  });
  afterAll(async () => {
    await routes.close();
    await s.close();
  });

  let groupId: string;

  it('documents its routes with named schemas', () => {
    const doc = buildOpenApi(seatRoutes({} as SeatGroupService), { title: 't', version: '0' }) as { paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
    expect(Object.keys(doc.paths).sort()).toEqual(['/api/leads/{id}/calls', '/api/seat-groups', '/api/seat-groups/connect-rate', '/api/seat-groups/{id}', '/api/seat-groups/{id}/queue']);
    for (const name of ['SeatGroupInput', 'SeatGroup', 'SeatGroupList', 'LeadCallInput', 'LeadCall', 'LeadCallList', 'LeadCallResult', 'SeatQueue', 'ConnectRate']) expect(doc.components.schemas).toHaveProperty(name);
  });

  describe('seat groups', () => {
    it('creates a group of two agents; admins and team leads manage, seats see their own groups only', async () => {
      const created = await call('POST', '/api/seat-groups', 'admin', { name: '外呼一组', memberStaffIds: [staff.seatA.id, staff.seatB.id] });
      expect(created.status).toBe(201);
      groupId = created.body.id;
      expect(created.body).toMatchObject({ name: '外呼一组', calling: 0, queueSize: 0, callsToday: 0 });
      expect(created.body.members.map((m: { id: string }) => m.id).sort()).toEqual([staff.seatA.id, staff.seatB.id].sort());
      expect(created.body.members.find((m: { id: string }) => m.id === staff.seatA.id).name).toBe(staff.seatA.name);

      const other = await call('POST', '/api/seat-groups', 'lead', { name: '外呼二组', memberStaffIds: [staff.outsider.id] });
      expect(other.status).toBe(201);

      const mine = await call('GET', '/api/seat-groups', 'seatA');
      expect(mine.status).toBe(200);
      expect(mine.body.items.map((g: { name: string }) => g.name)).toEqual(['外呼一组']);
      const all = await call('GET', '/api/seat-groups', 'lead');
      // Theirs and the demo's own seat group (its outbound-call history).
      expect(all.body.items.map((g: { name: string }) => g.name)).toEqual(['外呼一组', '外呼二组', demoSeatGroupName]);
      expect((await call('GET', `/api/seat-groups/${groupId}`, 'seatB')).status).toBe(200);
      expect((await call('GET', `/api/seat-groups/${groupId}`, 'outsider')).status).toBe(403);
      expect((await call('GET', '/api/seat-groups/no-such-group', 'admin')).status).toBe(404);

      // The empty second group goes; it had no leads and no source.
      expect(await call('DELETE', `/api/seat-groups/${other.body.id}`, 'admin')).toEqual({ status: 200, body: { id: other.body.id, deleted: true } });
      expect((await call('GET', `/api/seat-groups/${other.body.id}`, 'admin')).status).toBe(404);
    });

    it('refuses bad members, a taken name, and agents managing groups', async () => {
      const unknown = await call('POST', '/api/seat-groups', 'admin', { name: '外呼三组', memberStaffIds: [staff.seatA.id, 'nobody'] });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toBe('body.memberStaffIds.1: nobody is not a staff member of the corp');
      const twice = await call('POST', '/api/seat-groups', 'admin', { name: '外呼三组', memberStaffIds: [staff.seatA.id, staff.seatA.id] });
      expect(twice.status).toBe(400);
      expect(twice.body.error.message).toBe('body.memberStaffIds: list each staff member once');
      const [left] = await s.ds.query<Array<{ id: string; name: string }>>(`SELECT id, name FROM staff_member WHERE corp_id = ? AND status = 'left' ORDER BY id LIMIT 1`, [corpId]);
      const gone = await call('POST', '/api/seat-groups', 'admin', { name: '外呼三组', memberStaffIds: [left!.id] });
      expect(gone.body.error.message).toBe(`body.memberStaffIds.0: ${left!.name} has left`);
      const taken = await call('POST', '/api/seat-groups', 'admin', { name: '外呼一组', memberStaffIds: [] });
      expect(taken.status).toBe(409);
      expect(taken.body.error.message).toBe('A seat group named "外呼一组" already exists');
      expect((await call('POST', '/api/seat-groups', 'seatA', { name: '我的组', memberStaffIds: [] })).status).toBe(403);
      expect((await call('PUT', `/api/seat-groups/${groupId}`, 'seatA', { name: 'x', memberStaffIds: [] })).status).toBe(403);
    });

    it('renames a group and replaces its members', async () => {
      const renamed = await call('PUT', `/api/seat-groups/${groupId}`, 'admin', { name: '外呼 A 组', memberStaffIds: [staff.seatA.id] });
      expect(renamed.status).toBe(200);
      expect(renamed.body.members.map((m: { id: string }) => m.id)).toEqual([staff.seatA.id]);
      expect((await call('GET', `/api/seat-groups/${groupId}`, 'seatB')).status).toBe(403);
      const back = await call('PUT', `/api/seat-groups/${groupId}`, 'lead', { name: '外呼一组', memberStaffIds: [staff.seatA.id, staff.seatB.id] });
      expect(back.body.name).toBe('外呼一组');
      expect(back.body.members).toHaveLength(2);
    });
  });

  describe('queue, calls and connect rate', () => {
    const lead: Record<string, { id: string; customerId: string }> = {};
    let sourceId: string;

    const moves = async (leadId: string) =>
      (await s.ds.query<Array<{ kind: string; reason: string; actor: string }>>('SELECT kind, reason, actor FROM lead_move WHERE lead_id = ?', [leadId])).sort((a, b) => a.kind.localeCompare(b.kind));
    const row = async (leadId: string) => (await s.ds.getRepository(LeadRecord).findOneByOrFail({ id: leadId }));
    const record = (leadId: string, who: keyof typeof tokens, body: unknown) => call('POST', `/api/leads/${leadId}/calls`, who, body);

    beforeAll(async () => {
      // Customers with a phone number and no lead yet.
      const customers = await s.ds.query<Array<{ id: string }>>(
        `SELECT c.id FROM customer c WHERE c.corp_id = ? AND c.merged_into_id IS NULL AND c.phone_masked IS NOT NULL
           AND EXISTS (SELECT 1 FROM customer_identity i WHERE i.customer_id = c.id AND i.kind = 'phone_hash')
           AND NOT EXISTS (SELECT 1 FROM lead l WHERE l.customer_id = c.id) ORDER BY c.id LIMIT 8`,
        [corpId],
      );
      expect(customers).toHaveLength(8);
      sourceId = s.running.container.ids.next();
      const source: LeadSourceRecord = {
        id: sourceId,
        corpId,
        name: '外呼测试来源',
        enabled: false,
        productLine: 'critical_illness',
        seatGroupId: groupId,
        definition: JSON.stringify({ kind: 'segment', segmentId: 'x' }),
        lastRun: null,
        createdAt: T0,
        updatedAt: T0,
      };
      await s.ds.getRepository(LeadSourceRecord).insert(source);
      // name: [grade, score, hours before T0 it was created, callback relative to T0 in hours, status]
      const plan: Array<[string, 'A' | 'B' | 'C' | null, number, number, number | null, 'calling' | 'ready']> = [
        ['b60new', 'B', 60, 3, null, 'calling'],
        ['a80', 'A', 80, 1, null, 'calling'],
        ['a90', 'A', 90, 2, null, 'calling'],
        ['none', null, 0, 5, null, 'calling'],
        ['b60old', 'B', 60, 4, null, 'calling'],
        ['a95later', 'A', 95, 6, 2, 'calling'],
        ['c40due', 'C', 40, 6, -1, 'calling'],
        ['ready', 'A', 99, 7, null, 'ready'],
      ];
      await s.ds.query(`DELETE FROM lead_score WHERE customer_id IN (${customers.map(() => '?').join(', ')})`, customers.map((c) => c.id));
      for (const [i, [name, grade, score, ageHours, callback, status]] of plan.entries()) {
        const customerId = customers[i]!.id;
        const id = s.running.container.ids.next();
        lead[name] = { id, customerId };
        const created = new Date(T0.getTime() - ageHours * HOUR);
        await s.ds.getRepository(LeadRecord).insert({
          id,
          corpId,
          customerId,
          productLine: 'critical_illness',
          sourceId,
          detail: `测试线索 ${name}`,
          status,
          openKey: `${customerId}:critical_illness`,
          ownerStaffId: null,
          seatGroupId: groupId,
          assignedAt: null,
          firstTouchedAt: null,
          lastActivityAt: null,
          slaDeadline: null,
          remindAt: null,
          remindedAt: null,
          callbackAt: callback === null ? null : new Date(T0.getTime() + callback * HOUR),
          rejectReason: null,
          outcome: null,
          createdAt: created,
          updatedAt: created,
          closedAt: null,
        });
        if (grade) {
          const scoreRow: LeadScoreRecord = { customerId, corpId, fit: score, engagement: 0, score, grade, probability: null, modelVersion: null, reasons: '[]', computedAt: created };
          await s.ds.getRepository(LeadScoreRecord).insert(scoreRow);
        }
      }
    });

    it('lists the due leads best first, hides callbacks still to come, and shows them after with includeLater', async () => {
      const q = await call('GET', `/api/seat-groups/${groupId}/queue`, 'seatA');
      expect(q.status).toBe(200);
      const order = (items: Array<{ leadId: string }>) => items.map((i) => Object.keys(lead).find((k) => lead[k]!.id === i.leadId));
      expect(order(q.body.items)).toEqual(['a90', 'a80', 'b60old', 'b60new', 'c40due', 'none']);
      expect(q.body).toMatchObject({ total: 6, due: 6, later: 1 });
      const first = q.body.items[0];
      expect(first).toMatchObject({ grade: 'A', score: 90, productLine: 'critical_illness', attempts: 0, lastCall: null, callbackAt: null, due: true, source: { id: sourceId, name: '外呼测试来源' } });
      const [customer] = await s.ds.query<Array<{ name: string; phone_masked: string }>>('SELECT name, phone_masked FROM customer WHERE id = ?', [lead.a90!.customerId]);
      expect(first.customer).toEqual({ id: lead.a90!.customerId, name: customer!.name });
      expect(first.phone).toBe(customer!.phone_masked);
      expect(first.phone).toMatch(/\*/);

      const all = await call('GET', `/api/seat-groups/${groupId}/queue?includeLater=true`, 'lead');
      expect(order(all.body.items)).toEqual(['a90', 'a80', 'b60old', 'b60new', 'c40due', 'none', 'a95later']);
      expect(all.body.items[6]).toMatchObject({ due: false, callbackAt: new Date(T0.getTime() + 2 * HOUR).toISOString() });
      expect(all.body.total).toBe(7);
      expect((await call('GET', `/api/seat-groups/${groupId}/queue?limit=2&offset=1`, 'seatB')).body.items.map((i: { leadId: string }) => i.leadId)).toEqual([lead.a80!.id, lead.b60old!.id]);

      expect((await call('GET', `/api/seat-groups/${groupId}/queue`, 'outsider')).status).toBe(403);
      const group = await call('GET', `/api/seat-groups/${groupId}`, 'seatA');
      expect(group.body).toMatchObject({ calling: 7, queueSize: 6 });
    });

    it('assign: the lead goes to ready, the assignment hook hears of it, and the moves record who called', async () => {
      const res = await record(lead.a90!.id, 'seatA', { connected: true, intent: 'high', nextStep: 'assign', note: '想了解重疾险', durationSeconds: 185 });
      expect(res.status).toBe(201);
      expect(res.body.lead).toEqual({ id: lead.a90!.id, status: 'ready', callbackAt: null, outcome: null, rejectReason: null, attempts: 1 });
      expect(res.body.call).toMatchObject({
        leadId: lead.a90!.id,
        seatGroupId: groupId,
        seat: staff.seatA,
        at: T0.toISOString(),
        connected: true,
        intent: 'high',
        nextStep: 'assign',
        note: '想了解重疾险',
        durationSeconds: 185,
      });
      expect(res.body.doNotContact).toBe(false);
      expect(heardReady).toEqual([{ corpId, leadIds: [lead.a90!.id] }]);
      expect((await row(lead.a90!.id)).status).toBe('ready');
      expect(await moves(lead.a90!.id)).toEqual([
        { kind: 'called', reason: '外呼第 1 次：接通，意向高，转顾问跟进；想了解重疾险', actor: staff.seatA.id },
        { kind: 'ready', reason: '外呼确认意向（高），转分配', actor: staff.seatA.id },
      ]);
      // A lead that is no longer calling cannot be called again.
      const again = await record(lead.a90!.id, 'seatA', { connected: true, intent: 'high', nextStep: 'assign' });
      expect(again.status).toBe(409);
      expect(again.body.error.message).toBe('The lead is ready, not waiting for a call');
    });

    it('call_again: the lead stays calling and leaves the queue until its callback time', async () => {
      clock.advance(MIN);
      const res = await record(lead.a80!.id, 'seatA', { connected: false, intent: 'none', nextStep: 'call_again' });
      expect(res.status).toBe(201);
      const callback = new Date(T0.getTime() + MIN + 24 * HOUR);
      expect(res.body.lead).toMatchObject({ status: 'calling', callbackAt: callback.toISOString(), attempts: 1 });
      expect((await row(lead.a80!.id)).callbackAt?.getTime()).toBe(callback.getTime());
      const q = await call('GET', `/api/seat-groups/${groupId}/queue?includeLater=true`, 'seatA');
      const item = q.body.items.find((i: { leadId: string }) => i.leadId === lead.a80!.id);
      expect(item).toMatchObject({ due: false, attempts: 1, lastCall: { connected: false, intent: 'none', nextStep: 'call_again', seat: staff.seatA } });
      expect((await call('GET', `/api/seat-groups/${groupId}/queue`, 'seatA')).body.items.map((i: { leadId: string }) => i.leadId)).not.toContain(lead.a80!.id);
      expect(await moves(lead.a80!.id)).toEqual([{ kind: 'called', reason: `外呼第 1 次：未接通，意向无，再次外呼（${callback.toISOString()}）`, actor: staff.seatA.id }]);

      const past = await record(lead.a80!.id, 'seatA', { connected: false, intent: 'none', nextStep: 'call_again', callbackAt: '2026-03-01T00:00:00Z' });
      expect(past.status).toBe(400);
      expect(past.body.error.message).toBe('body.callbackAt: must be in the future');
      // The refused call left nothing behind.
      expect((await call('GET', `/api/leads/${lead.a80!.id}/calls`, 'seatA')).body.items).toHaveLength(1);
    });

    it('not_interested closes the lead lost', async () => {
      clock.advance(MIN);
      const res = await record(lead.b60old!.id, 'seatA', { connected: true, intent: 'low', nextStep: 'not_interested', note: '已在别家投保' });
      expect(res.body.lead).toMatchObject({ status: 'lost', outcome: '外呼无意向：已在别家投保' });
      const r = await row(lead.b60old!.id);
      expect(r).toMatchObject({ status: 'lost', openKey: null, outcome: '外呼无意向：已在别家投保', callbackAt: null });
      expect(r.closedAt?.getTime()).toBe(T0.getTime() + 2 * MIN);
      expect((await moves(lead.b60old!.id)).map((m) => m.kind)).toEqual(['called', 'closed']);
    });

    it('invalid_number rejects the lead; do_not_contact rejects it and lists the number', async () => {
      clock.advance(MIN);
      const invalid = await record(lead.b60new!.id, 'seatB', { connected: false, intent: 'none', nextStep: 'invalid_number' });
      expect(invalid.body.lead).toMatchObject({ status: 'rejected', rejectReason: 'invalid_phone' });
      expect(await row(lead.b60new!.id)).toMatchObject({ status: 'rejected', rejectReason: 'invalid_phone', openKey: null });
      expect((await moves(lead.b60new!.id)).map((m) => m.kind)).toEqual(['called', 'rejected']);

      clock.advance(MIN);
      const customerId = lead.c40due!.customerId;
      const dnc = await record(lead.c40due!.id, 'seatB', { connected: true, intent: 'none', nextStep: 'do_not_contact', note: '投诉骚扰' });
      expect(dnc.status).toBe(201);
      expect(dnc.body).toMatchObject({ doNotContact: true, lead: { status: 'rejected', rejectReason: 'do_not_contact' } });
      const [hash] = await s.ds.query<Array<{ value: string }>>(`SELECT value FROM customer_identity WHERE customer_id = ? AND kind = 'phone_hash'`, [customerId]);
      const [customer] = await s.ds.query<Array<{ phone_masked: string }>>('SELECT phone_masked FROM customer WHERE id = ?', [customerId]);
      const listed = await s.ds.query<Array<{ phone_hash: string; phone_masked: string; added_by: string }>>('SELECT phone_hash, phone_masked, added_by FROM do_not_contact WHERE corp_id = ?', [corpId]);
      expect(listed).toEqual([{ phone_hash: hash!.value, phone_masked: customer!.phone_masked, added_by: staff.seatB.id }]);
      expect(await moves(lead.c40due!.id)).toEqual([
        { kind: 'called', reason: '外呼第 1 次：接通，意向无，客户要求勿扰；投诉骚扰', actor: staff.seatB.id },
        { kind: 'rejected', reason: '客户要求勿扰，号码列入勿扰名单', actor: staff.seatB.id },
      ]);
    });

    it('closes a lead lost after three calls that did not connect (a team lead may call too)', async () => {
      const unanswered = { connected: false, intent: 'none', nextStep: 'call_again' };
      for (const attempt of [1, 2]) {
        clock.advance(MIN);
        const res = await record(lead.none!.id, 'lead', unanswered);
        expect(res.body.lead).toMatchObject({ status: 'calling', attempts: attempt });
      }
      clock.advance(MIN);
      const third = await record(lead.none!.id, 'lead', unanswered);
      expect(third.body.lead).toEqual({ id: lead.none!.id, status: 'lost', callbackAt: null, outcome: '3 次未接通', rejectReason: null, attempts: 3 });
      expect(await row(lead.none!.id)).toMatchObject({ status: 'lost', openKey: null, outcome: '3 次未接通' });
      const kinds = (await moves(lead.none!.id)).map((m) => `${m.kind}:${m.actor === staff.lead.id}`);
      expect(kinds).toEqual(['called:true', 'called:true', 'called:true', 'closed:true']);
      const calls = await call('GET', `/api/leads/${lead.none!.id}/calls`, 'seatB');
      expect(calls.status).toBe(200);
      expect(calls.body.items.map((c: { seat: { id: string }; connected: boolean }) => [c.seat.id, c.connected])).toEqual([
        [staff.lead.id, false],
        [staff.lead.id, false],
        [staff.lead.id, false],
      ]);
      expect((await call('GET', `/api/leads/${lead.none!.id}/calls`, 'outsider')).status).toBe(403);
    });

    it('refuses seats of other groups, inconsistent calls and unknown leads', async () => {
      const outsider = await record(lead.a95later!.id, 'outsider', { connected: true, intent: 'high', nextStep: 'assign' });
      expect(outsider.status).toBe(403);
      const bad = await record(lead.a95later!.id, 'seatA', { connected: false, intent: 'high', nextStep: 'call_again' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toBe('body.intent: a call that did not connect has intent none');
      const assignUnconnected = await record(lead.a95later!.id, 'seatA', { connected: false, intent: 'none', nextStep: 'assign' });
      expect(assignUnconnected.body.error.message).toBe('body.nextStep: assign needs a connected call');
      const missing = await record('no-such-lead', 'seatA', { connected: true, intent: 'high', nextStep: 'assign' });
      expect(missing.status).toBe(404);
      expect(missing.body.error.message).toBe('Lead not found');
      expect((await call('GET', `/api/leads/${lead.a95later!.id}/calls`, 'seatB')).body.items).toEqual([]);
    });

    it('works out the connect rate per seat, per group and overall within [from, to)', async () => {
      // Day 1 (2026-03-02, Asia/Shanghai): seat A 3 calls / 2 connected, seat B 2 / 1, the team lead 3 / 0.
      const day1 = await call('GET', `/api/seat-groups/connect-rate?from=2026-03-02&to=2026-03-03&seatGroupId=${groupId}`, 'admin');
      expect(day1.status).toBe(200);
      expect(day1.body.from).toBe('2026-03-01T16:00:00.000Z');
      expect(day1.body.to).toBe('2026-03-02T16:00:00.000Z');
      expect(day1.body.groups).toEqual([{ id: groupId, name: '外呼一组', calls: 8, connected: 3, rate: 3 / 8 }]);
      const seat = (id: string) => day1.body.seats.find((x: { id: string }) => x.id === id);
      expect(seat(staff.seatA.id)).toMatchObject({ name: staff.seatA.name, groupId, calls: 3, connected: 2 });
      expect(seat(staff.seatA.id).rate).toBeCloseTo(0.667, 3);
      expect(seat(staff.seatB.id)).toMatchObject({ calls: 2, connected: 1, rate: 0.5 });
      expect(seat(staff.lead.id)).toMatchObject({ name: staff.lead.name, calls: 3, connected: 0, rate: 0 });
      expect(day1.body.overall).toEqual({ calls: 8, connected: 3, rate: 0.375 });

      // The next day seat A calls the callback lead again once it is due, and it connects.
      clock.set(new Date(T0.getTime() + 24 * HOUR + MIN));
      const q = await call('GET', `/api/seat-groups/${groupId}/queue`, 'seatA');
      expect(q.body.items.map((i: { leadId: string }) => i.leadId)).toEqual([lead.a95later!.id, lead.a80!.id]);
      const second = await record(lead.a80!.id, 'seatA', { connected: true, intent: 'medium', nextStep: 'assign' });
      expect(second.body.lead).toMatchObject({ status: 'ready', attempts: 2 });
      expect(heardReady.map((h) => h.leadIds[0])).toEqual([lead.a90!.id, lead.a80!.id]);

      const sameDay = await call('GET', `/api/seat-groups/connect-rate?from=2026-03-02&to=2026-03-03&seatGroupId=${groupId}`, 'seatA');
      expect(sameDay.body.overall).toEqual({ calls: 8, connected: 3, rate: 0.375 });
      const twoDays = await call('GET', `/api/seat-groups/connect-rate?from=2026-03-02T00:00:00%2B08:00&to=2026-03-04&seatGroupId=${groupId}`, 'lead');
      expect(twoDays.body.seats.find((x: { id: string }) => x.id === staff.seatA.id)).toMatchObject({ calls: 4, connected: 3, rate: 0.75 });
      expect(twoDays.body.overall).toEqual({ calls: 9, connected: 4, rate: 4 / 9 });
      const group = await call('GET', `/api/seat-groups/${groupId}`, 'seatA');
      expect(group.body).toMatchObject({ callsToday: 1, connectedToday: 1, calling: 1, queueSize: 1 });

      // Admins see every group (this one included); a seat sees its own groups only.
      const corpWide = await call('GET', '/api/seat-groups/connect-rate?from=2026-03-02&to=2026-03-04', 'admin');
      expect(corpWide.body.groups.find((g: { id: string }) => g.id === groupId)).toMatchObject({ calls: 9, connected: 4 });
      const outsider = await call('GET', '/api/seat-groups/connect-rate?from=2026-03-02&to=2026-03-04', 'outsider');
      expect(outsider.status).toBe(200);
      expect(outsider.body.overall).toEqual({ calls: 0, connected: 0, rate: null });
      expect(outsider.body.groups.map((g: { id: string }) => g.id)).not.toContain(groupId);
      expect((await call('GET', `/api/seat-groups/connect-rate?from=2026-03-02&to=2026-03-04&seatGroupId=${groupId}`, 'outsider')).status).toBe(403);

      const backwards = await call('GET', '/api/seat-groups/connect-rate?from=2026-03-04&to=2026-03-02', 'admin');
      expect(backwards.status).toBe(400);
      expect(backwards.body.error.message).toBe('query.to: must be after from');
      expect((await call('GET', '/api/seat-groups/connect-rate?from=yesterday&to=2026-03-02', 'admin')).status).toBe(400);
    });

    it('refuses to delete the group while a lead is calling in it or a source names it', async () => {
      const refused = await call('DELETE', `/api/seat-groups/${groupId}`, 'admin');
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toBe('The seat group cannot be deleted: 1 lead(s) are waiting for its calls; lead source(s) "外呼测试来源" send their leads to it');
      expect((await call('GET', `/api/seat-groups/${groupId}`, 'admin')).status).toBe(200);
    });
  });
});
