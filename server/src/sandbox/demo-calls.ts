import type { CallIntent, CallNextStep, LeadProductLine, LeadSourceDefinition } from '@lodestar/shared';
import { productLineNames, type Customer } from '../customers';
import { planCallOutcome } from '../leads';
import type { StaffMember } from '../org';
import type { IdGenerator } from '../platform/ids';
import type { DemoData } from './demo-data';
import { demoFacts, hiddenWinLogOdds, type DemoLead, type DemoLeadMove, type DemoLeadSource } from './demo-lead-history';
import { DAY_MS, HOUR_MS, MINUTE_MS, after, dayMinutes, daysAgo, demoCalendar, localAt } from './demo-time';
import { Prng } from './prng';

/** Rows of seat_group and seat_group_member (leads/seat-group.entity.ts). */
export interface DemoSeatGroup {
  id: string;
  corpId: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
}
export interface DemoSeatGroupMember {
  groupId: string;
  staffId: string;
  corpId: string;
  addedAt: Date;
}

/** Rows of lead_call: one outbound call and its outcome. */
export interface DemoLeadCall {
  id: string;
  corpId: string;
  leadId: string;
  customerId: string;
  seatGroupId: string;
  staffId: string;
  connected: boolean;
  intent: CallIntent;
  nextStep: CallNextStep;
  note: string | null;
  durationSeconds: number | null;
  calledAt: Date;
}

export interface DemoCalls {
  seatGroups: DemoSeatGroup[];
  seatGroupMembers: DemoSeatGroupMember[];
  leadSources: DemoLeadSource[];
  leads: DemoLead[];
  leadMoves: DemoLeadMove[];
  calls: DemoLeadCall[];
}

export type DemoCallsInput = Pick<DemoData, 'corp' | 'staff' | 'tagGroups' | 'tags' | 'products' | 'customers' | 'follows' | 'policies' | 'customerTags' | 'activityCounts' | 'leads'> & {
  now: Date;
  ids: IdGenerator;
  seed: number;
};

export const demoSeatGroupName = '电销坐席组（演示）';
export const demoCallSourceName = '外呼名单（演示）';
/** Customers (with a phone and no closed lead yet) put on the call list in the last 90 days. */
const calledShare = 0.14;
/** A call reaches someone this often. */
const answerRate = 0.4;
/** Assignments the agent let lapse (the SLA took the lead back to the pool, another agent claimed it). */
const missedShare = 0.1;
const lines: ReadonlyArray<readonly [LeadProductLine, number]> = [
  ['critical_illness', 45],
  ['medical', 20],
  ['accident', 12],
  ['life', 10],
  ['annuity', 8],
  ['education', 5],
];
const wonReasons = ['已投保', '签单成功', '核保通过，已出单'];
const lostReasons = ['预算不足', '已在他处投保', '暂不考虑', '家人不同意'];
const followUps = ['call：电话沟通保障需求', 'message：企业微信发送产品资料', 'call：讲解计划书', 'visit：上门面谈', 'message：答复健康告知问题'];

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
const gaussian = (rnd: Prng): number => Math.sqrt(-2 * Math.log(1 - rnd.next())) * Math.cos(2 * Math.PI * rnd.next());

type Path = 'unanswered' | 'not_interested' | 'invalid' | 'assign';

/**
 * The outbound-call history of the demo: a seat group of agents calls the customers of a call list
 * (leads from a disabled source, so nothing new is mined from it); each call's effect on the lead is
 * the leads domain's own rule (planCallOutcome). Calls that reach someone interested hand the lead to
 * the customer's agent, who follows it up (mostly in time; some the SLA takes back and another agent
 * claims) and closes it. Whether a lead is won follows the same hidden rule as the closed-lead history
 * (demo-lead-history.ts), so the intent model still learns one rule. Every lead is closed by now.
 */
export function buildDemoCalls(input: DemoCallsInput): DemoCalls {
  const rnd = new Prng(input.seed);
  const { corp, now } = input;
  const cal = demoCalendar(now, corp.timezone);
  const id = (): string => input.ids.next();
  const agents = input.staff.filter((s) => s.role === 'agent' && s.status === 'active');
  // Every third agent also takes calls for the seat group.
  const seats = agents.filter((_, i) => i % 3 === 2);
  const createdAt = new Date(now.getTime() - 120 * DAY_MS);
  const group: DemoSeatGroup = { id: id(), corpId: corp.id, name: demoSeatGroupName, createdAt, updatedAt: createdAt };
  const members = seats.map((s) => ({ groupId: group.id, staffId: s.id, corpId: corp.id, addedAt: createdAt }));
  const definition: LeadSourceDefinition = { kind: 'left_contact', event: 'leave_contact', withinDays: 30, productLineProperty: 'product_line' };
  const source: DemoLeadSource = {
    id: id(),
    corpId: corp.id,
    name: demoCallSourceName,
    // Disabled: the list was called through; it finds nothing new.
    enabled: false,
    productLine: 'critical_illness',
    seatGroupId: group.id,
    definition: JSON.stringify(definition),
    lastRun: null,
    createdAt,
    updatedAt: createdAt,
  };
  const out: DemoCalls = { seatGroups: [group], seatGroupMembers: members, leadSources: [source], leads: [], leadMoves: [], calls: [] };
  if (!seats.length) return out;

  const hadLead = new Set(input.leads.map((l) => l.customerId));
  const reachable = input.customers.filter((c) => c.phoneCipher !== null && !hadLead.has(c.id));
  const listed = rnd.sample(reachable, Math.min(reachable.length, Math.round(input.customers.length * calledShare)));
  const facts = demoFacts({ ...input, customers: listed }, input.customerTags, input.activityCounts);
  for (const c of listed) {
    // Whether it ends won follows the hidden rule; how a lost one ends is the call list's story.
    const invalid = rnd.chance(0.05);
    const won = !invalid && rnd.chance(sigmoid(hiddenWinLogOdds(facts.get(c.id)!) + 0.4 * gaussian(rnd)));
    const path: Path = invalid ? 'invalid' : won ? 'assign' : rnd.weighted<Path>([['unanswered', 35], ['not_interested', 25], ['assign', 40]]);
    callOne(c, path, won, rnd.weighted(lines), agents, seats, group, source, rnd, localAt(cal, daysAgo(rnd), dayMinutes(rnd)), now, id, out);
  }
  return out;
}

/** The steps of one lead, in time order; the whole story is moved back if it would end after now. */
function callOne(
  c: Customer,
  path: Path,
  won: boolean,
  line: LeadProductLine,
  agents: readonly StaffMember[],
  seats: readonly StaffMember[],
  group: DemoSeatGroup,
  source: DemoLeadSource,
  rnd: Prng,
  created: Date,
  now: Date,
  id: () => string,
  out: DemoCalls,
): void {
  const leadId = id();
  const moves: Array<Omit<DemoLeadMove, 'id' | 'corpId' | 'leadId' | 'customerId'>> = [];
  const calls: Array<Omit<DemoLeadCall, 'id' | 'corpId' | 'leadId' | 'customerId' | 'seatGroupId'>> = [];
  const move = (m: Partial<(typeof moves)[number]> & Pick<(typeof moves)[number], 'kind' | 'reason' | 'at'>): void => {
    moves.push({ fromStaffId: null, toStaffId: null, ruleId: null, actor: 'system', ...m });
  };
  move({ kind: 'created', reason: `${source.name}: ${productLineNames[line] ?? line}留资`, at: created });
  move({ kind: 'queued_for_call', reason: 'ok: valid mobile number; queued for the source’s seat group to call', at: created });

  // The calls, each decided by the leads domain's rule.
  const seat = rnd.pick(seats);
  let at = after(created, rnd.int(10, 240) * MINUTE_MS);
  let counts = { calls: 0, unanswered: 0 };
  let closed: { status: DemoLead['status']; at: Date; outcome: string | null; rejectReason: string | null } | null = null;
  const plan: Array<{ connected: boolean; nextStep: CallNextStep; intent: CallIntent; note?: string }> = [];
  if (path === 'unanswered') for (let k = 0; k < 3; k++) plan.push({ connected: false, nextStep: 'call_again', intent: 'none' });
  else if (path === 'invalid') plan.push({ connected: false, nextStep: 'invalid_number', intent: 'none', note: '空号' });
  else {
    let misses = 0;
    while (misses < 2 && !rnd.chance(answerRate)) misses += 1;
    for (let k = 0; k < misses; k++) plan.push({ connected: false, nextStep: 'call_again', intent: 'none' });
    if (rnd.chance(0.15)) plan.push({ connected: true, nextStep: 'call_again', intent: 'medium', note: '客户在忙，约明天再联系' });
    plan.push(
      path === 'assign'
        ? { connected: true, nextStep: 'assign', intent: rnd.chance(0.6) ? 'high' : 'medium', note: `客户对${productLineNames[line] ?? '保险'}有兴趣，希望顾问详细介绍` }
        : { connected: true, nextStep: 'not_interested', intent: rnd.chance(0.5) ? 'low' : 'none', note: rnd.pick(['客户表示已有保障', '客户暂无需求', '客户表示不需要']) },
    );
  }
  for (const p of plan) {
    const caller = rnd.chance(0.8) ? seat : rnd.pick(seats);
    const decision = planCallOutcome({ status: 'calling', ...counts }, { connected: p.connected, intent: p.intent, nextStep: p.nextStep, ...(p.note ? { note: p.note } : {}) }, at);
    if (!decision.ok) throw new Error(`demo call refused: ${decision.message}`);
    calls.push({ staffId: caller.id, connected: p.connected, intent: p.intent, nextStep: p.nextStep, note: p.note ?? null, durationSeconds: p.connected ? rnd.int(40, 600) : null, calledAt: at });
    for (const m of decision.moves) move({ kind: m.kind, reason: m.reason, actor: caller.id, at });
    counts = { calls: counts.calls + 1, unanswered: counts.unanswered + (p.connected ? 0 : 1) };
    const patch = decision.patch;
    if (patch.closedAt) closed = { status: patch.status, at: patch.closedAt, outcome: patch.outcome ?? null, rejectReason: patch.rejectReason ?? null };
    at = after(patch.callbackAt ?? at, rnd.int(0, 180) * MINUTE_MS);
  }

  // Handed over: the customer's agent (or one the rules picked) follows it up and closes it.
  let owner: StaffMember | null = null;
  let assignedAt: Date | null = null;
  let firstTouchedAt: Date | null = null;
  let lastActivityAt: Date | null = null;
  if (!closed) {
    owner = agents.find((a) => a.id === c.ownerStaffId) ?? rnd.pick(agents);
    assignedAt = after(calls[calls.length - 1]!.calledAt, rnd.int(1, 30) * MINUTE_MS);
    move({ kind: 'assigned', toStaffId: owner.id, reason: '外呼确认意向，分配给客户的顾问', at: assignedAt });
    let t = assignedAt;
    if (rnd.chance(missedShare)) {
      // Not followed up within 24 hours: back to the pool, where another agent claims it.
      t = after(assignedAt, 24 * HOUR_MS + rnd.int(1, 20) * MINUTE_MS);
      move({ kind: 'returned', fromStaffId: owner.id, reason: '回收到公海：分配后 24 小时内未首次跟进', at: t });
      const other = rnd.pick(agents.filter((a) => a.id !== owner!.id));
      owner = other;
      t = after(t, rnd.int(30, 600) * MINUTE_MS);
      move({ kind: 'claimed', toStaffId: other.id, reason: '从公海领取', actor: other.id, at: t });
    }
    const touches = rnd.int(1, 3);
    for (let k = 0; k < touches; k++) {
      t = after(t, (k === 0 ? rnd.int(20, 20 * 60) : rnd.int(12 * 60, 4 * 24 * 60)) * MINUTE_MS);
      firstTouchedAt ??= t;
      lastActivityAt = t;
      move({ kind: 'activity', toStaffId: owner.id, reason: rnd.pick(followUps), actor: owner.id, at: t });
    }
    t = after(t, rnd.int(6 * 60, 6 * 24 * 60) * MINUTE_MS);
    const reason = won ? rnd.pick(wonReasons) : rnd.pick(lostReasons);
    move({ kind: 'closed', fromStaffId: owner.id, reason: `${won ? '成交' : '未成交'}：${reason}`, actor: owner.id, at: t });
    closed = { status: won ? 'won' : 'lost', at: t, outcome: reason, rejectReason: null };
  }
  // The list was called recently: a story that would end after now happened that much earlier.
  const shift = Math.max(0, closed.at.getTime() - now.getTime() + rnd.int(5, 600) * MINUTE_MS);
  const back = (d: Date): Date => new Date(d.getTime() - shift);
  out.leads.push({
    id: leadId,
    corpId: c.corpId,
    customerId: c.id,
    productLine: line,
    sourceId: source.id,
    detail: `${productLineNames[line] ?? line}留资（外呼名单）`,
    status: closed.status,
    openKey: null,
    ownerStaffId: owner?.id ?? null,
    seatGroupId: group.id,
    assignedAt: assignedAt && back(assignedAt),
    firstTouchedAt: firstTouchedAt && back(firstTouchedAt),
    lastActivityAt: lastActivityAt && back(lastActivityAt),
    slaDeadline: null,
    remindAt: null,
    remindedAt: null,
    callbackAt: null,
    rejectReason: closed.rejectReason,
    outcome: closed.outcome,
    createdAt: back(created),
    updatedAt: back(closed.at),
    closedAt: back(closed.at),
  });
  for (const k of calls) out.calls.push({ ...k, id: id(), corpId: c.corpId, leadId, customerId: c.id, seatGroupId: group.id, calledAt: back(k.calledAt) });
  for (const m of moves) out.leadMoves.push({ ...m, id: id(), corpId: c.corpId, leadId, customerId: c.id, at: back(m.at) });
}
