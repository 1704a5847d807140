import { toDbTime } from '../src/db/naming';
import { LeadMiningRepository } from '../src/leads/lead-mining.repository';
import { LeadMiningService } from '../src/leads/lead-mining.service';
import { LeadSourceRepository } from '../src/leads/lead-source.repository';
import { addDays } from '../src/platform/local-day';
import { DAY, useLeadMiningFixture } from './support/lead-mining-fixture';
import { postSensors, track } from './support/sensors';

/**
 * Lead mining on the demo tenant: each source kind finds exactly the customers set up for it, one
 * open lead per customer and line, never twice when two miners race. Cleaning and the sources API
 * are in lead-cleaning.test.ts.
 */
describe(`lead mining on ${process.env.TEST_DB}`, () => {
  const f = useLeadMiningFixture();
  const { clock, q, now, ago, today, call, fresh, source, leadsOf, pairs, policy } = f;

  it('orphan_policy: one lead per holder and line of an active orphan policy, never for merged customers; a second run creates nothing, a closed lead lets a new one in', async () => {
    // Customers served by their agent, so their leads are open (in service) rather than rejected.
    const [merged, survivor, twoLines, lapsedOnly] = await fresh(4, 'c.owner_staff_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM policy p WHERE p.customer_id = c.id)');
    await policy(merged!, 'CI-ANXIN', 300_000, 'active', ago(40));
    await q('UPDATE customer SET merged_into_id = ? WHERE id = ?', [survivor, merged]);
    const annuityNo = await policy(twoLines!, 'ANN-YANGLAO', 200_000, 'active', ago(30));
    await policy(twoLines!, 'EDU-CHENGZHANG', 100_000, 'active', ago(30));
    await policy(twoLines!, 'EDU-CHENGZHANG', 150_000, 'active', ago(20));
    await policy(lapsedOnly!, 'LIFE-DINGQI', 500_000, 'lapsed', ago(30));

    // The same question in plain SQL: live holders of an active policy with orphaned_at, per line.
    const expected = (
      await q(
        `SELECT DISTINCT p.customer_id, pr.line AS product_line FROM policy p JOIN product pr ON pr.id = p.product_id JOIN customer c ON c.id = p.customer_id
          WHERE p.corp_id = ? AND p.status = 'active' AND p.orphaned_at IS NOT NULL AND c.merged_into_id IS NULL`,
        [f.corpId],
      )
    ).map((r) => `${r.customer_id}:${r.product_line}`);
    expect(expected).toEqual(expect.arrayContaining([`${twoLines}:annuity`, `${twoLines}:education`]));
    expect(expected.some((p) => p.startsWith(`${merged}:`) || p.startsWith(`${lapsedOnly}:`))).toBe(false);
    expect(expected.length).toBeGreaterThan(5);

    const id = await source({ name: '孤儿单客户', definition: { kind: 'orphan_policy' } });
    const run = await call('POST', `/api/leads/sources/${id}/run`, 'lead');
    expect(run.status).toBe(200);
    const leads = await leadsOf(id);
    expect(pairs(leads)).toEqual([...expected].sort());
    const rejected = leads.filter((l) => l.status === 'rejected').length;
    expect(run.body).toEqual({ at: now().toISOString(), found: expected.length, created: expected.length, rejected, skipped: 0 });
    expect(leads.find((l) => l.customer_id === twoLines && l.product_line === 'annuity')!.detail).toBe(`孤儿单 ${annuityNo} · 福享养老年金`);
    expect(leads.find((l) => l.customer_id === twoLines && l.product_line === 'education')!.detail).toMatch(/^孤儿单 LM\d{6} · 成长教育金 等 2 张$/);
    for (const l of leads) expect(l.open_key).toBe(l.status === 'rejected' ? null : `${l.customer_id}:${l.product_line}`);

    // Again: everything is a duplicate of an open lead (rejected ones stay rejected for the same reason).
    const again = await f.mining.runSource(f.corpId, id);
    expect(again).toMatchObject({ found: expected.length, created: 0, rejected: 0, skipped: expected.length });
    expect(await leadsOf(id)).toHaveLength(expected.length);

    // A closed lead frees the customer's line: the next run makes a new one.
    const open = leads.find((l) => l.customer_id === twoLines && l.product_line === 'annuity')!;
    // Closed just now: the customer gets a rest from this line (REST_DAYS) …
    await q("UPDATE `lead` SET status = 'lost', open_key = NULL, closed_at = ? WHERE id = ?", [toDbTime(now()), open.id]);
    expect(await f.mining.runSource(f.corpId, id)).toMatchObject({ created: 0, skipped: expected.length });
    // … and a lead closed longer ago lets a new one in.
    await q('UPDATE `lead` SET closed_at = ? WHERE id = ?', [toDbTime(new Date(now().getTime() - 31 * DAY)), open.id]);
    expect(await f.mining.runSource(f.corpId, id)).toMatchObject({ created: 1, skipped: expected.length - 1 });
    expect((await q("SELECT status FROM `lead` WHERE customer_id = ? AND product_line = 'annuity' ORDER BY status", [twoLines])).map((r) => r.status)).toEqual(['lost', open.status]);

    // Only some lines: the annuity lead exists already, so all are skipped.
    const annuityOnly = await source({ name: '年金孤儿单', definition: { kind: 'orphan_policy', lines: ['annuity'] } });
    const annuityRun = await f.mining.runSource(f.corpId, annuityOnly);
    expect(annuityRun.found).toBe(expected.filter((p) => p.endsWith(':annuity')).length);
    expect(annuityRun).toMatchObject({ created: 0, skipped: annuityRun.found });

    const listed = await call('GET', `/api/leads/sources/${id}`, 'admin');
    expect(listed.body.lastRun).toEqual({ at: now().toISOString(), found: expected.length, created: 1, rejected: 0, skipped: expected.length - 1 });
    expect(listed.body.openLeads).toBe(expected.length - rejected);
  });

  it('two miners at once (as in two processes) write each lead once, with its moves; the loser counts it as skipped', async () => {
    const other = new LeadMiningService({ sources: new LeadSourceRepository(f.s.ds), repo: new LeadMiningRepository(f.s.ds), clock, ids: f.s.running.container.ids });
    const id = await source({ name: '孤儿单（并发）', definition: { kind: 'orphan_policy' } });
    const [a, b] = await Promise.all([f.mining.runSource(f.corpId, id), other.runSource(f.corpId, id)]);
    const leads = await leadsOf(id);
    expect(a.found).toBe(leads.length);
    expect(b.found).toBe(leads.length);
    expect(a.created + b.created).toBe(leads.length);
    expect(a.skipped + b.skipped).toBe(leads.length);
    expect(new Set(pairs(leads)).size).toBe(leads.length);
    expect(Number((await q('SELECT COUNT(*) AS n FROM lead_move WHERE lead_id IN (SELECT id FROM `lead` WHERE source_id = ?)', [id]))[0]!.n)).toBe(2 * leads.length);
  });

  it('coverage_gap: a recent tag of the group (by name or key) and active cover of the line at most the limit', async () => {
    const group = (await q("SELECT id FROM tag_group WHERE corp_id = ? AND `key` = 'family_stage'", [f.corpId]))[0]!.id;
    const tag = async (name: string) => String((await q('SELECT id FROM tag WHERE group_id = ? AND name = ?', [group, name]))[0]!.id);
    // The demo's family-stage tags are old news.
    await q('UPDATE customer_tag SET created_at = ? WHERE tag_id IN (SELECT id FROM tag WHERE group_id = ?)', [ago(400), group]);
    const [gap, none, covered, old, merged, expired] = await fresh(6, 'NOT EXISTS (SELECT 1 FROM policy p WHERE p.customer_id = c.id)');
    let n = 0;
    const put = async (customerId: string, name: string, createdAt: string, expiresAt: string | null = null) => {
      const tagId = await tag(name);
      n += 1;
      await q('DELETE FROM customer_tag WHERE customer_id = ? AND tag_id = ?', [customerId, tagId]);
      await q("INSERT INTO customer_tag (id, customer_id, tag_id, source, evidence, confidence, created_at, expires_at) VALUES (?, ?, ?, 'manual', NULL, NULL, ?, ?)", [
        `lm-tag-${n}`,
        customerId,
        tagId,
        createdAt,
        expiresAt,
      ]);
    };
    await put(gap!, '有幼儿', ago(2));
    await policy(gap!, 'CI-ANXIN', 500_000, 'active', null);
    await policy(gap!, 'CI-YOUTH', 500_000, 'lapsed', null);
    await policy(gap!, 'MED-BAIWAN', 2_000_000, 'active', null);
    await put(none!, '新婚', ago(1));
    await put(covered!, '孕期', ago(1));
    await policy(covered!, 'CI-ANXIN', 500_000, 'active', null);
    await policy(covered!, 'CI-YOUTH', 400_000, 'active', null);
    await put(old!, '有幼儿', ago(10));
    await put(merged!, '有幼儿', ago(1));
    await q('UPDATE customer SET merged_into_id = ? WHERE id = ?', [gap, merged]);
    await put(expired!, '空巢', ago(1), ago(0.5));

    const id = await source({ name: '重疾缺口', definition: { kind: 'coverage_gap', line: 'critical_illness', coverAtMost: 800_000, tagGroup: '家庭阶段', withinDays: 3 } });
    const run = await f.mining.runSource(f.corpId, id);
    const leads = await leadsOf(id);
    expect(pairs(leads)).toEqual([`${gap}:critical_illness`, `${none}:critical_illness`].sort());
    expect(run).toMatchObject({ found: 2, created: 2, skipped: 0 });
    expect(leads.find((l) => l.customer_id === gap)!.detail).toBe('重疾险保额 50 万 · 家庭阶段: 有幼儿（2 天前）');
    expect(leads.find((l) => l.customer_id === none)!.detail).toBe('重疾险保额 0 · 家庭阶段: 新婚（昨天）');

    // By group key too, and with a limit that the 50 万 customer is over.
    const strict = await source({ name: '无重疾 + 家庭阶段', productLine: 'medical', definition: { kind: 'coverage_gap', line: 'critical_illness', coverAtMost: 0, tagGroup: 'family_stage', withinDays: 3 } });
    await f.mining.runSource(f.corpId, strict);
    // Same customer and line as the first source's lead: a duplicate, so nothing new.
    expect(await leadsOf(strict)).toHaveLength(0);
    await q("UPDATE `lead` SET status = 'won', open_key = NULL WHERE source_id = ?", [id]);
    expect(await f.mining.runSource(f.corpId, strict)).toMatchObject({ found: 1, created: 1 });
    expect(pairs(await leadsOf(strict))).toEqual([`${none}:critical_illness`]);
  });

  it('engagement_jump: plain event counts of the recent local days against the baseline before them', async () => {
    await q('DELETE FROM activity_count WHERE corp_id = ?', [f.corpId]);
    const [jump, fromNothing, tooFew, steady, filteredOnly, lastWeek, merged] = await fresh(7);
    const d = today();
    const count = async (customerId: string, key: string, day: string, n: number) =>
      q('INSERT INTO activity_count (customer_id, counter_key, day, corp_id, count) VALUES (?, ?, ?, ?, ?)', [customerId, key, day, f.corpId, n]);
    for (let i = 0; i < 7; i++) await count(jump!, 'event:$pageview', addDays(d, -i), 4); // 28 recent
    for (let i = 7; i < 21; i++) await count(jump!, 'event:$AppStart', addDays(d, -i), 1); // 14 in the baseline: 8 times the rate
    await count(fromNothing!, 'event:view_product', addDays(d, -6), 12); // the window's first day
    await count(tooFew!, 'event:view_product', d, 9);
    for (let i = 0; i < 7; i++) await count(steady!, 'event:$pageview', addDays(d, -i), 4); // 28 recent
    for (let i = 7; i < 35; i++) await count(steady!, 'event:$pageview', addDays(d, -i), i < 19 ? 2 : 1); // 40 in 28 days: 2.8 times
    await count(filteredOnly!, 'f:view_product|product_line=critical_illness', d, 50);
    await count(lastWeek!, 'event:$pageview', addDays(d, -7), 30); // just before the window
    await count(merged!, 'event:$pageview', d, 30);
    await count(jump!, 'event:$pageview', addDays(d, 1), 100); // a day that has not come (clock skew) is not counted
    await q('UPDATE customer SET merged_into_id = ? WHERE id = ?', [jump, merged]);

    const id = await source({ name: '活跃度突增', productLine: 'medical', definition: { kind: 'engagement_jump', recentDays: 7, baselineDays: 28, factor: 3, minEvents: 10 } });
    const run = await f.mining.runSource(f.corpId, id);
    const leads = await leadsOf(id);
    expect(pairs(leads)).toEqual([`${jump}:medical`, `${fromNothing}:medical`].sort());
    expect(run).toMatchObject({ found: 2, created: 2 });
    expect(leads.find((l) => l.customer_id === jump)!.detail).toBe('近 7 天 28 次行为，是此前的 8 倍');
    expect(leads.find((l) => l.customer_id === fromNothing)!.detail).toBe('近 7 天 12 次行为，此前 28 天没有行为');
  });

  it('left_contact: forms sent through /sa within the window, the line from the form when valid; mineCustomers touches only the customers it is given', async () => {
    const withDistinct = "EXISTS (SELECT 1 FROM customer_identity i WHERE i.customer_id = c.id AND i.kind = 'distinct_id')";
    const customers = await fresh(5, withDistinct);
    const distinct = new Map<string, string>();
    for (const id of customers) distinct.set(id, String((await q("SELECT value FROM customer_identity WHERE customer_id = ? AND kind = 'distinct_id'", [id]))[0]!.value));
    const [medical, bogus, twoForms, oldForm, otherEvent] = customers as [string, string, string, string, string];
    const at = now().getTime() - 3_600_000;
    const res = await postSensors(f.s.url, [
      track(distinct.get(medical)!, 'leave_contact', { product_line: 'medical', activity_name: '健康讲座报名页' }, at),
      track(distinct.get(bogus)!, 'leave_contact', { product_line: 'pets' }, at),
      track(distinct.get(twoForms)!, 'leave_contact', { product_line: 'annuity', $title: '养老规划沙龙' }, at - 60_000),
      track(distinct.get(twoForms)!, 'leave_contact', { product_line: 'annuity', $title: '养老测算' }, at),
      track(distinct.get(twoForms)!, 'leave_contact', { product_line: 'education' }, at),
      track(distinct.get(oldForm)!, 'leave_contact', { product_line: 'medical' }, now().getTime() - 10 * DAY),
      track(distinct.get(otherEvent)!, 'view_product', { product_line: 'medical' }, at),
    ]);
    expect(res).toMatchObject({ status: 200, body: { stored: 7, rejected: 0 } });
    await f.s.running.container.ingest.drain();
    // The refresh queue mines after ingest too; let it finish before the source exists, so the calls below do the f.mining.
    await f.s.running.container.customerRefresh.drain();

    const id = await source({ name: '活动页留资', productLine: 'critical_illness', definition: { kind: 'left_contact', event: 'leave_contact', withinDays: 7, productLineProperty: 'product_line' } });
    // Only the customer given: the others' forms wait for their own turn.
    const first = await f.mining.mineCustomers(f.corpId, [medical]);
    expect(first).toEqual({ sources: 1, found: 1, created: 1, rejected: expect.any(Number), skipped: 0 });
    expect(pairs(await leadsOf(id))).toEqual([`${medical}:medical`]);
    expect((await leadsOf(id))[0]!.detail).toBe('leave_contact: 健康讲座报名页 · 医疗险');

    const rest = await f.mining.mineCustomers(f.corpId, [bogus, twoForms, oldForm, otherEvent, bogus]);
    expect(rest).toMatchObject({ found: 3, created: 3, skipped: 0 });
    const leads = await leadsOf(id);
    expect(pairs(leads)).toEqual([`${medical}:medical`, `${bogus}:critical_illness`, `${twoForms}:annuity`, `${twoForms}:education`].sort());
    expect(leads.find((l) => l.product_line === 'annuity')!.detail).toBe('leave_contact: 养老测算 · 养老/年金');
    expect(leads.find((l) => l.customer_id === bogus)!.detail).toBe('leave_contact: 重疾险');

    // The whole corp finds the same forms: nothing new.
    expect(await f.mining.runSource(f.corpId, id)).toMatchObject({ found: 4, created: 0, skipped: 4 });
    // A disabled source is not mined for customers.
    await call('PUT', `/api/leads/sources/${id}`, 'admin', { name: '活动页留资', enabled: false, productLine: 'critical_illness', definition: { kind: 'left_contact', withinDays: 7 } });
    expect(await f.mining.mineCustomers(f.corpId, [medical])).toEqual({ sources: 0, found: 0, created: 0, rejected: 0, skipped: 0 });
  });

  it('segment: every live member of the segment, for the source’s line', async () => {
    const segment = await f.s.running.container.segments.create(f.corpId, { name: '线索测试分群', rule: { type: 'stage', stages: ['interest'] } });
    const members = (await q('SELECT customer_id FROM segment_member WHERE segment_id = ? ORDER BY customer_id', [segment.id])).map((r) => String(r.customer_id));
    expect(members.length).toBeGreaterThan(3);
    await q('UPDATE customer SET merged_into_id = ? WHERE id = ?', [members[1], members[0]]);
    const id = await source({ name: '兴趣阶段客户', productLine: 'accident', definition: { kind: 'segment', segmentId: segment.id } });
    const run = await f.mining.runSource(f.corpId, id);
    const leads = await leadsOf(id);
    expect(pairs(leads)).toEqual(members.slice(1).map((m) => `${m}:accident`).sort());
    expect(run).toMatchObject({ found: members.length - 1, created: members.length - 1 });
    expect(new Set(leads.map((l) => l.detail))).toEqual(new Set(['分群: 线索测试分群']));
  });
});
