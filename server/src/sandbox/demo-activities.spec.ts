import { mpPlayResultSchema } from '@lodestar/shared';
import { SequentialIdGenerator } from '../platform/ids';
import { buildDemoActivities } from './demo-activities';
import { demoFixture } from './demo-fixture.spec-helper';
import { buildDemoMiniapp } from './demo-miniapp';
import { DAY_MS } from './demo-time';

const now = new Date('2026-03-31T04:00:00Z');
const zone = 'Asia/Shanghai';
const data = demoFixture(2000, now);
const { members } = buildDemoMiniapp({ corpId: data.corp.id, zone, customers: data.customers, identities: data.identities, activityCounts: data.activityCounts, policies: data.policies, products: data.products, now, ids: new SequentialIdGenerator('mp'), seed: 5 });
const build = () => buildDemoActivities({ corpId: data.corp.id, zone, current: data.activities, customers: data.customers, members, now, ids: new SequentialIdGenerator('act'), seed: 9 });
const past = build();
const offline = past.activities.filter((a) => a.kind === 'offline');
const online = past.activities.filter((a) => a.kind === 'online');
const upcoming = past.current.filter((a) => a.kind === 'offline' && a.startsAt > now);
const ended = new Set(offline.map((a) => a.id));
const holding = past.signups.filter((s) => ended.has(s.activityId) && (s.status === 'confirmed' || s.status === 'attended'));

describe('the demo’s past activities', () => {
  it('holds offline events and weekly online ones over the last 90 days, every one over and closed (so the mini-program lists only current ones)', () => {
    expect(offline.length).toBeGreaterThanOrEqual(8);
    expect(online).toHaveLength(12);
    expect(offline.filter((a) => now.getTime() - a.startsAt.getTime() < 30 * DAY_MS).length).toBeGreaterThanOrEqual(4);
    for (const a of past.activities) {
      expect(a.status).toBe('closed');
      expect(a.endsAt.getTime()).toBeLessThanOrEqual(now.getTime());
      expect(now.getTime() - a.startsAt.getTime()).toBeLessThan(90 * DAY_MS);
    }
  });

  it('keeps each event’s seat counters equal to its sign-ups, within capacity; every attended sign-up held a ticketed seat', () => {
    for (const a of [...offline, ...upcoming]) {
      const mine = past.signups.filter((s) => s.activityId === a.id);
      expect(mine.length).toBeGreaterThan(0);
      expect(a.seatsTaken).toBe(mine.filter((s) => s.status === 'confirmed' || s.status === 'attended').reduce((n, s) => n + s.seats, 0));
      expect(a.seatsTaken).toBeLessThanOrEqual(a.capacity!);
      expect(a.waitlisted).toBe(mine.filter((s) => s.status === 'waitlisted').length);
      expect(new Set(mine.map((s) => s.customerId)).size).toBe(mine.length);
    }
    for (const s of past.signups) {
      const a = [...offline, ...upcoming].find((x) => x.id === s.activityId)!;
      expect(s.signedUpAt.getTime()).toBeLessThan(a.startsAt.getTime());
      expect(s.signedUpAt.getTime()).toBeLessThanOrEqual(now.getTime());
      if (s.cancelledAt) expect(s.cancelledAt.getTime()).toBeLessThanOrEqual(now.getTime());
      expect(members.find((m) => m.customerId === s.customerId)!.joinedAt.getTime()).toBeLessThan(s.signedUpAt.getTime());
      expect(s.queuedAt).toEqual(s.signedUpAt);
      if (s.status === 'attended') {
        expect(s.ticketCode).toMatch(/^[2-9A-HJ-NP-Z]{10}$/);
        expect(s.confirmedAt).not.toBeNull();
        expect(s.attendedAt!.getTime()).toBeLessThanOrEqual(now.getTime());
      }
      if (s.status === 'waitlisted') expect(s.ticketCode).toBeNull();
    }
    expect(new Set(past.signups.flatMap((s) => (s.ticketCode ? [s.ticketCode] : []))).size).toBe(past.signups.filter((s) => s.ticketCode).length);
  });

  it('has about 55–70% of seat holders at the door, and fewer of those who opened an invitation', () => {
    const attendance = holding.filter((s) => s.status === 'attended').length / holding.length;
    expect(attendance).toBeGreaterThan(0.55);
    expect(attendance).toBeLessThan(0.7);
    const invited = past.views.filter((v) => v.inviter !== null && ended.has(v.activityId));
    const came = invited.filter((v) => past.signups.some((s) => s.activityId === v.activityId && s.customerId === v.customerId && s.status === 'attended')).length / invited.length;
    expect(came).toBeGreaterThan(0.3);
    expect(came).toBeLessThan(attendance);
  });

  it('opens the catalogue’s upcoming events for sign-up in the last ten days: seats taken, nobody attended yet, the rest of the catalogue as it was', () => {
    expect(upcoming.length).toBeGreaterThanOrEqual(3);
    expect(past.current.map((a) => ({ ...a, seatsTaken: 0, waitlisted: 0 }))).toEqual(data.activities);
    for (const a of upcoming) {
      const mine = past.signups.filter((s) => s.activityId === a.id);
      expect(mine.length).toBeGreaterThan(0);
      expect(a.seatsTaken).toBeGreaterThan(0);
      expect(mine.some((s) => s.status === 'attended')).toBe(false);
      for (const s of mine) expect(now.getTime() - s.signedUpAt.getTime()).toBeLessThan(11 * DAY_MS);
    }
  });

  it('gives every sign-up the view it came through, with the same inviter: the customer’s agent or a member’s referral code', () => {
    const codes = new Set(members.map((m) => m.referralCode));
    const agents = new Set(data.staff.map((s) => s.id));
    for (const s of past.signups) {
      const view = past.views.find((v) => v.activityId === s.activityId && v.customerId === s.customerId)!;
      expect(view.inviter).toBe(s.inviter);
      expect(view.firstAt.getTime()).toBeLessThanOrEqual(s.signedUpAt.getTime());
      expect(view.firstAt.getTime()).toBeGreaterThanOrEqual(members.find((m) => m.customerId === s.customerId)!.joinedAt.getTime());
    }
    for (const v of past.views) if (v.inviter) expect(agents.has(v.inviter) || codes.has(v.inviter)).toBe(true);
  });

  it('lets members play each online activity once, inside its week, with points for what they won', () => {
    const keys = past.plays.map((p) => `${p.activityId}|${p.customerId}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const p of past.plays) {
      const a = online.find((x) => x.id === p.activityId)!;
      expect(p.at.getTime()).toBeGreaterThanOrEqual(a.startsAt.getTime());
      expect(p.at.getTime()).toBeLessThanOrEqual(Math.min(a.endsAt.getTime(), now.getTime()));
      expect(mpPlayResultSchema.parse(p.result)).toEqual(p.result);
      expect(p.result.kind).toBe(a.type);
    }
    expect(past.points).toHaveLength(past.plays.filter((p) => p.result.pointsAwarded > 0).length);
    // Members took part in something in March: a fifth or so of all customers (activity penetration).
    const from = new Date('2026-02-28T16:00:00Z');
    const took = new Set([...past.plays.filter((p) => p.at >= from), ...past.signups.filter((s) => s.status !== 'cancelled' && s.signedUpAt >= from)].map((x) => x.customerId));
    expect(took.size / data.customers.length).toBeGreaterThan(0.12);
    expect(took.size / data.customers.length).toBeLessThan(0.3);
  });

  it('is the same every time', () => {
    expect(build()).toEqual(past);
  });
});
