import { metricKeys, type MetricKey, type MetricValue } from '@lodestar/shared';
import type { Container } from '../src/app/container';
import { CorpZoneRepository } from '../src/analytics/corp-zone.repository';
import { MetricCatalog } from '../src/analytics/metric-catalog';
import type { RollupService } from '../src/analytics/rollup.service';
import { defaultSalesSops } from '../src/playbook';
import { metricRoutes } from '../src/analytics/metrics.router';
import type { AnalyticsScope } from '../src/analytics/scope';
import { toDbTime } from '../src/db/naming';
import { ManualClock } from '../src/platform/clock';
import { SequentialIdGenerator } from '../src/platform/ids';
import { buildAnalytics } from '../src/app/analytics';
import type { Principal } from '../src/platform/http/principal';
import { createLogger } from '../src/platform/logger';
import { openTestDatabase, type TestDatabase } from './support/db';
import { serveRoutes, type RouteApp } from './support/route-app';

/**
 * The seed's metrics on a small hand-made data set, inserted row by row, every answer worked out
 * by hand below. Corp C (Asia/Shanghai); the period P is the local week Mon 2026-03-02 00:00 to
 * Mon 2026-03-09 00:00 (+08:00). "now" (for SOP tasks still pending) is Fri 03-06 12:00.
 *
 * Teams tA 甲队 (agents a1 安, a2 白; team lead l1 林) and tB 乙队 (agent b1 陈); x1 left in February.
 * Customers, all created 2026-01-01 unless said: k1, k2 (owner a1), k3 (a2), k4, k5 (b1), k6 (no
 * owner), km (owner a1, merged into k1: every row of km is left out), k7 (a1, created 03-10: after P).
 * Live customers before the end of P: k1..k6 = 6; team A: k1 k2 k3 = 3; team B: k4 k5 = 2.
 * Segment S: k2, k4, km (live members k2, k4). Segment E: nobody.
 * A second corp Z has rows in P that must never count.
 */
describe(`the seed's metrics on ${process.env.TEST_DB}`, () => {
  const C = 'corp-c';
  const Z = 'corp-z';
  /** A local Shanghai time in 2026: L('03-02 10:00'). */
  const L = (s: string): Date => new Date(`2026-${s.slice(0, 5)}T${s.slice(6) || '00:00'}:00+08:00`);
  const from = L('03-02 00:00');
  const to = L('03-09 00:00');
  const corp: AnalyticsScope = { corpId: C, teamId: null, segmentId: null, timeZone: 'Asia/Shanghai' };
  const teamA: AnalyticsScope = { ...corp, teamId: 'tA' };
  const teamB: AnalyticsScope = { ...corp, teamId: 'tB' };
  const segS: AnalyticsScope = { ...corp, segmentId: 'S' };
  const segE: AnalyticsScope = { ...corp, segmentId: 'E' };
  let db: TestDatabase;
  let metrics: MetricCatalog;
  let rollups: RollupService;
  let app: RouteApp | undefined;
  let n = 0;
  const id = (p: string) => `${p}-${++n}`;

  async function ins(table: string, row: Record<string, unknown>): Promise<void> {
    const cols = Object.keys(row);
    const values = cols.map((c) => {
      const v = row[c];
      return v instanceof Date ? toDbTime(v) : typeof v === 'boolean' ? (v ? 1 : 0) : v;
    });
    await db.ds.query(`INSERT INTO \`${table}\` (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`, values);
  }

  const jan1 = L('01-01 00:00');

  async function seed(): Promise<void> {
    for (const [cid, zone] of [[C, 'Asia/Shanghai'], [Z, 'Asia/Shanghai']] as const) await ins('corp', { id: cid, wecom_corp_id: `w-${cid}`, name: cid, timezone: zone, created_at: jan1 });
    await ins('team', { id: 'tA', corp_id: C, name: '甲队', created_at: jan1 });
    await ins('team', { id: 'tB', corp_id: C, name: '乙队', created_at: jan1 });
    const staff = (sid: string, name: string, role: string, team: string | null, corpId = C, leftAt: Date | null = null) =>
      ins('staff_member', { id: sid, corp_id: corpId, team_id: team, wecom_user_id: `u-${sid}`, name, role, seniority: 'junior', status: leftAt ? 'left' : 'active', left_at: leftAt, created_at: jan1, updated_at: jan1 });
    await staff('a1', '安', 'agent', 'tA');
    await staff('a2', '白', 'agent', 'tA');
    await staff('b1', '陈', 'agent', 'tB');
    await staff('l1', '林', 'team_lead', 'tA');
    await staff('x1', '徐', 'agent', null, C, L('02-01 00:00'));
    await staff('z9', 'Z', 'agent', null, Z);
    const customer = (cid: string, owner: string | null, extra: Record<string, unknown> = {}, corpId = C) =>
      ins('customer', { id: cid, corp_id: corpId, name: cid, gender: 'unknown', owner_staff_id: owner, stage: 'interest', created_at: jan1, updated_at: jan1, ...extra });
    await customer('k1', 'a1');
    await customer('k2', 'a1');
    await customer('k3', 'a2');
    await customer('k4', 'b1');
    await customer('k5', 'b1');
    await customer('k6', null);
    await customer('km', 'a1', { merged_into_id: 'k1' });
    await customer('k7', 'a1', { created_at: L('03-10 09:00') });
    await customer('z1', 'z9', {}, Z);
    for (const s of ['S', 'E']) await ins('segment', { id: s, corp_id: C, name: s, rule: '{}', created_at: jan1, updated_at: jan1 });
    for (const k of ['k2', 'k4', 'km']) await ins('segment_member', { segment_id: 'S', customer_id: k, corp_id: C, entered_at: jan1 });

    // Activities: O1, O2 offline starting in P; O0 before P, O3 after P; N1 online in P.
    const activity = (aid: string, kind: string, starts: string, corpId = C) =>
      ins('activity', { id: aid, corp_id: corpId, kind, type: kind === 'online' ? 'lottery' : 'seminar', title: aid, description: '', starts_at: L(starts), ends_at: L(starts), status: 'published' });
    await activity('O0', 'offline', '02-25 14:00');
    await activity('O1', 'offline', '03-07 14:00');
    await activity('O2', 'offline', '03-05 14:00');
    await activity('O3', 'offline', '03-12 14:00');
    await activity('N1', 'online', '03-02 09:00');
    await activity('ZO', 'offline', '03-05 14:00', Z);
    const signup = (act: string, cid: string, status: string, signed: string, corpId = C) =>
      ins('mp_signup', { id: id('su'), corp_id: corpId, activity_id: act, customer_id: cid, status, seats: 1, name: cid, request_id: id('rq'), signed_up_at: L(signed), queued_at: L(signed), updated_at: L(signed) });
    await signup('O1', 'k1', 'confirmed', '03-03 10:00');
    await signup('O1', 'k2', 'cancelled', '03-03 10:00');
    await signup('O1', 'km', 'confirmed', '03-03 10:00');
    await signup('O1', 'k4', 'attended', '02-27 10:00');
    await signup('O1', 'k5', 'waitlisted', '03-04 10:00');
    await signup('O2', 'k3', 'attended', '02-28 10:00');
    await signup('O2', 'k6', 'confirmed', '02-28 10:00');
    await signup('O0', 'k3', 'attended', '02-20 10:00');
    await signup('O3', 'k1', 'confirmed', '03-04 10:00');
    await signup('ZO', 'z1', 'attended', '03-03 10:00', Z);
    const play = (cid: string, at: string, corpId = C) => ins('mp_play', { activity_id: corpId === C ? 'N1' : 'ZN', customer_id: cid, corp_id: corpId, result: '{}', at: L(at) });
    await play('k4', '03-02 12:00');
    await play('k1', '03-02 12:00');
    await play('k5', '03-10 12:00');
    await play('z1', '03-02 12:00', Z);
    const view = (act: string, cid: string, inviter: string | null, corpId = C) => ins('mp_activity_view', { activity_id: act, customer_id: cid, corp_id: corpId, inviter, views: 1, first_at: L('03-01 10:00'), last_at: L('03-01 10:00') });
    await view('O1', 'k4', 'a1');
    await view('O1', 'k1', 'a1');
    await view('O1', 'k2', null);
    await view('O2', 'k6', 'REF123');
    await view('O2', 'k3', null);
    await view('O0', 'k3', 'a2');
    await view('O1', 'km', 'a1');
    await view('N1', 'k5', 'a1');
    await view('ZO', 'z1', 'z9', Z);

    // Coverage-gap assessments.
    const assess = (cid: string, at: string, corpId = C) => ins('mp_assessment', { id: id('as'), corp_id: corpId, customer_id: cid, input: '{}', gaps: '[]', score: 50, at: L(at) });
    await assess('k1', '03-02 10:00');
    await assess('k1', '03-05 10:00');
    await assess('k3', '03-06 10:00');
    await assess('km', '03-06 10:00');
    await assess('k4', '02-26 10:00');
    await assess('z1', '03-03 10:00', Z);

    // Mini-program members: k1 k2 k3 k4 km since January, k6 joined in P; k5 and k7 are not members.
    for (const [cid, joined] of [['k1', '01-05 10:00'], ['k2', '01-05 10:00'], ['k3', '01-05 10:00'], ['k4', '01-05 10:00'], ['km', '01-05 10:00'], ['k6', '03-05 10:00']] as const) {
      await ins('mp_member', { customer_id: cid, corp_id: C, referral_code: `code-${cid}`, joined_at: L(joined) });
    }
    await ins('mp_member', { customer_id: 'z1', corp_id: Z, referral_code: 'code-z1', joined_at: jan1 });
    const referral = (referrer: string, at: string, corpId = C) => ins('mp_referral', { id: id('rf'), corp_id: corpId, referrer_id: referrer, referee_id: id('friend'), status: 'joined', joined_at: L(at) });
    await referral('k1', '03-03 10:00');
    await referral('k1', '03-04 10:00');
    await referral('k3', '02-20 10:00');
    await referral('km', '03-04 10:00');
    await referral('k4', '03-08 23:59');
    await referral('z1', '03-04 10:00', Z);
    const checkin = (cid: string, at: string, corpId = C) => ins('mp_checkin', { id: id('ci'), corp_id: corpId, customer_id: cid, local_date: `2026-${at.slice(0, 5)}`, timezone: 'Asia/Shanghai', streak: 1, at: L(at) });
    await checkin('k1', '03-02 09:00');
    await checkin('k1', '03-03 09:00');
    await checkin('k2', '03-01 23:59');
    await checkin('k4', '03-04 09:00');
    await checkin('km', '03-04 09:00');
    await checkin('k5', '03-04 09:00');
    await checkin('k6', '03-06 09:00');
    await checkin('z1', '03-04 09:00', Z);

    // Journey positions: J1 (goal, holdout), J2 (goal, no holdout), J3 (no goal), J4 (goal, holdout).
    const position = (j: string, cid: string, status: string, entered: string, converted: string | null, goal = true, corpId = C) =>
      ins('journey_position', {
        id: id('jp'), corp_id: corpId, journey_id: j, version_id: `${j}-v1`, customer_id: cid, instance_key: 'main', step_id: 's1', status,
        entered_at: L(entered), step_entered_at: L(entered), run_started_at: L(entered), goal_until: goal ? L('04-30 00:00') : null, converted_at: converted ? L(converted) : null, updated_at: L(entered),
      });
    await position('J1', 'k1', 'done', '03-02 10:00', '03-04 10:00');
    await position('J1', 'k2', 'active', '03-02 10:00', null);
    await position('J1', 'k3', 'holdout', '03-02 10:00', null);
    await position('J1', 'k4', 'holdout', '03-02 10:00', null);
    await position('J1', 'km', 'done', '03-02 10:00', '03-03 10:00');
    await position('J1', 'k5', 'done', '02-20 10:00', '02-22 10:00');
    await position('J2', 'k6', 'done', '03-03 10:00', '03-20 10:00');
    await position('J3', 'k4', 'done', '03-03 10:00', null, false);
    await position('J4', 'k5', 'done', '03-04 10:00', '03-05 10:00');
    await position('J4', 'k6', 'holdout', '03-04 10:00', '03-06 10:00');
    await position('ZJ', 'z1', 'done', '03-04 10:00', '03-05 10:00', true, Z);

    // Leads, closed (conversion) and moved (SLA).
    const lead = (lid: string, cid: string, status: string, closed: string | null, corpId = C) =>
      ins('lead', { id: lid, corp_id: corpId, customer_id: cid, product_line: 'critical_illness', source_id: 'src', detail: '', status, created_at: jan1, updated_at: jan1, closed_at: closed ? L(closed) : null });
    await lead('L1', 'k1', 'won', '03-03 10:00');
    await lead('L2', 'k2', 'lost', '03-04 10:00');
    await lead('L3', 'k4', 'won', '03-05 10:00');
    await lead('L4', 'k3', 'won', '02-25 10:00');
    await lead('L5', 'km', 'won', '03-05 10:00');
    await lead('L6', 'k5', 'rejected', '03-05 10:00');
    await lead('L7', 'k6', 'assigned', null);
    await lead('LZ', 'z1', 'won', '03-05 10:00', Z);
    const move = (lid: string, cid: string, kind: string, at: string, m: { to?: string; from?: string; actor?: string } = {}) =>
      ins('lead_move', { id: id('mv'), corp_id: C, lead_id: lid, customer_id: cid, kind, to_staff_id: m.to ?? null, from_staff_id: m.from ?? null, reason: kind, actor: m.actor ?? 'system', at: L(at) });
    // L8 (k1): a1 assigned, followed up → kept.
    await move('L8', 'k1', 'assigned', '03-02 10:00', { to: 'a1' });
    await move('L8', 'k1', 'activity', '03-02 12:00', { to: 'a1', actor: 'a1' });
    // L9 (k3): a2 assigned, only a system hand-off note, returned untouched → missed; then a1 → kept.
    await move('L9', 'k3', 'assigned', '03-03 10:00', { to: 'a2' });
    await move('L9', 'k3', 'activity', '03-03 12:00', { actor: 'system' });
    await move('L9', 'k3', 'returned', '03-04 10:00', { from: 'a2' });
    await move('L9', 'k3', 'assigned', '03-04 11:00', { to: 'a1' });
    await move('L9', 'k3', 'activity', '03-04 12:00', { to: 'a1', actor: 'a1' });
    // L10 (k4): b1 claimed, followed up, later protection ran out → kept.
    await move('L10', 'k4', 'claimed', '03-05 09:00', { to: 'b1', actor: 'b1' });
    await move('L10', 'k4', 'activity', '03-05 12:00', { to: 'b1', actor: 'b1' });
    await move('L10', 'k4', 'returned', '03-07 09:00', { from: 'b1' });
    // L7 (k6): b1 assigned, nothing yet → undecided. L12 (k5): b1 released it → not counted.
    await move('L7', 'k6', 'assigned', '03-06 09:00', { to: 'b1' });
    await move('L12', 'k5', 'assigned', '03-06 09:00', { to: 'b1' });
    await move('L12', 'k5', 'released', '03-06 10:00', { from: 'b1', actor: 'b1' });
    // L11 (km): merged customer.
    await move('L11', 'km', 'assigned', '03-03 09:00', { to: 'a1' });
    await move('L11', 'km', 'returned', '03-04 09:00', { from: 'a1' });
    // L13 (k2): assigned before P (not counted), followed up in P (an action of a1 all the same).
    await move('L13', 'k2', 'assigned', '02-25 10:00', { to: 'a1' });
    await move('L13', 'k2', 'activity', '03-02 11:00', { to: 'a1', actor: 'a1' });
    // L14 (k2): a1 assigned, returned untouched → missed; claimed again by a1 and followed up → kept.
    await move('L14', 'k2', 'assigned', '03-03 09:00', { to: 'a1' });
    await move('L14', 'k2', 'returned', '03-03 20:00', { from: 'a1' });
    await move('L14', 'k2', 'claimed', '03-05 09:00', { to: 'a1', actor: 'a1' });
    await move('L14', 'k2', 'activity', '03-05 10:00', { to: 'a1', actor: 'a1' });
    await ins('lead_move', { id: id('mv'), corp_id: Z, lead_id: 'LZ', customer_id: 'z1', kind: 'assigned', to_staff_id: 'z9', reason: 'x', actor: 'system', at: L('03-03 10:00') });

    // Outbound calls.
    const call = (staffId: string, cid: string, connected: boolean, at: string, corpId = C) =>
      ins('lead_call', { id: id('call'), corp_id: corpId, lead_id: 'Lx', customer_id: cid, seat_group_id: 'g', staff_id: staffId, connected, intent: 'mid', next_step: 'assign', called_at: L(at) });
    await call('a1', 'k1', true, '03-02 10:00');
    await call('a1', 'k2', false, '03-02 15:00');
    await call('a2', 'k3', true, '03-04 10:00');
    await call('b1', 'k4', false, '03-04 11:00');
    await call('b1', 'k5', true, '03-06 10:00');
    await call('a1', 'km', true, '03-03 10:00');
    await call('a1', 'k1', true, '03-01 10:00');
    await call('z9', 'z1', true, '03-03 10:00', Z);

    // Chat messages.
    const msg = (staffId: string | null, cid: string | null, sender: string, action: string, at: string, room: string | null = null, corpId = C) =>
      ins('chat_message', {
        id: id('msg'), corp_id: corpId, msgid: id('wx'), seq: n, action, msg_type: 'text', from_id: staffId ?? cid ?? 'x', sender_kind: sender, staff_id: staffId, customer_id: cid, room_id: room,
        tolist: '[]', content: 'hi', body: '{}', mined: 'mined', sent_at: L(at), archived_at: L(at),
      });
    await msg('a1', 'k1', 'staff', 'send', '03-02 10:00');
    await msg('a1', 'k1', 'staff', 'send', '03-02 10:05');
    await msg('a1', 'k1', 'staff', 'recall', '03-02 10:06');
    await msg('a1', null, 'staff', 'send', '03-03 10:00', 'room-1');
    await msg('a2', 'k3', 'staff', 'send', '03-04 10:00');
    await msg('b1', 'km', 'staff', 'send', '03-04 10:00');
    await msg('a1', 'k1', 'customer', 'send', '03-02 10:01');
    await msg('l1', 'k1', 'staff', 'send', '03-02 10:02');
    await msg('z9', 'z1', 'staff', 'send', '03-02 10:02', null, Z);

    // Agent tasks.
    const task = (staffId: string, cid: string, status: string, done: string | null) =>
      ins('agent_task', { id: id('at'), corp_id: C, task_key: id('tk'), staff_id: staffId, customer_id: cid, kind: 'call', title: 't', status, source: 'journey', due_at: L('03-03 10:00'), created_at: L('03-01 10:00'), done_at: done ? L(done) : null });
    await task('a2', 'k3', 'done', '03-03 10:00');
    await task('b1', 'k4', 'open', null);
    await task('a1', 'k1', 'done', '02-27 10:00');

    // Group SOP tasks.
    const sop = (owner: string, status: string, due: string, target: { kind: 'groups' | 'customers'; id: string }, sent: string | null = null, corpId = C) =>
      ins('sop_task', {
        id: id('st'), corp_id: corpId, plan_id: 'plan', plan_version: 1, step_id: 's', occurrence: id('occ'), mode: 'manual', target_kind: target.kind, target_id: target.id, wecom_target: target.id,
        owner_staff_id: owner, owner_user_id: `u-${owner}`, due_at: L(due), status, content: '{}', sent_at: sent ? L(sent) : null, created_at: L('03-01 00:00'), updated_at: L('03-01 00:00'),
      });
    const g = { kind: 'groups' as const, id: 'grp-1' };
    await sop('a1', 'sent', '03-03 09:00', g, '03-03 09:05'); // T1
    await sop('a1', 'partly_sent', '03-03 09:00', { kind: 'customers', id: 'k2' }, '03-03 09:10'); // T2
    await sop('a1', 'failed', '03-04 09:00', g); // T3
    await sop('a2', 'skipped', '03-04 09:00', g); // T4
    await sop('a2', 'pending', '03-04 09:00', g); // T5: due before now
    await sop('a2', 'pending', '03-07 09:00', g); // T6: not due yet at now
    await sop('b1', 'sent', '03-05 09:00', g, '03-05 09:01'); // T7
    await sop('b1', 'cancelled', '03-05 09:00', g); // T8
    await sop('b1', 'planned', '03-05 09:00', g); // T9
    await sop('b1', 'overdue', '03-05 09:00', { kind: 'customers', id: 'km' }); // T10: merged
    await sop('a1', 'sent', '02-27 09:00', g, '02-27 09:00'); // T11: before P
    await sop('z9', 'sent', '03-05 09:00', g, '03-05 09:00', Z);

    // Key nodes: the corp's own medical SOP has 3 nodes; the other lines use the built-in 5.
    await ins('sales_sop', { id: 'sop-med', corp_id: C, product_line: 'medical', nodes: JSON.stringify([{ key: 'a' }, { key: 'b' }, { key: 'c' }]), updated_at: jan1 });
    const nodes = (k: number) => JSON.stringify(['needs_probing', 'coverage_gap', 'proposal_presented', 'objection_handled', 'closing'].slice(0, k).map((key) => ({ key, name: '需求挖掘“关键”', at: '2026-03-02T02:00:00.000Z', messageId: null })));
    const conv = (staffId: string, cid: string, line: string, reached: number, started: string, corpId = C) =>
      ins('chat_conversation', { id: id('cv'), corp_id: corpId, staff_id: staffId, customer_id: cid, started_at: L(started), last_at: L(started), messages: 4, product_line: line, nodes: nodes(reached) });
    await conv('a1', 'k1', 'critical_illness', 3, '03-02 10:00'); // C1 3/5
    await conv('a1', 'k2', 'medical', 2, '03-03 10:00'); // C2 2/3
    await conv('a2', 'k3', 'travel_accident', 5, '03-04 10:00'); // C3 5/5 (the any SOP)
    await conv('b1', 'k4', 'medical', 4, '03-05 10:00'); // C4 4 reached of 3 → 3/3
    await conv('b1', 'km', 'medical', 3, '03-05 10:00'); // C5 merged
    await conv('a1', 'k1', 'critical_illness', 5, '03-01 10:00'); // C6 before P
    await conv('b1', 'k5', 'any', 0, '03-06 10:00'); // C7 0/5
    await conv('z9', 'z1', 'any', 5, '03-06 10:00', Z);
  }

  beforeAll(async () => {
    db = await openTestDatabase();
    // As the server builds it (the built-in sales SOPs come from playbook), on the test's clock.
    ({ metrics, rollups } = buildAnalytics({ ds: db.ds, clock: new ManualClock(L('03-06 12:00')), ids: new SequentialIdGenerator() }));
    await seed();
  });

  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  const byKey = (items: MetricValue[]) => new Map(items.map((m) => [m.key, m]));
  const value = async (scope: AnalyticsScope, key: MetricKey) => (await metrics.compute(scope, [key], from, to))[0]!;

  it('computes every metric for the whole corp', async () => {
    const items = await metrics.compute(corp, metricKeys, from, to);
    expect(items.map((i) => i.key)).toEqual([...metricKeys]);
    const m = byKey(items);
    const ratio = (k: MetricKey) => m.get(k)!.ratio && [m.get(k)!.ratio!.numerator, m.get(k)!.ratio!.denominator];
    // k1 (signed up O1, O3; played N1), k4 (played N1), k5 (waitlisted for O1, signed up in P) of 6
    // live customers. Not: k2 (cancelled), km (merged), k3/k4's sign-ups before P, k5's play after P.
    expect(ratio('activity_penetration')).toEqual([3, 6]);
    expect(m.get('activity_penetration')!.value).toBeCloseTo(0.5, 10);
    // Closed in P: L1 won, L2 lost, L3 won. Not: L4 (before P), L5 (merged), L6 (rejected).
    expect(ratio('underwriting_conversion')).toEqual([2, 3]);
    // Calls in P: a1→k1 ✓, a1→k2 ✗, a2→k3 ✓, b1→k4 ✗, b1→k5 ✓. Not: a1→km (merged), a1→k1 on 03-01.
    expect(ratio('call_connect_rate')).toEqual([3, 5]);
    expect(m.get('call_connect_rate')!.value).toBeCloseTo(0.6, 10);
    // O1 and O2 start in P. Seats held: k1 (O1, confirmed), k4 (O1, attended), k3 (O2, attended),
    // k6 (O2, confirmed). Not: k2 (cancelled), k5 (waitlisted), km (merged), O0 and O3.
    expect(ratio('event_attendance_rate')).toEqual([2, 4]);
    // Invited to O1/O2: k4 (attended), k1 (did not), k6 (did not). Not: uninvited views, km, O0, the online N1.
    expect(ratio('invited_attendance_rate')).toEqual([1, 3]);
    // k1 twice, k3 once in P. Not: km (merged), k4 (before P).
    expect(m.get('assessment_customers')).toMatchObject({ value: 2, unit: 'count', ratio: null });
    expect(m.get('assessment_times')).toMatchObject({ value: 3, unit: 'count', ratio: null });
    // Members before the end of P: k1 k2 k3 k4 k6 (km merged). Referrers in P: k1 (twice), k4. Not k3 (before P), km.
    expect(ratio('referral_rate')).toEqual([2, 5]);
    // Checked in during P: k1, k4, k6. Not: k2 (before P), km (merged), k5 (not a member).
    expect(ratio('checkin_active_rate')).toEqual([3, 5]);
    // Treated, entered in P, with a goal: J1 k1 ✓ k2 ✗; J2 k6 ✓ (converted after P, still its cohort); J4 k5 ✓.
    // Not: holdouts, km, J1 k5 (entered before P), J3 (no goal).
    expect(ratio('journey_conversion')).toEqual([3, 4]);
    // J1: 1/2 − 0/2 = +50 points, weight 4; J4: 1/1 − 1/1 = 0, weight 2; J2 has no holdout → 200/6.
    expect(m.get('journey_uplift')!.value).toBeCloseTo(100 / 3, 10);
    expect(m.get('journey_uplift')).toMatchObject({ unit: 'points', ratio: null });
    // Kept: L8 a1, L9 a1, L10 b1, L14 (second holding) a1. Missed: L9 a2, L14 (first holding) a1.
    // Not: L7 (undecided), L12 (released), L11 (merged), L13 (assigned before P).
    expect(ratio('lead_sla_compliance')).toEqual([4, 6]);
    // a1: 2 calls + 3 messages (2 to k1, 1 in a group; not the recall) + 4 follow-ups (L8, L9, L13, L14) + 2 SOP sends (T1, T2) = 11;
    // a2: 1 call + 1 message + 1 task = 3; b1: 2 calls + 1 follow-up (L10) + 1 SOP send (T7) = 4 (its message to km is merged).
    // l1 is a team lead, x1 left before P: 18 actions over 3 agents.
    expect(ratio('agent_activity')).toEqual([18, 3]);
    expect(m.get('agent_activity')!.value).toBeCloseTo(6, 10);
    // C1 3/5 + C2 2/3 + C3 5/5 + C4 3/3 (capped) + C7 0/5 = 13/21.
    expect(ratio('key_node_reach_rate')).toEqual([13, 21]);
    // Done: T1 T2 T7; due: those and T3 (failed), T4 (skipped), T5 (pending, due before now).
    // Not: T6 (pending, due after now), T8 cancelled, T9 planned, T10 merged, T11 before P.
    expect(ratio('sop_completion')).toEqual([3, 6]);
    expect([...m.values()].every((v) => v.better === 'higher' && v.name.length > 0)).toBe(true);
  });

  it('keeps to a team: its customers for customer metrics, its staff for what agents did', async () => {
    const a = byKey(await metrics.compute(teamA, ['activity_penetration', 'call_connect_rate', 'lead_sla_compliance', 'agent_activity', 'journey_conversion', 'journey_uplift', 'referral_rate', 'sop_completion', 'key_node_reach_rate', 'event_attendance_rate'], from, to));
    const r = (k: MetricKey) => [a.get(k)!.ratio!.numerator, a.get(k)!.ratio!.denominator];
    expect(r('activity_penetration')).toEqual([1, 3]); // k1 of k1 k2 k3
    expect(r('call_connect_rate')).toEqual([2, 3]); // a1 1/2, a2 1/1
    expect(r('lead_sla_compliance')).toEqual([3, 5]); // a1 3/4, a2 0/1
    expect(r('agent_activity')).toEqual([14, 2]); // a1 11 + a2 3
    expect(r('journey_conversion')).toEqual([1, 2]); // J1 k1 ✓ k2 ✗
    expect(a.get('journey_uplift')!.value).toBeCloseTo(50, 10); // J1: 1/2 − 0/1 (k3)
    expect(r('referral_rate')).toEqual([1, 3]); // k1 of members k1 k2 k3
    expect(r('sop_completion')).toEqual([2, 5]); // a1 2/3, a2 0/2
    expect(r('key_node_reach_rate')).toEqual([10, 13]); // a1 5/8, a2 5/5
    expect(r('event_attendance_rate')).toEqual([1, 2]); // k1 (O1) ✗, k3 (O2) ✓
    const b = byKey(await metrics.compute(teamB, ['activity_penetration', 'journey_conversion', 'journey_uplift', 'assessment_customers', 'lead_sla_compliance'], from, to));
    expect(b.get('activity_penetration')!.ratio).toEqual({ numerator: 2, denominator: 2, value: 1 }); // k4, k5
    expect(b.get('journey_conversion')!.ratio).toEqual({ numerator: 1, denominator: 1, value: 1 }); // J4 k5 ✓
    // J1 has only k4 held out in team B and J4 only k5 treated: no journey has both groups.
    expect(b.get('journey_uplift')!.value).toBeNull();
    expect(b.get('assessment_customers')!.value).toBe(0);
    expect(b.get('lead_sla_compliance')!.ratio).toEqual({ numerator: 1, denominator: 1, value: 1 });
  });

  it('keeps to a segment’s current members, and a rate over nobody is null', async () => {
    const s = byKey(await metrics.compute(segS, ['activity_penetration', 'underwriting_conversion', 'call_connect_rate', 'event_attendance_rate', 'invited_attendance_rate', 'referral_rate', 'checkin_active_rate', 'journey_conversion', 'journey_uplift', 'lead_sla_compliance', 'agent_activity', 'key_node_reach_rate', 'sop_completion'], from, to));
    const r = (k: MetricKey) => [s.get(k)!.ratio!.numerator, s.get(k)!.ratio!.denominator];
    expect(r('activity_penetration')).toEqual([1, 2]); // k4 of k2 k4 (km merged)
    expect(r('underwriting_conversion')).toEqual([1, 2]); // L2 k2 lost, L3 k4 won
    expect(r('call_connect_rate')).toEqual([0, 2]); // a1→k2 ✗, b1→k4 ✗
    expect(s.get('call_connect_rate')!.value).toBe(0);
    expect(r('event_attendance_rate')).toEqual([1, 1]); // k4 attended O1 (k2 cancelled)
    expect(r('invited_attendance_rate')).toEqual([1, 1]); // k4
    expect(r('referral_rate')).toEqual([1, 2]); // k4 of members k2 k4
    expect(r('checkin_active_rate')).toEqual([1, 2]); // k4 (k2 checked in before P)
    expect(r('journey_conversion')).toEqual([0, 1]); // J1 k2 ✗
    expect(s.get('journey_uplift')!.value).toBe(0); // J1: 0/1 − 0/1 (k4)
    expect(r('lead_sla_compliance')).toEqual([2, 3]); // L14 a1 missed then kept, L10 b1 kept
    expect(r('agent_activity')).toEqual([6, 3]); // a1: call k2 + follow-ups L13 L14 + T2; b1: call k4 + follow-up L10
    expect(r('key_node_reach_rate')).toEqual([5, 6]); // C2 2/3, C4 3/3
    expect(r('sop_completion')).toEqual([1, 1]); // T2 (customer k2); group tasks name no member
    const e = await metrics.compute(segE, ['activity_penetration', 'call_connect_rate', 'sop_completion', 'journey_uplift', 'lead_sla_compliance'], from, to);
    for (const v of e) expect(v.value).toBeNull();
    expect(e[0]!.ratio).toEqual({ numerator: 0, denominator: 0, value: null });
    expect((await value(segE, 'assessment_times')).value).toBe(0);
  });

  it('counts nothing of another period', async () => {
    const items = await metrics.compute(corp, ['call_connect_rate', 'event_attendance_rate', 'journey_conversion', 'lead_sla_compliance', 'key_node_reach_rate', 'sop_completion'], L('05-01 00:00'), L('05-08 00:00'));
    expect(items.map((i) => i.value)).toEqual([null, null, null, null, null, null]);
    // The activity base does not depend on activity: 7 live customers exist by May (k7 too).
    expect((await metrics.compute(corp, ['activity_penetration'], L('05-01 00:00'), L('05-08 00:00')))[0]!.ratio).toEqual({ numerator: 0, denominator: 7, value: 0 });
  });

  it('breaks the agents’ metrics down by agent and by team', async () => {
    const rows = (list: Array<{ key: string; label: string; value: number | null; ratio: { numerator: number; denominator: number } | null }>) =>
      list.map((x) => [x.key, x.label, x.ratio ? [x.ratio.numerator, x.ratio.denominator] : x.value]);
    expect(rows(await metrics.breakdown(corp, 'call_connect_rate', from, to, 'agent'))).toEqual([
      ['a1', '安', [1, 2]],
      ['a2', '白', [1, 1]],
      ['b1', '陈', [1, 2]],
    ]);
    expect(rows(await metrics.breakdown(corp, 'lead_sla_compliance', from, to, 'team'))).toEqual([
      ['tB', '乙队', [1, 1]],
      ['tA', '甲队', [3, 5]],
    ]);
    expect(rows(await metrics.breakdown(corp, 'agent_activity', from, to, 'agent'))).toEqual([
      ['a1', '安', 11],
      ['a2', '白', 3],
      ['b1', '陈', 4],
    ]);
    expect(rows(await metrics.breakdown(corp, 'agent_activity', from, to, 'team'))).toEqual([
      ['tB', '乙队', [4, 1]],
      ['tA', '甲队', [14, 2]],
    ]);
    expect(rows(await metrics.breakdown(corp, 'key_node_reach_rate', from, to, 'agent'))).toEqual([
      ['a1', '安', [5, 8]],
      ['a2', '白', [5, 5]],
      ['b1', '陈', [3, 8]],
    ]);
    expect(rows(await metrics.breakdown(teamA, 'sop_completion', from, to, 'agent'))).toEqual([
      ['a1', '安', [2, 3]],
      ['a2', '白', [0, 2]],
    ]);
    await expect(metrics.breakdown(corp, 'activity_penetration', from, to, 'agent')).rejects.toThrow(/no breakdown by agent or team/);
  });

  it('gives a series per local day and per week', async () => {
    // Calls: 03-02 a1 ✓ ✗; 03-04 a2 ✓, b1 ✗; 03-06 b1 ✓.
    expect(await metrics.series(corp, 'call_connect_rate', from, to, 'day')).toEqual([
      { day: '2026-03-02', value: 0.5 },
      { day: '2026-03-03', value: null },
      { day: '2026-03-04', value: 0.5 },
      { day: '2026-03-05', value: null },
      { day: '2026-03-06', value: 1 },
      { day: '2026-03-07', value: null },
      { day: '2026-03-08', value: null },
    ]);
    const week = await metrics.series(corp, 'call_connect_rate', L('02-23 00:00'), to, 'week');
    expect(week.map((p) => p.day)).toEqual(['2026-02-23', '2026-03-02']);
    expect(week[0]!.value).toBe(1); // a1→k1 on 03-01
    expect(week[1]!.value).toBeCloseTo(0.6, 10);
  });

  it('serves the metrics over HTTP: team leads held to their team, clear 400s', async () => {
    const principals: Record<string, Principal> = {
      admin: { id: 'ad', role: 'admin', corpId: C, teamId: null, name: 'ad' },
      leadA: { id: 'l1', role: 'team_lead', corpId: C, teamId: 'tA', name: '林' },
      agent: { id: 'a1', role: 'agent', corpId: C, teamId: 'tA', name: '安' },
    };
    const container = { logger: createLogger('silent'), tokens: { verify: (t: string) => (principals[t] ? Promise.resolve(principals[t]) : Promise.reject(new Error('no'))) } } as unknown as Container;
    app = await serveRoutes(container, metricRoutes({ metrics, zones: new CorpZoneRepository(db.ds) }));
    const get = async (path: string, token: string, q: Record<string, string>) => {
      const res = await fetch(`${app!.base}${path}?${new URLSearchParams({ from: '2026-03-02T00:00:00+08:00', to: '2026-03-09T00:00:00+08:00', ...q }).toString()}`, { headers: { authorization: `Bearer ${token}` } });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> & { items: Array<Record<string, unknown>>; error?: { message: string } } };
    };
    const all = await get('/api/analytics/metrics', 'admin', {});
    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(15);
    expect(all.body.from).toBe(from.toISOString());
    const lead = await get('/api/analytics/metrics', 'leadA', { teamId: 'tB', keys: 'call_connect_rate,agent_activity' });
    expect(lead.body.items.map((i) => [i.key, (i.ratio as { numerator: number; denominator: number }).numerator, (i.ratio as { denominator: number }).denominator])).toEqual([
      ['call_connect_rate', 2, 3],
      ['agent_activity', 14, 2],
    ]);
    const seg = await get('/api/analytics/metrics', 'admin', { segmentId: 'S', keys: 'checkin_active_rate' });
    expect(seg.body.items[0]!.value).toBe(0.5);
    expect((await get('/api/analytics/metrics', 'agent', {})).status).toBe(403);
    const backwards = await get('/api/analytics/metrics', 'admin', { from: '2026-03-09T00:00:00+08:00', to: '2026-03-02T00:00:00+08:00' });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error!.message).toMatch(/before/);
    const long = await get('/api/analytics/metrics', 'admin', { from: '2025-01-01T00:00:00+08:00', to: '2026-01-03T00:00:00+08:00' });
    expect(long.status).toBe(400);
    expect(long.body.error!.message).toMatch(/366 days/);
    const unknown = await get('/api/analytics/metrics', 'admin', { keys: 'call_connect_rate,nps' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error!.message).toMatch(/Unknown metric nps/);
    const breakdown = await get('/api/analytics/metrics/call_connect_rate/breakdown', 'admin', { by: 'team' });
    expect(breakdown.body.items.map((i) => [i.key, i.value])).toEqual([
      ['tB', 0.5],
      ['tA', 2 / 3],
    ]);
    const noBreakdown = await get('/api/analytics/metrics/referral_rate/breakdown', 'admin', { by: 'agent' });
    expect(noBreakdown.status).toBe(400);
    expect(noBreakdown.body.error!.message).toMatch(/referral_rate has no breakdown/);
    const series = await get('/api/analytics/metrics/assessment_times/series', 'leadA', { interval: 'day' });
    expect(series.body.items.map((p) => p.value)).toEqual([1, 0, 0, 1, 1, 0, 0]); // team A: k1 03-02, k1 03-05, k3 03-06
    expect((await get('/api/analytics/metrics/call_connect_rate/series', 'admin', { from: '2026-01-01T00:00:00+08:00', interval: 'day' })).status).toBe(400);
    expect((await get('/api/analytics/metrics/nps/series', 'admin', {})).status).toBe(400);
  });

  it('answers the agent metrics from the staff rollup exactly as live, and folds in late rows and merges when the job runs', async () => {
    // The same catalogue without the rollup: every figure counted live.
    const live = new MetricCatalog(db.ds, new ManualClock(L('03-06 12:00')), new Map(defaultSalesSops.map((x) => [x.productLine as string, x.nodes.length])));
    const agentKeys: MetricKey[] = ['call_connect_rate', 'agent_activity'];
    const scopes = [corp, teamA, teamB, segS];
    const same = async () => {
      for (const scope of scopes) expect(await metrics.compute(scope, agentKeys, from, to)).toEqual(await live.compute(scope, agentKeys, from, to));
      for (const key of agentKeys) for (const by of ['agent', 'team'] as const) expect(await metrics.breakdown(corp, key, from, to, by)).toEqual(await live.breakdown(corp, key, from, to, by));
      expect(await metrics.series(corp, 'call_connect_rate', from, to, 'day')).toEqual(await live.series(corp, 'call_connect_rate', from, to, 'day'));
    };
    // Today is 03-06: the first run builds the 31 closed days up to yesterday, 02-03 to 03-05.
    const first = await rollups.runDue(C);
    expect(first.built).toEqual([{ from: '2026-02-03', last: '2026-03-05' }]);
    const day = async (staff: string, d: string) =>
      (await db.ds.query<Array<Record<string, unknown>>>('SELECT calls, connected, messages, follow_ups, tasks_done, sop_sent FROM analytics_staff_day WHERE corp_id = ? AND staff_id = ? AND `day` = ?', [C, staff, d])).map((r) =>
        Object.values(r).map(Number),
      );
    // a1 on 03-02: calls to k1 ✓ and k2 ✗, two messages to k1 (not the recall), follow-ups of L13 and L8.
    expect(await day('a1', '2026-03-02')).toEqual([[2, 1, 2, 2, 0, 0]]);
    // a1 on 03-03: the group message and the SOP send T1 and T2 (the call to km is merged).
    expect(await day('a1', '2026-03-03')).toEqual([[0, 0, 1, 0, 0, 2]]);
    // b1 on 03-04: the call to k4; its message to km is merged. Team lead l1's message counts under l1.
    expect(await day('b1', '2026-03-04')).toEqual([[1, 0, 0, 0, 0, 0]]);
    expect(await day('l1', '2026-03-02')).toEqual([[0, 0, 1, 0, 0, 0]]);
    // The hand-computed answers hold with 03-02..03-05 read from the rollup and 03-06..03-08 live.
    const m = byKey(await metrics.compute(corp, metricKeys, from, to));
    expect(m.get('call_connect_rate')!.ratio).toMatchObject({ numerator: 3, denominator: 5 });
    expect(m.get('agent_activity')!.ratio).toMatchObject({ numerator: 18, denominator: 3 });
    expect((await metrics.compute(teamA, ['agent_activity'], from, to))[0]!.ratio).toMatchObject({ numerator: 14, denominator: 2 });
    await same();
    // The rollup is what answers: a figure changed in it shows (and a rebuild by hand puts it right).
    await db.ds.query('UPDATE analytics_staff_day SET calls = calls + 10 WHERE corp_id = ? AND staff_id = ? AND `day` = ?', [C, 'a1', '2026-03-02']);
    expect((await metrics.compute(corp, ['call_connect_rate'], from, to))[0]!.ratio).toMatchObject({ numerator: 3, denominator: 15 });
    await rollups.rebuild(C, { from: '2026-03-02', last: '2026-03-02' });
    await same();
    // A late row on a closed day within the settling days (a call on 03-04 logged on 03-06): counted
    // once the job runs again, which rebuilds 03-03..03-05 (and reaches a month further back).
    await ins('lead_call', { id: id('call'), corp_id: C, lead_id: 'Lx', customer_id: 'k5', seat_group_id: 'g', staff_id: 'b1', connected: true, intent: 'mid', next_step: 'assign', called_at: L('03-04 16:00') });
    expect((await live.compute(corp, ['call_connect_rate'], from, to))[0]!.ratio).toMatchObject({ numerator: 4, denominator: 6 });
    expect((await rollups.runDue(C)).built).toEqual([
      { from: '2026-03-03', last: '2026-03-05' },
      { from: '2026-01-03', last: '2026-02-02' },
    ]);
    await same();
    // A merge (k2 into k1 on 03-06): k2's rows stop counting (the call a1→k2 ✗ on 03-02, the
    // follow-ups of L13 and L14, the SOP task T2), in closed days outside the settling days too.
    await db.ds.query('UPDATE customer SET merged_into_id = ? WHERE id = ?', ['k1', 'k2']);
    await ins('customer_merge', { id: id('mg'), corp_id: C, survivor_id: 'k1', merged_id: 'k2', reason: 'phone', at: L('03-06 11:00') });
    expect((await live.compute(corp, ['call_connect_rate'], from, to))[0]!.ratio).toMatchObject({ numerator: 4, denominator: 5 });
    const merged = await rollups.runDue(C);
    expect(merged.merges).toBe(1);
    expect(merged.built).toContainEqual({ from: '2026-03-02', last: '2026-03-02' });
    await same();
    expect((await metrics.compute(corp, ['agent_activity'], from, to))[0]!.ratio).toMatchObject({ numerator: 15, denominator: 3 });
    // Nothing new: the next run rebuilds the settling days (and reaches back) and folds no merge in twice.
    const again = await rollups.runDue(C);
    expect(again.merges).toBe(0);
    expect(again.built[0]).toEqual({ from: '2026-03-03', last: '2026-03-05' });
    expect(again.built).not.toContainEqual({ from: '2026-03-02', last: '2026-03-02' });
    await same();
  });
});
