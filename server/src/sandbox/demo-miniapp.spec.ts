import { eventCounterKey } from '../customers';
import { assessGaps } from '../miniapp/coverage-gap.plan';
import { SequentialIdGenerator } from '../platform/ids';
import { addDays, localDay } from '../platform/local-day';
import { demoFixture } from './demo-fixture.spec-helper';
import { buildDemoMiniapp, checkinPoints, demoGaps, referralRewardPoints, streakReward } from './demo-miniapp';
import { DAY_MS } from './demo-time';

const now = new Date('2026-03-31T04:00:00Z');
const zone = 'Asia/Shanghai';
const data = demoFixture(1500, now);
const build = () =>
  buildDemoMiniapp({ corpId: data.corp.id, zone, customers: data.customers, identities: data.identities, activityCounts: data.activityCounts, policies: data.policies, products: data.products, now, ids: new SequentialIdGenerator('mp'), seed: 5 });
const mp = build();
const monthStart = new Date('2026-02-28T16:00:00Z');
/** Members active in March (the month to date), as checkin_active_rate counts them. */
const activeShare = (): number => new Set(mp.checkins.filter((k) => k.at >= monthStart).map((k) => k.customerId)).size / mp.members.filter((m) => m.joinedAt < now).length;

describe('the demo mini-program', () => {
  it('makes every customer with an openid a member, once, with an 8-character referral code of their own, joined by now', () => {
    const openids = new Set(data.identities.filter((x) => x.kind === 'openid').map((x) => x.customerId));
    expect(new Set(mp.members.map((m) => m.customerId))).toEqual(openids);
    expect(new Set(mp.members.map((m) => m.referralCode)).size).toBe(mp.members.length);
    const created = new Map(data.customers.map((c) => [c.id, c.createdAt.getTime()]));
    for (const m of mp.members) {
      expect(m.referralCode).toMatch(/^[2-9a-z]{8}$/);
      expect(m.joinedAt.getTime()).toBeGreaterThanOrEqual(created.get(m.customerId)!);
      expect(m.joinedAt.getTime()).toBeLessThanOrEqual(now.getTime());
    }
  });

  it('turns members’ check_in counters into one check-in per local day, with streaks and the points the rules give', () => {
    const counted = new Set(data.activityCounts.filter((a) => a.counterKey === eventCounterKey('check_in')).map((a) => `${a.customerId}|${a.day}`));
    const joined = new Map(mp.members.map((m) => [m.customerId, m.joinedAt.getTime()]));
    const seen = new Set<string>();
    const last = new Map<string, { day: string; streak: number }>();
    for (const k of [...mp.checkins].sort((a, b) => a.customerId.localeCompare(b.customerId) || a.localDate.localeCompare(b.localDate))) {
      const key = `${k.customerId}|${k.localDate}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
      expect(counted.has(key)).toBe(true);
      expect(localDay(k.at, zone)).toBe(k.localDate);
      expect(k.at.getTime()).toBeLessThanOrEqual(now.getTime());
      expect(k.at.getTime()).toBeGreaterThanOrEqual(joined.get(k.customerId)!);
      const before = last.get(k.customerId);
      expect(k.streak).toBe(before && addDays(before.day, 1) === k.localDate ? before.streak + 1 : 1);
      last.set(k.customerId, { day: k.localDate, streak: k.streak });
    }
    const keys = mp.points.map((p) => p.idemKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(mp.points.filter((p) => p.reason === 'checkin')).toHaveLength(mp.checkins.length);
    expect(mp.points.filter((p) => p.reason === 'checkin').every((p) => p.delta === checkinPoints)).toBe(true);
    expect(mp.points.filter((p) => p.reason === 'streak_reward')).toHaveLength(mp.checkins.filter((k) => k.streak % streakReward.day === 0).length);
  });

  it('has a quarter or so of the members checking in during a month, as an insurer’s check-in programme does', () => {
    expect(activeShare()).toBeGreaterThan(0.18);
    expect(activeShare()).toBeLessThan(0.32);
  });

  it('attributes only new members to an earlier member, pays the referrer once a referral qualifies, and keeps referrals a few percent a month', () => {
    const member = new Map(mp.members.map((m) => [m.customerId, m]));
    const customer = new Map(data.customers.map((c) => [c.id, c]));
    expect(mp.referrals.length).toBeGreaterThan(0);
    expect(new Set(mp.referrals.map((r) => r.refereeId)).size).toBe(mp.referrals.length);
    for (const r of mp.referrals) {
      const referee = member.get(r.refereeId)!;
      expect(r.referrerId).not.toBe(r.refereeId);
      expect(member.get(r.referrerId)!.joinedAt.getTime()).toBeLessThanOrEqual(referee.joinedAt.getTime());
      expect(r.joinedAt).toEqual(referee.joinedAt);
      expect(referee.joinedAt.getTime() - customer.get(r.refereeId)!.createdAt.getTime()).toBeLessThanOrEqual(DAY_MS);
      expect(now.getTime() - r.joinedAt.getTime()).toBeLessThanOrEqual(90 * DAY_MS);
      expect(r.status === 'qualified').toBe(customer.get(r.refereeId)!.phoneCipher !== null);
      if (r.qualifiedAt) expect(r.qualifiedAt.getTime()).toBeLessThanOrEqual(now.getTime());
    }
    const rewards = mp.points.filter((p) => p.reason === 'referral_reward');
    expect(rewards).toHaveLength(mp.referrals.filter((r) => r.status === 'qualified').length);
    expect(rewards.every((p) => p.delta === referralRewardPoints)).toBe(true);
    const rate = new Set(mp.referrals.filter((r) => r.joinedAt >= monthStart).map((r) => r.referrerId)).size / mp.members.length;
    expect(rate).toBeGreaterThan(0.003);
    expect(rate).toBeLessThan(0.05);
  });

  it('records coverage-gap assessments of members after they joined, with the gaps the mini-program’s own rule gives', () => {
    const joined = new Map(mp.members.map((m) => [m.customerId, m.joinedAt.getTime()]));
    expect(mp.assessments.length).toBeGreaterThan(50);
    for (const a of mp.assessments) {
      expect(a.at.getTime()).toBeGreaterThanOrEqual(joined.get(a.customerId)!);
      expect(a.at.getTime()).toBeLessThanOrEqual(now.getTime());
      expect(assessGaps(a.input)).toEqual({ gaps: a.gaps, score: a.score });
      expect(a.score).toBeGreaterThanOrEqual(0);
      expect(a.score).toBeLessThanOrEqual(100);
      for (const g of a.gaps) expect(g.gap).toBe(Math.max(0, g.recommended - g.existing));
    }
    // A 30-year-old earning 200k with two children and a 1m mortgage, holding 300k of critical illness.
    const young = demoGaps({ age: 30, annualIncome: 200_000, dependents: 2, debts: 1_000_000, existing: { critical_illness: 300_000, medical: 0, accident: 0, life: 0 } });
    expect(young.gaps).toEqual([
      { line: 'critical_illness', recommended: 1_000_000, existing: 300_000, gap: 700_000 },
      { line: 'medical', recommended: 2_000_000, existing: 0, gap: 2_000_000 },
      { line: 'accident', recommended: 3_000_000, existing: 0, gap: 3_000_000 },
      { line: 'life', recommended: 5_000_000, existing: 0, gap: 5_000_000 },
    ]);
    expect(young.score).toBe(11);
  });

  it('is the same every time', () => {
    expect(build()).toEqual(mp);
  });
});
