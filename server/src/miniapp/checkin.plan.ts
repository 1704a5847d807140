import { addDays, isTimeZone, localDay } from '../platform/local-day';
import { localParts } from '../platform/local-calendar';

/**
 * Daily check-ins (签到): one per customer per local day in the customer's own time zone, a streak
 * of consecutive local days, base points per day and rewards on streak days. Pure: the service reads
 * the last check-in, asks these functions and writes the answer under a unique (customer, day) key.
 */

export interface CheckinReward {
  /** The streak day that earns it (7: the seventh consecutive day; repeats every cycle). */
  day: number;
  title: string;
  points: number;
}

export interface CheckinRules {
  basePoints: number;
  /** Rewards per streak day; the cycle is the highest day, after which the schedule repeats (7, 14, 21 …). */
  rewards: readonly CheckinReward[];
  /** Local time from which a customer who has not checked in yet is reminded (minutes after midnight). */
  remindAtMinutes: number;
}

export const defaultCheckinRules: CheckinRules = {
  basePoints: 5,
  rewards: [{ day: 7, title: '7天连签礼', points: 50 }],
  remindAtMinutes: 20 * 60,
};

export const defaultTimezone = 'Asia/Shanghai';

/** The customer's zone when it is one Intl knows, else the default. */
export function zoneOf(timezone: string | null | undefined, fallback = defaultTimezone): string {
  return timezone && isTimeZone(timezone) ? timezone : fallback;
}

export interface LastCheckin {
  date: string;
  streak: number;
}

export type CheckinDecision =
  | { kind: 'already'; date: string; streak: number }
  | { kind: 'new'; date: string; streak: number; basePoints: number; reward: CheckinReward | null };

const cycleOf = (rules: CheckinRules): number => Math.max(0, ...rules.rewards.map((r) => r.day));

/** The reward the n-th consecutive day earns, if any. */
export function rewardFor(streak: number, rules: CheckinRules = defaultCheckinRules): CheckinReward | null {
  const cycle = cycleOf(rules);
  if (cycle === 0 || streak < 1) return null;
  const position = ((streak - 1) % cycle) + 1;
  return rules.rewards.find((r) => r.day === position) ?? null;
}

/**
 * A check-in at `at`: the local day in the customer's zone; already done when the last check-in is
 * that day or later (a customer who flew west can be "back" on a day already checked in); the
 * streak goes on from yesterday or starts again at 1.
 */
export function decideCheckin(at: Date, timezone: string, last: LastCheckin | null, rules: CheckinRules = defaultCheckinRules): CheckinDecision {
  const date = localDay(at, timezone);
  if (last && last.date >= date) return { kind: 'already', date, streak: last.date === date ? last.streak : currentStreak(date, last) };
  const streak = last && last.date === addDays(date, -1) ? last.streak + 1 : 1;
  return { kind: 'new', date, streak, basePoints: rules.basePoints, reward: rewardFor(streak, rules) };
}

/** The streak as of `today`: still alive when the last check-in was today or yesterday, else 0. */
export function currentStreak(today: string, last: LastCheckin | null): number {
  if (!last) return 0;
  if (last.date >= today) return last.streak;
  return last.date === addDays(today, -1) ? last.streak : 0;
}

/** How many more check-ins (today's included when not done yet) until the next reward, and which. */
export function nextReward(streak: number, rules: CheckinRules = defaultCheckinRules): { inDays: number; title: string } | null {
  const cycle = cycleOf(rules);
  for (let n = 1; n <= cycle; n++) {
    const r = rewardFor(streak + n, rules);
    if (r) return { inDays: n, title: r.title };
  }
  return null;
}

/** The local dates of one month (YYYY-MM) that a list of check-in dates holds, ascending. */
export function daysInMonth(dates: readonly string[], month: string): string[] {
  return dates.filter((d) => d.startsWith(`${month}-`)).sort();
}

/**
 * Whether a check-in reminder is due now: the customer's local clock is past the reminder time and
 * they have not checked in today. Returns the local day the reminder is for (its key), or null.
 */
export function checkinReminderDue(now: Date, timezone: string, lastDate: string | null, rules: CheckinRules = defaultCheckinRules): string | null {
  const local = localParts(now, timezone);
  if (local.minutes < rules.remindAtMinutes) return null;
  if (lastDate !== null && lastDate >= local.day) return null;
  return local.day;
}
