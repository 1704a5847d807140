import { addDays, localDay } from '../platform/local-day';
import { localInstant } from '../sop';
import type { Prng } from './prng';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** How far back the demo's recent history reaches, and the recent part where it is denser. */
export const HISTORY_DAYS = 90;
export const RECENT_DAYS = 30;

/** The demo's "now" and the corp's local calendar around it. */
export interface DemoCalendar {
  now: Date;
  zone: string;
  /** The local day of `now`. */
  today: string;
  /** When each local day began (ms), by the day: tens of thousands of demo instants fall on a few hundred days. */
  readonly starts: Map<string, number>;
}

export function demoCalendar(now: Date, zone: string): DemoCalendar {
  return { now, zone, today: localDay(now, zone), starts: new Map() };
}

/**
 * The instant of a local day at a local time: the day's start (the SOP calendar's localInstant, so
 * days are the corp's) plus the minutes. On a day a DST change shifts, a time after the change is an
 * hour off its wall-clock reading; the demo's zone (Asia/Shanghai) has none.
 */
function instantOn(cal: DemoCalendar, day: string, minutes: number): Date {
  let start = cal.starts.get(day);
  if (start === undefined) {
    start = localInstant(day, 0, cal.zone).getTime();
    cal.starts.set(day, start);
  }
  return new Date(start + minutes * MINUTE_MS);
}

/**
 * Whole local days ago, 0 (today) to `days - 1`: with probability `recentShare` in the last
 * RECENT_DAYS, else in the older part, uniform inside each. 0.6 makes the last 30 days about three
 * times as busy per day as the 60 before.
 */
export function daysAgo(rnd: Prng, recentShare = 0.6, days = HISTORY_DAYS): number {
  return rnd.chance(recentShare) ? rnd.int(0, RECENT_DAYS - 1) : rnd.int(RECENT_DAYS, days - 1);
}

/**
 * The instant `ago` local days before today at a local time (minutes after midnight). A time today
 * that is still ahead of `now` moves to yesterday, so nothing happens after now.
 */
export function localAt(cal: DemoCalendar, ago: number, minutes: number): Date {
  const at = instantOn(cal, addDays(cal.today, -ago), minutes);
  return at.getTime() <= cal.now.getTime() ? at : instantOn(cal, addDays(cal.today, -ago - 1), minutes);
}

/** The instant of a local day (YYYY-MM-DD) at a local time; today's times still ahead become now. */
export function onDay(cal: DemoCalendar, day: string, minutes: number): Date {
  return earlier(instantOn(cal, day, minutes), cal.now);
}

/** A local time of day people act at: mostly office hours, some in the evening (minutes after midnight). */
export function dayMinutes(rnd: Prng): number {
  return rnd.weighted([
    [rnd.int(9 * 60, 12 * 60 - 1), 40],
    [rnd.int(13 * 60 + 30, 18 * 60 - 1), 40],
    [rnd.int(19 * 60, 22 * 60 - 1), 20],
  ] as const);
}

/** The earlier of two instants. */
export const earlier = (a: Date, b: Date): Date => (a.getTime() <= b.getTime() ? a : b);

/** An instant `ms` after `at`. */
export const after = (at: Date, ms: number): Date => new Date(at.getTime() + ms);
