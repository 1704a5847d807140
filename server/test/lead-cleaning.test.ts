import { toDbTime } from '../src/db/naming';
import { useLeadMiningFixture } from './support/lead-mining-fixture';

/**
 * Lead cleaning on the demo tenant: the verdicts with their moves, the do-not-contact list, and the
 * sources API (served here from the routes this domain exports).
 */
describe(`lead cleaning and the sources API on ${process.env.TEST_DB}`, () => {
  const f = useLeadMiningFixture();
  const { heardReady, q, now, ago, call, fresh, source, leadsOf, policy } = f;

  it('cleans: invalid phone, do-not-contact, in service, called by the seat group or ready, each with its moves; the ready ones are told', async () => {
    const c = f.s.running.container;
    const people = await fresh(7, "c.owner_staff_id IS NOT NULL AND EXISTS (SELECT 1 FROM customer_identity i WHERE i.customer_id = c.id AND i.kind = 'phone_hash')");
    const [invalid, dnc, inService, callable, wecomOnly, unreachable, later] = people as [string, string, string, string, string, string, string];
    const otherAgent = String((await q("SELECT id FROM staff_member WHERE corp_id = ? AND role = 'agent' AND status = 'active' ORDER BY wecom_user_id LIMIT 1", [f.corpId]))[0]!.id);
    const noFollows = async (id: string) => q('DELETE FROM customer_follow WHERE customer_id = ?', [id]);
    const noPhone = async (id: string) => {
      await q('UPDATE customer SET phone_cipher = NULL, phone_masked = NULL WHERE id = ?', [id]);
      await q("DELETE FROM customer_identity WHERE customer_id = ? AND kind = 'phone_hash'", [id]);
    };
    await q("UPDATE customer SET phone_masked = '010****1234' WHERE id = ?", [invalid]);
    await noFollows(invalid);
    await noFollows(callable);
    await noPhone(wecomOnly);
    await q('UPDATE customer SET owner_staff_id = NULL WHERE id = ?', [wecomOnly]);
    await q('UPDATE customer_follow SET staff_id = ? WHERE customer_id = ?', [otherAgent, wecomOnly]);
    await noPhone(unreachable);
    await noFollows(unreachable);
    // A known number for the customer added to the list later.
    const phone = c.phoneVault.protect('13912340007')!;
    await q("DELETE FROM customer_identity WHERE customer_id = ? AND kind = 'phone_hash'", [later]);
    await q("INSERT INTO customer_identity (id, corp_id, customer_id, kind, value, created_at) VALUES (?, ?, ?, 'phone_hash', ?, ?)", ['lm-phone-later', f.corpId, later, phone.hash, toDbTime(now())]);
    await q('UPDATE customer SET phone_cipher = ?, phone_masked = ? WHERE id = ?', [phone.cipher, phone.masked, later]);

    const listed = await call('POST', '/api/leads/do-not-contact', 'admin', { customerId: dnc, reason: '客户要求不再来电' });
    expect(listed.status).toBe(201);
    expect(listed.body.items[0]).toMatchObject({ reason: '客户要求不再来电', phoneMasked: expect.stringMatching(/^1\d{2}\*{4}\d{4}$/) });
    expect(listed.body.rejectedLeads).toEqual([]);

    await q("INSERT INTO seat_group (id, corp_id, name, created_at, updated_at) VALUES ('lm-seats', ?, '电销一组', ?, ?)", [f.corpId, toDbTime(now()), toDbTime(now())]);
    for (const [i, id] of people.entries()) {
      await q(
        "INSERT INTO tracking_event (id, corp_id, event_key, customer_id, source, project, type, name, occurred_at, received_at, distinct_id, properties) VALUES (?, ?, ?, ?, 'sensors', 'default', 'track', 'leave_contact', ?, ?, NULL, ?)",
        [`lm-event-${i}`, f.corpId, `lm-event-${i}`, id, ago(1), ago(1), JSON.stringify({ product_line: 'medical' })],
      );
    }
    const id = await source({ name: '留资（电销）', productLine: 'medical', seatGroupId: 'lm-seats', definition: { kind: 'left_contact', withinDays: 7 } });
    const run = await f.mining.mineCustomers(f.corpId, people);
    expect(run).toEqual({ sources: 1, found: 7, created: 7, rejected: 3, skipped: 0 });
    const leads = new Map((await leadsOf(id)).map((l) => [String(l.customer_id), l]));
    const state = (who: string) => {
      const l = leads.get(who)!;
      return [l.status, l.reject_reason, l.seat_group_id];
    };
    expect(state(invalid)).toEqual(['rejected', 'invalid_phone', null]);
    expect(state(unreachable)).toEqual(['rejected', 'invalid_phone', null]);
    expect(state(dnc)).toEqual(['rejected', 'do_not_contact', null]);
    expect(state(inService)).toEqual(['ready', null, null]);
    expect(state(callable)).toEqual(['calling', null, 'lm-seats']);
    expect(state(wecomOnly)).toEqual(['ready', null, null]);
    expect(state(later)).toEqual(['ready', null, null]);
    expect([...heardReady].sort()).toEqual([inService, wecomOnly, later].map((w) => String(leads.get(w)!.id)).sort());

    const moves = async (leadId: string) => q('SELECT kind, reason, actor FROM lead_move WHERE lead_id = ? ORDER BY at, kind', [leadId]);
    expect(await moves(leads.get(callable)!.id)).toEqual([
      { kind: 'created', reason: '留资（电销）: leave_contact: 医疗险', actor: 'system' },
      { kind: 'queued_for_call', reason: 'ok: valid mobile number; queued for the source’s seat group to call', actor: 'system' },
    ]);
    expect((await moves(leads.get(invalid)!.id))[1]).toEqual({ kind: 'rejected', reason: 'invalid_phone: the phone number is not a valid mobile number and no WeCom relationship', actor: 'system' });
    expect((await moves(leads.get(unreachable)!.id))[1]!.reason).toBe('invalid_phone: no phone number and no WeCom relationship');
    expect((await moves(leads.get(dnc)!.id))[1]).toMatchObject({ kind: 'rejected', reason: expect.stringMatching(/^do_not_contact: /) });
    expect((await moves(leads.get(inService)!.id))[1]).toMatchObject({ kind: 'ready', reason: expect.stringMatching(/^in_service: /) });
    expect((await moves(leads.get(wecomOnly)!.id))[1]).toMatchObject({ kind: 'ready', reason: 'ok: reachable over WeCom only; ready for assignment' });

    // A second pass does not reject the same customers again for the same reasons.
    expect(await f.mining.mineCustomers(f.corpId, people)).toMatchObject({ created: 0, skipped: 7 });
    expect(await q('SELECT id FROM `lead` WHERE source_id = ?', [id])).toHaveLength(7);

    // The number goes on the list a minute later: its open lead is rejected at once, by the team lead who added it.
    f.clock.advance(60_000);
    const teamLead = String((await q("SELECT id FROM staff_member WHERE username = 'lead01'"))[0]!.id);
    const added = await call('POST', '/api/leads/do-not-contact', 'lead', { phone: '+86 139-1234-0007' });
    expect(added.status).toBe(201);
    expect(added.body.items).toEqual([{ phoneHash: phone.hash, phoneMasked: '139****0007', reason: null, addedBy: teamLead, addedAt: now().toISOString() }]);
    expect(added.body.rejectedLeads).toEqual([leads.get(later)!.id]);
    expect((await q('SELECT status, open_key, reject_reason FROM `lead` WHERE id = ?', [leads.get(later)!.id]))[0]).toEqual({ status: 'rejected', open_key: null, reject_reason: 'do_not_contact' });
    expect((await moves(leads.get(later)!.id)).map((m) => [m.kind, m.actor])).toEqual([
      ['created', 'system'],
      ['ready', 'system'],
      ['rejected', teamLead],
    ]);

    const list = await call('GET', '/api/leads/do-not-contact', 'admin');
    expect(list.body.items.map((e: { phoneMasked: string }) => e.phoneMasked)).toContain('139****0007');
    expect(list.body.items).toHaveLength(2);
    expect((await call('DELETE', `/api/leads/do-not-contact/${phone.hash}`, 'admin')).body).toEqual({ phoneHash: phone.hash, deleted: true });
    expect((await call('DELETE', `/api/leads/do-not-contact/${phone.hash}`, 'admin')).status).toBe(404);
    // Off the list again: the customer is reachable, and the next pass makes a new lead.
    expect(await f.mining.mineCustomers(f.corpId, [later])).toMatchObject({ created: 1, rejected: 0 });

    const bad = await call('POST', '/api/leads/do-not-contact', 'admin', { phone: '12345' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]).toEqual({ path: 'body.phone', message: 'Not a mainland mobile number (11 digits starting with 1, +86 allowed)' });
    const both = await call('POST', '/api/leads/do-not-contact', 'admin', { phone: '13912340007', customerId: later });
    expect(both.status).toBe(400);
    expect(both.body.error.message).toBe('body.phone: Send either phone or customerId');
    expect((await call('POST', '/api/leads/do-not-contact', 'admin', { customerId: unreachable })).body.error.message).toBe('body.customerId: The customer has no phone number on file');
    expect((await call('POST', '/api/leads/do-not-contact', 'admin', { customerId: 'nobody' })).status).toBe(404);
    expect((await call('GET', '/api/leads/do-not-contact', 'agent')).status).toBe(403);
  });

  it('sources API: clear 400s, 409 on a taken name, 403 for agents; delete disables a source with leads; the defaults are seeded once', async () => {
    const cases: Array<[unknown, string]> = [
      [{ name: 'x', productLine: 'critical_illness', definition: { kind: 'coverage_gap', coverAtMost: -1, withinDays: 30 } }, 'body.definition.coverAtMost'],
      [{ name: 'x', productLine: 'critical_illness', definition: { kind: 'nope' } }, 'body.definition.kind'],
      [{ name: 'x', productLine: 'pets', definition: { kind: 'orphan_policy' } }, 'body.productLine'],
      [{ name: 'x', productLine: 'critical_illness', definition: { kind: 'orphan_policy', extra: 1 } }, 'body.definition'],
      [{ name: 'x', productLine: 'critical_illness', definition: { kind: 'segment', segmentId: 'no-such-segment' } }, 'body.definition.segmentId'],
      [{ name: 'x', productLine: 'critical_illness', definition: { kind: 'coverage_gap', coverAtMost: 0, withinDays: 30, tagGroup: '星座' } }, 'body.definition.tagGroup'],
      [{ name: 'x', productLine: 'critical_illness', seatGroupId: 'no-such-group', definition: { kind: 'orphan_policy' } }, 'body.seatGroupId'],
      [{ name: 'x', productLine: 'critical_illness', definition: { kind: 'engagement_jump', recentDays: 14, baselineDays: 14, factor: 2, minEvents: 5 } }, 'body.definition.recentDays'],
    ];
    for (const [body, path] of cases) {
      const res = await call('POST', '/api/leads/sources', 'admin', body);
      expect([res.status, res.body.error.details?.[0]?.path]).toEqual([400, path]);
    }
    expect((await call('POST', '/api/leads/sources', 'admin', { name: 'x', productLine: 'critical_illness', definition: { kind: 'segment', segmentId: 'no-such-segment' } })).body.error.message).toBe(
      'body.definition.segmentId: The corp has no segment no-such-segment',
    );

    const [holder] = await fresh(1, 'c.owner_staff_id IS NOT NULL');
    await policy(holder!, 'LIFE-DINGQI', 800_000, 'active', ago(90));
    const id = await source({ name: '孤儿单客户', definition: { kind: 'orphan_policy', lines: ['life'] } });
    const dup = await call('POST', '/api/leads/sources', 'admin', { name: '孤儿单客户', productLine: 'life', definition: { kind: 'orphan_policy' } });
    expect([dup.status, dup.body.error.message]).toEqual([409, 'A lead source named "孤儿单客户" already exists']);
    const got = await call('GET', `/api/leads/sources/${id}`, 'lead');
    expect(got.body).toMatchObject({ id, name: '孤儿单客户', enabled: true, productLine: 'critical_illness', seatGroupId: null, definition: { kind: 'orphan_policy', lines: ['life'] }, openLeads: 0, lastRun: null });

    for (const [method, path] of [
      ['GET', '/api/leads/sources'],
      ['POST', '/api/leads/sources'],
      ['GET', `/api/leads/sources/${id}`],
      ['PUT', `/api/leads/sources/${id}`],
      ['DELETE', `/api/leads/sources/${id}`],
      ['POST', `/api/leads/sources/${id}/run`],
    ] as const) {
      expect([method, path, (await call(method, path, 'agent', method === 'POST' || method === 'PUT' ? {} : undefined)).status]).toEqual([method, path, 403]);
    }

    // Empty: deleted. With leads: only disabled, and then it cannot run.
    const empty = await source({ name: '空来源', definition: { kind: 'orphan_policy', lines: ['travel_accident'] } });
    expect((await call('DELETE', `/api/leads/sources/${empty}`, 'admin')).body).toEqual({ id: empty, deleted: true, disabled: false });
    expect((await call('GET', `/api/leads/sources/${empty}`, 'admin')).status).toBe(404);
    const run = await call('POST', `/api/leads/sources/${id}/run`, 'admin');
    expect(run.body.created).toBeGreaterThan(0);
    expect((await call('DELETE', `/api/leads/sources/${id}`, 'admin')).body).toEqual({ id, deleted: false, disabled: true });
    expect((await call('GET', `/api/leads/sources/${id}`, 'admin')).body.enabled).toBe(false);
    const disabledRun = await call('POST', `/api/leads/sources/${id}/run`, 'admin');
    expect([disabledRun.status, disabledRun.body.error.message]).toEqual([409, 'Lead source "孤儿单客户" is disabled: enable it to run it']);
    expect((await call('POST', '/api/leads/sources/no-such-source/run', 'admin')).status).toBe(404);

    const renamed = await call('PUT', `/api/leads/sources/${id}`, 'admin', { name: '寿险孤儿单', productLine: 'life', definition: { kind: 'orphan_policy', lines: ['life'] } });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: '寿险孤儿单', enabled: true, productLine: 'life', openLeads: run.body.created - run.body.rejected });

    // The defaults: only for a corp without any source.
    expect(await f.sources.ensureDefaults(f.corpId, now())).toBe(false);
    await q('DELETE FROM lead_move');
    await q('DELETE FROM `lead`');
    await q('DELETE FROM lead_source');
    expect(await f.sources.ensureDefaults(f.corpId, now())).toBe(true);
    expect(await f.sources.ensureDefaults(f.corpId, now())).toBe(false);
    const seeded = (await call('GET', '/api/leads/sources', 'admin')).body.items;
    expect(seeded.map((x: { name: string; definition: { kind: string } }) => [x.name, x.definition.kind])).toEqual([
      ['孤儿单客户', 'orphan_policy'],
      ['重疾保额 ≤ 80 万 + 家庭阶段变化', 'coverage_gap'],
      ['活跃度突增', 'engagement_jump'],
      ['活动页留资', 'left_contact'],
    ]);
    // runAll runs each enabled one and records its run.
    const all = await f.mining.runAll(f.corpId);
    expect(all.map((r) => r.name)).toEqual(seeded.map((x: { name: string }) => x.name));
    const after = (await call('GET', '/api/leads/sources', 'admin')).body.items;
    for (const [i, x] of after.entries()) expect(x.lastRun).toEqual(all[i]!.run);
    const open = Number((await q('SELECT COUNT(*) AS n FROM `lead` WHERE open_key IS NOT NULL'))[0]!.n);
    expect(after.reduce((n: number, x: { openLeads: number }) => n + x.openLeads, 0)).toBe(open);
  });
});
