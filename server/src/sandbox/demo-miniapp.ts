import { createHash } from 'node:crypto';
import { eventCounterKey, type ActivityCount, type Customer, type CustomerIdentity, type Policy, type Product } from '../customers';
import { addDays } from '../platform/local-day';
import type { IdGenerator } from '../platform/ids';
import { DAY_MS, HISTORY_DAYS, HOUR_MS, MINUTE_MS, dayMinutes, daysAgo, demoCalendar, earlier, localAt, onDay, type DemoCalendar } from './demo-time';
import { Prng } from './prng';

/** Rows of mp_member (miniapp/member.entity.ts). */
export interface DemoMember {
  customerId: string;
  corpId: string;
  referralCode: string;
  channel: string | null;
  joinedAt: Date;
}

/** Rows of mp_checkin. */
export interface DemoCheckin {
  id: string;
  corpId: string;
  customerId: string;
  localDate: string;
  timezone: string;
  streak: number;
  at: Date;
}

/** Rows of mp_points: one movement of a member's points, unique by idemKey. */
export interface DemoPoints {
  id: string;
  corpId: string;
  customerId: string;
  delta: number;
  reason: 'checkin' | 'streak_reward' | 'referral_reward' | 'quiz' | 'lottery';
  ref: string | null;
  idemKey: string;
  at: Date;
}

/** Rows of mp_referral. */
export interface DemoReferral {
  id: string;
  corpId: string;
  referrerId: string;
  refereeId: string;
  status: 'joined' | 'qualified';
  qualifiedBy: 'phone_bound' | 'signed_up' | null;
  rewardPoints: number;
  joinedAt: Date;
  qualifiedAt: Date | null;
}

/** Rows of mp_assessment. */
export interface DemoAssessment {
  id: string;
  corpId: string;
  customerId: string;
  input: { age: number; annualIncome: number; dependents: number; debts: number; existing: Record<GapLine, number> };
  gaps: Array<{ line: GapLine; recommended: number; existing: number; gap: number }>;
  score: number;
  at: Date;
}

type GapLine = 'critical_illness' | 'medical' | 'accident' | 'life';

export interface DemoMiniapp {
  members: DemoMember[];
  checkins: DemoCheckin[];
  points: DemoPoints[];
  referrals: DemoReferral[];
  assessments: DemoAssessment[];
}

export interface DemoMiniappInput {
  corpId: string;
  zone: string;
  customers: readonly Customer[];
  identities: readonly CustomerIdentity[];
  /** The demo's daily event counters: its check_in counters are the check-ins members made. */
  activityCounts: readonly ActivityCount[];
  policies: readonly Policy[];
  products: readonly Product[];
  now: Date;
  ids: IdGenerator;
  seed: number;
}

/** The mini-program's rules the demo follows (miniapp/checkin.plan.ts, referral.plan.ts). */
export const checkinPoints = 5;
export const streakReward = { day: 7, points: 50 } as const;
export const referralRewardPoints = 100;
/** Members who took the coverage-gap assessment in the last 90 days, and how often. */
const assessedShare = 0.08;
/** Members who check in in the mini-program; the others' check-ins (the check_in counters) are in the App. */
const checksInHere = 0.7;
/** Recent new members brought in by a member's share. */
const referredShare = 0.6;

const codeAlphabet = '23456789abcdefghjkmnpqrstuvwxyz';

/** A member's referral code in the mini-program's form (8 lowercase letters and digits), from the customer id. */
export function demoReferralCode(customerId: string, salt = 0): string {
  const bytes = createHash('sha256').update(`referral:${customerId}:${salt}`).digest();
  let out = '';
  for (let i = 0; i < 8; i++) out += codeAlphabet[bytes[i]! % codeAlphabet.length];
  return out;
}

/**
 * The mini-program side of the demo: every customer with an openid is a member (joined when they
 * became a customer, or at some point in the last year for older customers); most members' check_in
 * counters become check-ins (one per local day, streaks and points as the check-in rules give them);
 * recent new members were often brought in by another member's share (a referral, qualified when
 * they bound a phone); and a few members took the coverage-gap assessment, against the cover their
 * policies hold. The same input always gives the same rows; nothing is after `now`.
 */
export function buildDemoMiniapp(input: DemoMiniappInput): DemoMiniapp {
  const rnd = new Prng(input.seed);
  const cal = demoCalendar(input.now, input.zone);
  const id = (): string => input.ids.next();
  const members = demoMembers(input, rnd, cal);
  const memberOf = new Map(members.map((m) => [m.customerId, m]));
  const points: DemoPoints[] = [];
  const checkins = demoCheckins(input, memberOf, rnd, cal, id, points);
  const referrals = demoReferrals(input, members, rnd, id, points);
  const assessments = demoAssessments(input, members, rnd, cal, id);
  return { members, checkins, points, referrals, assessments };
}

function demoMembers(input: DemoMiniappInput, rnd: Prng, cal: DemoCalendar): DemoMember[] {
  const withOpenid = new Set(input.identities.filter((x) => x.kind === 'openid').map((x) => x.customerId));
  const codes = new Set<string>();
  const out: DemoMember[] = [];
  for (const c of input.customers) {
    if (!withOpenid.has(c.id)) continue;
    const ageDays = (cal.now.getTime() - c.createdAt.getTime()) / DAY_MS;
    // New customers open the mini-program within hours; older ones joined in the last year.
    const joinedAt = ageDays <= 365 ? earlier(new Date(c.createdAt.getTime() + rnd.int(5, 600) * MINUTE_MS), cal.now) : new Date(cal.now.getTime() - rnd.int(HISTORY_DAYS, 365) * DAY_MS - rnd.int(0, 23) * HOUR_MS);
    let salt = 0;
    let code = demoReferralCode(c.id);
    while (codes.has(code)) code = demoReferralCode(c.id, ++salt);
    codes.add(code);
    out.push({ customerId: c.id, corpId: input.corpId, referralCode: code, channel: rnd.pick(['official_account', 'agent_card', 'poster', 'mp_search']), joinedAt });
  }
  return out;
}

/**
 * One check-in per local day the demo's check_in counters name, for the members who check in in the
 * mini-program (the rest do it in the App), from the day they joined; streaks count consecutive days.
 */
function demoCheckins(input: DemoMiniappInput, memberOf: ReadonlyMap<string, DemoMember>, rnd: Prng, cal: DemoCalendar, id: () => string, points: DemoPoints[]): DemoCheckin[] {
  const key = eventCounterKey('check_in');
  const days = new Map<string, Set<string>>();
  const here = new Map([...memberOf.keys()].sort().map((customerId) => [customerId, rnd.chance(checksInHere)]));
  for (const a of input.activityCounts) {
    if (a.counterKey !== key || !here.get(a.customerId)) continue;
    const set = days.get(a.customerId) ?? new Set<string>();
    set.add(a.day);
    days.set(a.customerId, set);
  }
  const out: DemoCheckin[] = [];
  for (const [customerId, set] of [...days].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const joined = memberOf.get(customerId)!.joinedAt;
    let last: string | null = null;
    let streak = 0;
    for (const day of [...set].sort()) {
      // Early risers and evening check-ins (the reminder goes out at 20:00).
      const at = onDay(cal, day, rnd.chance(0.6) ? rnd.int(7 * 60, 9 * 60 + 59) : rnd.int(20 * 60, 22 * 60 + 59));
      if (at.getTime() < joined.getTime()) continue;
      streak = last !== null && addDays(last, 1) === day ? streak + 1 : 1;
      last = day;
      out.push({ id: id(), corpId: input.corpId, customerId, localDate: day, timezone: cal.zone, streak, at });
      points.push({ id: id(), corpId: input.corpId, customerId, delta: checkinPoints, reason: 'checkin', ref: day, idemKey: `checkin:${customerId}:${day}`, at });
      if (streak % streakReward.day === 0) points.push({ id: id(), corpId: input.corpId, customerId, delta: streakReward.points, reason: 'streak_reward', ref: day, idemKey: `streak:${customerId}:${day}`, at });
    }
  }
  return out;
}

/**
 * Members who joined in the last 90 days came, more often than not, through another member's share:
 * the referrer is an earlier member; the referral qualifies (and pays the referrer) when the new
 * customer bound a phone.
 */
function demoReferrals(input: DemoMiniappInput, members: readonly DemoMember[], rnd: Prng, id: () => string, points: DemoPoints[]): DemoReferral[] {
  const byJoin = [...members].sort((a, b) => a.joinedAt.getTime() - b.joinedAt.getTime() || (a.customerId < b.customerId ? -1 : 1));
  const customer = new Map(input.customers.map((c) => [c.id, c]));
  const since = input.now.getTime() - HISTORY_DAYS * DAY_MS;
  const out: DemoReferral[] = [];
  byJoin.forEach((m, i) => {
    const c = customer.get(m.customerId)!;
    // Only a new customer is brought in by a share (referral.plan.ts: existing customers are not attributed).
    if (m.joinedAt.getTime() < since || m.joinedAt.getTime() - c.createdAt.getTime() > DAY_MS || i === 0 || !rnd.chance(referredShare)) return;
    const referrer = byJoin[rnd.int(0, i - 1)]!;
    const qualified = c.phoneCipher !== null;
    const qualifiedAt = qualified ? earlier(new Date(m.joinedAt.getTime() + rnd.int(2, 48 * 60) * MINUTE_MS), input.now) : null;
    out.push({
      id: id(),
      corpId: input.corpId,
      referrerId: referrer.customerId,
      refereeId: m.customerId,
      status: qualified ? 'qualified' : 'joined',
      qualifiedBy: qualified ? 'phone_bound' : null,
      rewardPoints: qualified ? referralRewardPoints : 0,
      joinedAt: m.joinedAt,
      qualifiedAt,
    });
    if (qualifiedAt) points.push({ id: id(), corpId: input.corpId, customerId: referrer.customerId, delta: referralRewardPoints, reason: 'referral_reward', ref: m.customerId, idemKey: `referral:${m.customerId}`, at: qualifiedAt });
  });
  return out;
}

const gapLines: readonly GapLine[] = ['critical_illness', 'medical', 'accident', 'life'];
const gapWeights: Record<GapLine, number> = { critical_illness: 35, medical: 25, life: 25, accident: 15 };
const round10k = (n: number): number => Math.round(n / 10_000) * 10_000;

/** The mini-program's coverage-gap rule (miniapp/coverage-gap.plan.ts), for the demo's assessments. */
export function demoGaps(i: DemoAssessment['input']): { gaps: DemoAssessment['gaps']; score: number } {
  const working = i.age < 65;
  const supportYears = Math.min(20, Math.max(5, 65 - i.age));
  const lifeNeed = i.dependents > 0 ? supportYears * i.annualIncome * Math.min(1, 0.5 + 0.25 * i.dependents) + i.debts : i.debts;
  const rec: Record<GapLine, number> = {
    critical_illness: round10k(Math.max(300_000, 5 * i.annualIncome)),
    medical: i.age <= 60 ? 2_000_000 : 1_000_000,
    accident: working ? round10k(Math.max(500_000, 10 * i.annualIncome + i.debts)) : 200_000,
    life: round10k(working ? lifeNeed : i.debts),
  };
  const gaps = gapLines.map((line) => ({ line, recommended: rec[line], existing: i.existing[line], gap: Math.max(0, rec[line] - i.existing[line]) }));
  const covered = gaps.reduce((s, g) => s + gapWeights[g.line] * (g.recommended === 0 ? 1 : Math.min(1, g.existing / g.recommended)), 0);
  return { gaps, score: Math.round(covered) };
}

function demoAssessments(input: DemoMiniappInput, members: readonly DemoMember[], rnd: Prng, cal: DemoCalendar, id: () => string): DemoAssessment[] {
  const customer = new Map(input.customers.map((c) => [c.id, c]));
  const lineOf = new Map(input.products.map((p) => [p.id, p.line]));
  const cover = new Map<string, Record<GapLine, number>>();
  for (const p of input.policies) {
    if (p.status !== 'active') continue;
    const line = lineOf.get(p.productId);
    const held = cover.get(p.customerId) ?? { critical_illness: 0, medical: 0, accident: 0, life: 0 };
    if (line === 'critical_illness' || line === 'medical' || line === 'life') held[line] += p.coverAmount;
    else if (line === 'accident' || line === 'travel_accident') held.accident += p.coverAmount;
    cover.set(p.customerId, held);
  }
  const out: DemoAssessment[] = [];
  for (const m of members) {
    if (!rnd.chance(assessedShare)) continue;
    const c = customer.get(m.customerId)!;
    const age = c.birthDate ? Math.max(18, Number(cal.today.slice(0, 4)) - Number(c.birthDate.slice(0, 4))) : 35;
    const base = {
      age,
      annualIncome: rnd.int(8, 60) * 10_000,
      dependents: age < 28 ? rnd.int(0, 1) : rnd.int(0, 3),
      debts: rnd.chance(0.45) ? rnd.int(20, 300) * 10_000 : 0,
      existing: cover.get(c.id) ?? { critical_illness: 0, medical: 0, accident: 0, life: 0 },
    };
    // Most take it once; some come back to try other figures.
    const times = rnd.weighted([[1, 70], [2, 22], [3, 8]] as const);
    let ago = daysAgo(rnd, 0.6);
    for (let k = 0; k < times; k++) {
      const inputK = k === 0 ? base : { ...base, annualIncome: base.annualIncome + rnd.int(-3, 5) * 10_000 };
      const at = localAt(cal, ago, dayMinutes(rnd));
      if (at.getTime() >= m.joinedAt.getTime()) out.push({ id: id(), corpId: input.corpId, customerId: c.id, input: inputK, ...demoGaps(inputK), at });
      ago = Math.max(0, ago - rnd.int(0, 6));
    }
  }
  return out;
}
