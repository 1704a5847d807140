import { startOfLocalDay, localWallMs } from '../platform/local-calendar';
import { addDays, localDay } from '../platform/local-day';

/**
 * Pure decisions of the daily rollups (analytics_staff_day): which whole local days of a period the
 * rollup answers, which parts are counted live, and which days a job run (re)builds.
 */

/** Closed days a run rebuilds every time, for rows that arrive late (a chat archive pulled after an outage, a call logged the next day). */
export const SETTLE_DAYS = 3;
/** How far back the rollup reaches (a period is at most 366 days; a little more for a year ago's week). */
export const ROLLUP_HORIZON_DAYS = 400;
/** Days a run builds at most while catching up (forwards after downtime, or backwards the first time). */
export const CATCH_UP_DAYS = 31;

export interface DayRange {
  /** First day, inclusive ('YYYY-MM-DD'). */
  from: string;
  /** Last day, inclusive. */
  last: string;
}

export interface PeriodSplit {
  /** Whole local days the rollup answers, or null. */
  rolled: DayRange | null;
  /** The rest of [from, to), counted live: up to two half-open pieces. */
  live: Array<{ from: Date; to: Date }>;
}

/** The first instant of a local day ('YYYY-MM-DD'). */
export function dayStart(day: string, timeZone: string): Date {
  const noon = Date.parse(`${day}T12:00:00Z`);
  return startOfLocalDay(new Date(noon - (localWallMs(noon, timeZone) - noon)), timeZone);
}

/**
 * Cuts [from, to) into the whole local days that lie inside both the period and the rollup's
 * built days, and the pieces before and after them (counted live). Without built days, or when
 * no whole built day fits, everything is live.
 */
export function splitPeriod(from: Date, to: Date, built: DayRange | null, timeZone: string): PeriodSplit {
  const all: PeriodSplit = { rolled: null, live: [{ from, to }] };
  if (!built) return all;
  const firstDay = localDay(from, timeZone);
  const firstWhole = dayStart(firstDay, timeZone).getTime() === from.getTime() ? firstDay : addDays(firstDay, 1);
  const lastWhole = addDays(localDay(to, timeZone), -1); // the day `to` falls in is not whole (or starts at to)
  const rolledFrom = firstWhole > built.from ? firstWhole : built.from;
  const rolledLast = lastWhole < built.last ? lastWhole : built.last;
  if (rolledFrom > rolledLast) return all;
  const a = dayStart(rolledFrom, timeZone);
  const b = dayStart(addDays(rolledLast, 1), timeZone);
  if (a.getTime() < from.getTime() || b.getTime() > to.getTime()) return all;
  const live = [
    { from, to: a },
    { from: b, to },
  ].filter((p) => p.from.getTime() < p.to.getTime());
  return { rolled: { from: rolledFrom, last: rolledLast }, live };
}

/** What one job run builds, from the built range before it and today (the corp's local day). */
export interface BuildPlan {
  /** Ranges to (re)build, in order. */
  ranges: DayRange[];
  /** The built range once they are. */
  built: DayRange;
}

/**
 * Today is live and never built. A run extends the built days forwards to yesterday (at most
 * CATCH_UP_DAYS at a time, after downtime), rebuilds the last SETTLE_DAYS closed days it had built
 * before (late rows), and extends backwards towards the horizon (CATCH_UP_DAYS at a time).
 * Null when yesterday is before the horizon's start (nothing to build).
 */
export function buildPlan(built: DayRange | null, today: string): BuildPlan | null {
  const yesterday = addDays(today, -1);
  const floor = addDays(today, -ROLLUP_HORIZON_DAYS);
  if (!built || built.last < floor || built.from > yesterday) {
    const from = addDays(yesterday, -(CATCH_UP_DAYS - 1));
    return { ranges: [{ from, last: yesterday }], built: { from, last: yesterday } };
  }
  const ranges: DayRange[] = [];
  const settleFrom = maxDay(built.from, addDays(yesterday, -(SETTLE_DAYS - 1)));
  if (settleFrom <= built.last) ranges.push({ from: settleFrom, last: built.last });
  let last = built.last;
  if (last < yesterday) {
    const next = minDay(yesterday, addDays(last, CATCH_UP_DAYS));
    ranges.push({ from: addDays(last, 1), last: next });
    last = next;
  }
  let from = maxDay(built.from, floor);
  if (from > floor) {
    const back = maxDay(floor, addDays(from, -CATCH_UP_DAYS));
    ranges.push({ from: back, last: addDays(from, -1) });
    from = back;
  }
  return { ranges, built: { from, last } };
}

const maxDay = (a: string, b: string): string => (a > b ? a : b);
const minDay = (a: string, b: string): string => (a < b ? a : b);
