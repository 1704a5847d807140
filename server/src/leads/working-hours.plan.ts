import type { WorkingHours } from '@lodestar/shared';

/** Wall-clock time in a time zone: ISO weekday (1 = Monday … 7 = Sunday) and minutes since midnight. */
export interface LocalTime {
  weekday: number;
  minutes: number;
}

const weekdays: Readonly<Record<string, number>> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The weekday and time of day of an instant in a time zone (an unknown zone throws a RangeError). */
export function localTime(at: Date, timeZone: string): LocalTime {
  const parts = formatter(timeZone).formatToParts(at);
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  const weekday = weekdays[part('weekday')];
  if (weekday === undefined) throw new RangeError(`cannot read the weekday of ${at.toISOString()} in ${timeZone}`);
  return { weekday, minutes: (Number(part('hour')) % 24) * 60 + Number(part('minute')) };
}

function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/**
 * True when `at` falls in the working hours: on a listed weekday between `from` (inclusive) and
 * `to` (exclusive), local time. A shift that ends at or before it starts runs past midnight and
 * belongs to the day it starts on: Friday 22:00–06:00 covers Saturday 03:00, not Friday 03:00.
 */
export function isOnDuty(hours: WorkingHours, at: Date): boolean {
  const { weekday, minutes } = localTime(at, hours.timezone);
  const from = minutesOf(hours.from);
  const to = minutesOf(hours.to);
  const works = (day: number): boolean => hours.days.includes(day);
  if (from < to) return works(weekday) && minutes >= from && minutes < to;
  const yesterday = weekday === 1 ? 7 : weekday - 1;
  return (works(weekday) && minutes >= from) || (works(yesterday) && minutes < to);
}

/** Working hours in words for reasons: "days 1,2,3,4,5 09:00–18:00 Asia/Shanghai". */
export function describeHours(hours: WorkingHours): string {
  return `days ${[...hours.days].sort((a, b) => a - b).join(',')} ${hours.from}–${hours.to} ${hours.timezone}`;
}
