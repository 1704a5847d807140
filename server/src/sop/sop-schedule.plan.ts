import type { SopTimeRule } from '@lodestar/shared';
import { holidayDates } from './holiday-calendar';
import { addDays, localDay } from '../platform/local-day';
import { dayOfMonth, daysInMonth, localInstant, minutesOf, weekdayOf } from './local-clock';

/**
 * When a step's time rule falls due for one target, on the calendar of the plan's time zone.
 *
 * - daily / weekly / monthly / dates / holidays: the same local moments for every target
 *   (calendarOccurrences); the target only cuts off what lies before it entered the plan.
 * - after_created: the local day `days` after the target entered (group created, customer joined
 *   the segment), at `at`. Day 0 counts only when `at` is still ahead on that day.
 * - after_joined: the same, once for each member join (customer plans: the time the customer was
 *   added as a contact). Joins that map to the same moment give one occurrence: the send goes to
 *   the group, not to the member.
 *
 * Rules for every rule:
 * - The window is (from, to]: a run that stopped at `from` has already seen `from` itself.
 * - Nothing falls due before `facts.createdAt` (a group gets nothing from before it existed).
 * - A local time skipped by a spring-forward jump falls due at the first minute after the jump
 *   (02:30 → 03:00); a time repeated by a fall-back falls due on its first occurrence only.
 * - monthly: −1 is the last day of the month; a day a month lacks (31 in a 30-day month, 29–31 in
 *   February) is skipped in that month, not moved. 30 and −1 in a 30-day month are one occurrence.
 * - holidays: throws HolidayYearError when the window needs a year outside the holiday table.
 */

export interface TargetFacts {
  /** When the group was created, or when the customer joined the plan's segment. */
  createdAt: Date;
  /** When members joined the group (customer plans: when the customer was added as a contact); any order. */
  joinedAt?: readonly Date[];
}

/** Rules whose occurrences do not depend on the target. */
export type CalendarRule = Extract<SopTimeRule, { type: 'daily' | 'weekly' | 'monthly' | 'dates' | 'holidays' }>;

export function isCalendarRule(rule: SopTimeRule): rule is CalendarRule {
  return rule.type !== 'after_created' && rule.type !== 'after_joined';
}

/** The instants in (from, to] where the rule falls due for one target, ascending, without duplicates. */
export function occurrences(rule: SopTimeRule, facts: TargetFacts, from: Date, to: Date, timezone: string): Date[] {
  const notBefore = Math.max(from.getTime() + 1, facts.createdAt.getTime());
  const lo = new Date(notBefore - 1);
  if (to.getTime() <= lo.getTime()) return [];
  switch (rule.type) {
    case 'daily':
    case 'weekly':
    case 'monthly':
    case 'dates':
    case 'holidays':
      return calendarOccurrences(rule, lo, to, timezone);
    case 'after_created':
      return inWindow([afterDay(facts.createdAt, rule.days, rule.at, timezone)], lo, to);
    case 'after_joined':
      return afterJoined(rule.days, rule.at, facts.joinedAt ?? [], lo, to, timezone);
    default: {
      const never: never = rule;
      throw new Error(`Unknown time rule ${JSON.stringify(never)}`);
    }
  }
}

/** The instants in (from, to] where a calendar rule falls due, the same for every target. */
export function calendarOccurrences(rule: CalendarRule, from: Date, to: Date, timezone: string): Date[] {
  if (to.getTime() <= from.getTime()) return [];
  const minutes = minutesOf(rule.at);
  const first = localDay(from, timezone);
  const last = localDay(to, timezone);
  const on = (days: Iterable<string>) => inWindow([...days].map((day) => localInstant(day, minutes, timezone)), from, to);
  switch (rule.type) {
    case 'daily':
      return on(eachDay(first, last));
    case 'weekly': {
      const weekdays = new Set(rule.weekdays);
      return on([...eachDay(first, last)].filter((day) => weekdays.has(weekdayOf(day))));
    }
    case 'monthly': {
      const days = new Set<number>(rule.days);
      return on([...eachDay(first, last)].filter((day) => days.has(dayOfMonth(day)) || (days.has(-1) && dayOfMonth(day) === daysInMonth(day))));
    }
    case 'dates':
      return on(rule.dates.filter((day) => day >= first && day <= last));
    case 'holidays': {
      const offset = rule.offsetDays ?? 0;
      // A holiday H falls due on H + offset, so the holidays we need lie in [first − offset, last − offset].
      const firstYear = Number(addDays(first, -offset).slice(0, 4));
      const lastYear = Number(addDays(last, -offset).slice(0, 4));
      const days: string[] = [];
      for (let year = firstYear; year <= lastYear; year++) {
        for (const key of rule.holidays) for (const h of holidayDates(key, year)) days.push(addDays(h, offset));
      }
      return on(days.filter((day) => day >= first && day <= last));
    }
    default: {
      const never: never = rule;
      throw new Error(`Unknown calendar rule ${JSON.stringify(never)}`);
    }
  }
}

/**
 * A stable key for one occurrence of a step, for the task's unique key: `${stepId}@${ISO instant}`,
 * at most 64 characters (step ids are at most 39 by the schema). Throws for a longer step id rather
 * than cut it, since a cut key could collide.
 */
export function occurrenceKey(stepId: string, at: Date): string {
  const key = `${stepId}@${at.toISOString()}`;
  if (key.length > 64) throw new RangeError(`Occurrence key over 64 characters for step "${stepId}"`);
  return key;
}

/** The local day `days` after the instant's local day, at `at`; null when that is not after the instant (day 0, time passed). */
function afterDay(since: Date, days: number, at: string, timezone: string): Date | null {
  const due = localInstant(addDays(localDay(since, timezone), days), minutesOf(at), timezone);
  return due.getTime() >= since.getTime() ? due : null;
}

/**
 * after_joined, worked from the window's side: for each local day D the window touches, D at `at`
 * is due when some member joined on day D − days, no later than that moment. This costs a few
 * calendar look-ups per day of window (cached by localInstant) and plain comparisons per join,
 * so a group with hundreds of members stays cheap every minute.
 */
function afterJoined(days: number, at: string, joinedAt: readonly Date[], from: Date, to: Date, timezone: string): Date[] {
  if (joinedAt.length === 0) return [];
  const minutes = minutesOf(at);
  const joins = joinedAt.map((j) => j.getTime());
  const out: Date[] = [];
  for (const dueDay of eachDay(localDay(from, timezone), localDay(to, timezone))) {
    const due = localInstant(dueDay, minutes, timezone).getTime();
    if (due <= from.getTime() || due > to.getTime()) continue;
    const joinDay = addDays(dueDay, -days);
    const dayStart = localInstant(joinDay, 0, timezone).getTime();
    const dayEnd = localInstant(addDays(joinDay, 1), 0, timezone).getTime();
    if (joins.some((j) => j >= dayStart && j < dayEnd && j <= due)) out.push(new Date(due));
  }
  return out;
}

function* eachDay(first: string, last: string): Generator<string> {
  for (let day = first; day <= last; day = addDays(day, 1)) yield day;
}

/** The instants in (from, to], ascending, each once. */
function inWindow(instants: ReadonlyArray<Date | null>, from: Date, to: Date): Date[] {
  const lo = from.getTime();
  const hi = to.getTime();
  const ms = new Set<number>();
  for (const at of instants) if (at !== null && at.getTime() > lo && at.getTime() <= hi) ms.add(at.getTime());
  return [...ms].sort((a, b) => a - b).map((t) => new Date(t));
}
