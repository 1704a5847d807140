import { Cron } from 'croner';

/**
 * The customer's own calendar: the local day, weekday and clock in an IANA time zone, and the UTC
 * instants where a local day, ISO week (Monday) or calendar month begins. Frequency caps count
 * "today / this week / this month" in the customer's zone, and quiet hours read the local clock,
 * so these must agree with what the customer's phone shows, DST included.
 *
 * Pure: every function takes the instant it works on. An unknown zone name throws a RangeError
 * (from Intl), so callers should resolve the customer's zone (or the corp's default) first.
 */

/** What the customer's clock and calendar show at one instant. */
export interface LocalParts {
  /** The local calendar day, YYYY-MM-DD. */
  day: string;
  /** Minutes since local midnight, 0–1439. */
  minutes: number;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
}

interface WallClock {
  year: number;
  month: number;
  dayOfMonth: number;
  hour: number;
  minute: number;
  second: number;
}

const DAY_MS = 86_400_000;

/** One formatter per zone: building an Intl.DateTimeFormat is far slower than using one. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function wallClock(at: Date, timeZone: string): WallClock {
  const out: WallClock = { year: 0, month: 0, dayOfMonth: 0, hour: 0, minute: 0, second: 0 };
  for (const p of formatterFor(timeZone).formatToParts(at)) {
    const n = Number(p.value);
    switch (p.type) {
      case 'year': out.year = n; break;
      case 'month': out.month = n; break;
      case 'day': out.dayOfMonth = n; break;
      // Some ICU versions still print midnight as 24 even with h23.
      case 'hour': out.hour = n % 24; break;
      case 'minute': out.minute = n; break;
      case 'second': out.second = n; break;
      default: break;
    }
  }
  return out;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function dayString(year: number, month: number, dayOfMonth: number): string {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(dayOfMonth, 2)}`;
}

/** ISO weekday of a calendar date (the date itself, no zone involved). */
function isoWeekday(year: number, month: number, dayOfMonth: number): number {
  const d = new Date(Date.UTC(year, month - 1, dayOfMonth)).getUTCDay();
  return d === 0 ? 7 : d;
}

export function localParts(at: Date, timeZone: string): LocalParts {
  const w = wallClock(at, timeZone);
  return { day: dayString(w.year, w.month, w.dayOfMonth), minutes: w.hour * 60 + w.minute, weekday: isoWeekday(w.year, w.month, w.dayOfMonth) };
}

/** What the local clock shows at an instant, as the milliseconds of the UTC date with the same fields. */
export function localWallMs(atMs: number, timeZone: string): number {
  const whole = Math.floor(atMs / 1000) * 1000;
  const w = wallClock(new Date(whole), timeZone);
  return Date.UTC(w.year, w.month - 1, w.dayOfMonth, w.hour, w.minute, w.second) + (atMs - whole);
}

/** The zone's offset from UTC at an instant, in ms (Asia/Shanghai: +8 h). */
function offsetMs(atMs: number, timeZone: string): number {
  const whole = Math.floor(atMs / 1000) * 1000;
  return localWallMs(whole, timeZone) - whole;
}

/**
 * The first instant of a local calendar day. Usually local midnight; when a DST jump skips
 * midnight (some zones switch at 00:00) the day starts at the jump, and when midnight happens
 * twice the earlier one counts. We try each offset the zone uses around that date and keep the
 * earliest candidate that really falls on the day.
 */
function firstInstantOf(year: number, month: number, dayOfMonth: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, dayOfMonth);
  const want = dayString(year, month, dayOfMonth);
  const offsets = new Set([offsetMs(wall - DAY_MS, timeZone), offsetMs(wall, timeZone), offsetMs(wall + DAY_MS, timeZone)]);
  let best: number | null = null;
  for (const off of offsets) {
    const candidate = wall - off;
    if (localParts(new Date(candidate), timeZone).day === want && (best === null || candidate < best)) best = candidate;
  }
  if (best === null) throw new Error(`No start of day found for ${want} in ${timeZone}`);
  return new Date(best);
}

/** A calendar date moved by whole days, as plain date arithmetic (no zone). */
function shiftDate(year: number, month: number, dayOfMonth: number, days: number): [number, number, number] {
  const d = new Date(Date.UTC(year, month - 1, dayOfMonth + days));
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

/** When the customer's current local day began. */
export function startOfLocalDay(at: Date, timeZone: string): Date {
  const w = wallClock(at, timeZone);
  return firstInstantOf(w.year, w.month, w.dayOfMonth, timeZone);
}

/** When the customer's current ISO week (Monday to Sunday) began. */
export function startOfLocalWeek(at: Date, timeZone: string): Date {
  const w = wallClock(at, timeZone);
  const back = isoWeekday(w.year, w.month, w.dayOfMonth) - 1;
  const [y, m, d] = shiftDate(w.year, w.month, w.dayOfMonth, -back);
  return firstInstantOf(y, m, d, timeZone);
}

/** When the customer's current calendar month began. */
export function startOfLocalMonth(at: Date, timeZone: string): Date {
  const w = wallClock(at, timeZone);
  return firstInstantOf(w.year, w.month, 1, timeZone);
}

/**
 * Croner jobs read in a zone, cached: parsing the pattern every call would dominate a tick that
 * checks thousands of customers. Jobs are created paused and are only asked `nextRun(from)`,
 * which depends on nothing but `from`, so sharing them is safe. The cache is bounded because
 * cron expressions come from user input.
 */
const jobs = new Map<string, Cron>();
const MAX_JOBS = 500;

function cronInZone(expr: string, timeZone: string): Cron {
  const key = `${timeZone}\u0000${expr}`;
  let job = jobs.get(key);
  if (!job) {
    if (jobs.size >= MAX_JOBS) jobs.clear();
    job = new Cron(expr, { timezone: timeZone, paused: true });
    jobs.set(key, job);
  }
  return job;
}

/**
 * The first moment strictly after `after` that matches the cron expression read in the zone, or
 * null when it never matches again. Throws on an invalid expression.
 *
 * A local time skipped by a DST jump (02:30 on a spring-forward day) fires once after the jump
 * (croner moves it an hour later); a repeated local time fires once, on its first occurrence.
 */
export function nextCronRun(expr: string, timeZone: string, after: Date): Date | null {
  return cronInZone(expr, timeZone).nextRun(after);
}
