import type { EvaluationPeriod } from '@lodestar/shared';
import { addDays, localDay } from '../platform/local-day';
import { localWallMs, startOfLocalDay, startOfLocalWeek } from '../platform/local-calendar';

/**
 * The calendar periods evaluations are taken over, read in the corp's time zone: an ISO week
 * (Monday 00:00 local), a month, quarter, half year or year, each a half-open range [start, end).
 * `realtime` is the current month to date. Pure: every function takes the instant it works on.
 */
export type CalendarPeriod = Exclude<EvaluationPeriod, 'realtime'>;
export const calendarPeriods: readonly CalendarPeriod[] = ['week', 'month', 'quarter', 'half_year', 'year'];

export interface PeriodBounds {
  period: EvaluationPeriod;
  /** First instant of the period (inclusive). */
  start: Date;
  /** First instant of the next period (exclusive). */
  end: Date;
}

const monthsIn: Record<Exclude<CalendarPeriod, 'week'>, number> = { month: 1, quarter: 3, half_year: 6, year: 12 };

/**
 * The first instant of a local calendar date. Local noon of that day is found first (the zone's
 * offset read near it is off by at most the DST jump, which never leaves the day), then the day's
 * start is taken from it, so days that begin at 01:00 after a jump at midnight are handled too.
 */
function startOfDate(year: number, month: number, dayOfMonth: number, timeZone: string): Date {
  const wallNoon = Date.UTC(year, month - 1, dayOfMonth, 12);
  const offset = localWallMs(wallNoon, timeZone) - wallNoon;
  return startOfLocalDay(new Date(wallNoon - offset), timeZone);
}

/** Year and month (1–12) of the local date at an instant. */
function localYearMonth(at: Date, timeZone: string): [number, number] {
  const day = localDay(at, timeZone);
  return [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
}

/** The month-aligned start of a block of `months` months holding (year, month), and the start after it. */
function monthBlock(year: number, month: number, months: number, timeZone: string): [Date, Date] {
  const firstMonth = Math.floor((month - 1) / months) * months; // 0-based
  const nextMonth = firstMonth + months;
  const start = startOfDate(year, firstMonth + 1, 1, timeZone);
  const end = startOfDate(year + Math.floor(nextMonth / 12), (nextMonth % 12) + 1, 1, timeZone);
  return [start, end];
}

/** The period of this kind that holds `at` (for realtime: the month holding it). */
export function periodContaining(period: EvaluationPeriod, at: Date, timeZone: string): PeriodBounds {
  if (period === 'week') {
    const start = startOfLocalWeek(at, timeZone);
    const monday = localDay(start, timeZone);
    const next = addDays(monday, 7);
    const end = startOfDate(Number(next.slice(0, 4)), Number(next.slice(5, 7)), Number(next.slice(8, 10)), timeZone);
    return { period, start, end };
  }
  const [year, month] = localYearMonth(at, timeZone);
  const [start, end] = monthBlock(year, month, monthsIn[period === 'realtime' ? 'month' : period], timeZone);
  return { period, start, end };
}

/**
 * The last period of this kind that has fully closed at `now`: what a scheduled evaluation
 * takes (on Monday 00:05 the week before; on 1 July the first half year).
 */
export function previousClosed(period: CalendarPeriod, now: Date, timeZone: string): PeriodBounds {
  const current = periodContaining(period, now, timeZone);
  return periodContaining(period, new Date(current.start.getTime() - 1), timeZone);
}

/** The share of the period elapsed at `at`, from 0 (not begun) to 1 (closed). */
export function elapsedShare(bounds: Pick<PeriodBounds, 'start' | 'end'>, at: Date): number {
  const span = bounds.end.getTime() - bounds.start.getTime();
  if (span <= 0) return 1;
  const share = (at.getTime() - bounds.start.getTime()) / span;
  return Math.min(1, Math.max(0, share));
}
