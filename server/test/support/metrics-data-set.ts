import type { DataSource } from 'typeorm';
import type { AnalyticsScope } from '../../src/analytics/scope';
import { toDbTime } from '../../src/db/naming';

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
export const C = 'corp-c';
export const Z = 'corp-z';
/** A local Shanghai time in 2026: L('03-02 10:00'). */
export const L = (s: string): Date => new Date(`2026-${s.slice(0, 5)}T${s.slice(6) || '00:00'}:00+08:00`);
export const from = L('03-02 00:00');
export const to = L('03-09 00:00');
export const corp: AnalyticsScope = { corpId: C, teamId: null, segmentId: null, timeZone: 'Asia/Shanghai' };
export const teamA: AnalyticsScope = { ...corp, teamId: 'tA' };
export const teamB: AnalyticsScope = { ...corp, teamId: 'tB' };
export const segS: AnalyticsScope = { ...corp, segmentId: 'S' };
export const segE: AnalyticsScope = { ...corp, segmentId: 'E' };

/** Inserts rows of the data set (dates through toDbTime, booleans 0/1) and makes ids for them. */
export function metricsDataSet(ds: DataSource) {
  let n = 0;
  const id = (p: string) => `${p}-${++n}`;

  async function ins(table: string, row: Record<string, unknown>): Promise<void> {
    const cols = Object.keys(row);
    const values = cols.map((c) => {
      const v = row[c];
      return v instanceof Date ? toDbTime(v) : typeof v === 'boolean' ? (v ? 1 : 0) : v;
    });
    await ds.query(`INSERT INTO \`${table}\` (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`, values);
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

  return { id, ins, seed };
}
