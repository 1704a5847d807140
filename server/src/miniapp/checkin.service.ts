import type { MpCheckinCalendar, MpCheckinResult, MpPoints, MpPointsReason, MpSubscriptionRequest } from '@lodestar/shared';
import { isUniqueViolation } from '../db/transaction';
import type { Clock } from '../platform/clock';
import type { IdGenerator } from '../platform/ids';
import { localDay } from '../platform/local-day';
import { currentStreak, daysInMonth, decideCheckin, defaultCheckinRules, nextReward, zoneOf, type CheckinRules } from './checkin.plan';
import type { CheckinRepository } from './checkin.repository';
import { factKey, type EventRecorder } from './event-recorder';
import { pointsKey } from './points.plan';
import type { SubscriptionRepository } from './subscription.repository';

/** Who is asking: the live customer record behind the token, its corp and time zone. */
export interface MpCaller {
  customerId: string;
  corpId: string;
  timezone: string;
  name: string;
}

export interface CheckinDeps {
  repo: CheckinRepository;
  subscriptions: SubscriptionRepository;
  events: EventRecorder;
  clock: Clock;
  ids: IdGenerator;
  rules?: CheckinRules;
}

/** Daily check-ins, the points ledger and subscription-message consents. */
export class CheckinService {
  private readonly rules: CheckinRules;
  constructor(private readonly d: CheckinDeps) {
    this.rules = d.rules ?? defaultCheckinRules;
  }

  async calendar(c: MpCaller, month: string | undefined): Promise<MpCheckinCalendar> {
    const zone = zoneOf(c.timezone);
    const today = localDay(this.d.clock.now(), zone);
    const m = month ?? today.slice(0, 7);
    const [last, days, balance] = await Promise.all([this.d.repo.last(c.customerId), this.d.repo.datesBetween(c.customerId, `${m}-01`, `${m}-31`), this.d.repo.balance(c.customerId)]);
    const lastCheckin = last ? { date: last.localDate, streak: last.streak } : null;
    const checkedToday = !!last && last.localDate >= today;
    const streak = currentStreak(today, lastCheckin);
    return {
      timezone: zone,
      today,
      checkedToday,
      streak,
      days: daysInMonth(days, m),
      rewards: this.rules.rewards.map((r) => ({ ...r })),
      nextReward: nextReward(streak, this.rules),
      balance,
    };
  }

  /** One check-in per local day: a second the same day (or a retried request) answers already: true and awards nothing. */
  async checkin(c: MpCaller): Promise<MpCheckinResult> {
    const now = this.d.clock.now();
    const zone = zoneOf(c.timezone);
    let decided: ReturnType<typeof decideCheckin>;
    try {
      decided = await this.d.repo.transaction(async (em) => {
        const last = await this.d.repo.last(c.customerId, em);
        const d = decideCheckin(now, zone, last ? { date: last.localDate, streak: last.streak } : null, this.rules);
        if (d.kind === 'already') return d;
        await this.d.repo.insertCheckin(em, { id: this.d.ids.next(), corpId: c.corpId, customerId: c.customerId, localDate: d.date, timezone: zone, streak: d.streak, at: now });
        const entry = (delta: number, reason: MpPointsReason, key: string) => ({ customerId: c.customerId, delta, reason, ref: d.date, key });
        await this.d.repo.addPoints(
          c.corpId,
          [entry(d.basePoints, 'checkin', pointsKey.checkin(c.customerId, d.date)), ...(d.reward ? [entry(d.reward.points, 'streak_reward', pointsKey.streakReward(c.customerId, d.date))] : [])],
          now,
          () => this.d.ids.next(),
          em,
        );
        return d;
      });
    } catch (error) {
      // A concurrent check-in the same day won the unique key.
      if (!isUniqueViolation(error)) throw error;
      const last = await this.d.repo.last(c.customerId);
      decided = { kind: 'already', date: last?.localDate ?? localDay(now, zone), streak: last?.streak ?? 0 };
    }
    const balance = await this.d.repo.balance(c.customerId);
    if (decided.kind === 'already') return { date: decided.date, streak: decided.streak, pointsAwarded: 0, reward: null, balance, already: true };
    await this.d.events.record(c.corpId, [
      {
        customerId: c.customerId,
        name: 'check_in',
        at: now,
        key: factKey('check_in', c.customerId, decided.date),
        properties: { date: decided.date, streak: decided.streak, timezone: zone, ...(decided.reward ? { reward: decided.reward.title } : {}) },
      },
    ]);
    const reward = decided.reward ? { title: decided.reward.title, points: decided.reward.points } : null;
    return { date: decided.date, streak: decided.streak, pointsAwarded: decided.basePoints + (reward?.points ?? 0), reward, balance, already: false };
  }

  async points(c: MpCaller): Promise<MpPoints> {
    const [balance, rows] = await Promise.all([this.d.repo.balance(c.customerId), this.d.repo.entries(c.customerId, 200)]);
    return { balance, entries: rows.map((r) => ({ id: r.id, delta: r.delta, reason: r.reason as MpPointsReason, ref: r.ref, at: r.at.toISOString() })) };
  }

  async subscribe(c: MpCaller, input: MpSubscriptionRequest): Promise<void> {
    await this.d.subscriptions.record(c.corpId, c.customerId, input, this.d.clock.now(), () => this.d.ids.next());
  }
}
