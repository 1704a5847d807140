import { Cron } from 'croner';

/**
 * Local wall-clock math in an IANA time zone, for `wait_until` steps and quiet hours. Pure: the
 * moment to start from is always an argument, never "now".
 *
 * Croner does the calendar work (DST gaps and folds, weekdays) so we do not hand-roll offsets.
 * A Cron object parses its pattern once; the engine asks for the same few (time, zone) pairs for
 * every customer in a batch, so we keep the parsed objects in a small bounded cache.
 */

const CRON_CACHE_LIMIT = 500;
const crons = new Map<string, Cron>();

function cronFor(expr: string, timeZone: string): Cron {
  const key = `${timeZone}\u0000${expr}`;
  let cron = crons.get(key);
  if (!cron) {
    // A Map iterates in insertion order, so the first key is the oldest: drop it to stay bounded.
    if (crons.size >= CRON_CACHE_LIMIT) {
      const oldest = crons.keys().next();
      if (!oldest.done) crons.delete(oldest.value);
    }
    // paused: no timer is ever started; we only ask it for fire times.
    cron = new Cron(expr, { timezone: timeZone, paused: true });
    crons.set(key, cron);
  }
  return cron;
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Cron's day-of-week field for ISO weekdays (1 = Monday … 7 = Sunday); cron counts Sunday as 0. */
function cronWeekdays(weekdays: readonly number[] | undefined): string {
  // An empty list would never fire; the schema forbids it, so read it like "unset": any day.
  if (!weekdays || weekdays.length === 0) return '*';
  const days = new Set<number>();
  for (const d of weekdays) {
    if (!Number.isInteger(d) || d < 1 || d > 7) throw new RangeError(`an ISO weekday is 1–7, got ${d}`);
    days.add(d % 7);
  }
  return [...days].sort((a, b) => a - b).join(',');
}

/**
 * The first moment strictly after `from` when the clock in `timeZone` shows `time` (HH:MM) on one
 * of `weekdays` (ISO, 1 = Monday; unset = any day). "Strictly after" means a customer who arrives
 * exactly at 09:00 waits for tomorrow's 09:00, so a step never fires twice in the same minute.
 * A time that does not exist on a spring-forward day fires just after the gap (croner's rule); a
 * time that happens twice on a fall-back day fires on its first occurrence only.
 */
export function nextLocalTime(from: Date, timeZone: string, time: string, weekdays?: readonly number[]): Date {
  const m = HH_MM.exec(time);
  if (!m) throw new RangeError(`a local time is HH:MM, got "${time}"`);
  const expr = `${Number(m[2])} ${Number(m[1])} * * ${cronWeekdays(weekdays)}`;
  const next = cronFor(expr, timeZone).nextRun(from);
  // Every pattern we build fires at least once a week, so this only guards croner's own contract.
  if (!next) throw new Error(`no next run for "${expr}" in ${timeZone}`);
  return next;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function minuteFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // h23, not hour12: false, which some engines render as "24" at midnight.
    f = new Intl.DateTimeFormat('en-US', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Minutes since local midnight in `timeZone` (0–1439): what quiet-hour windows compare against. */
export function localMinutes(at: Date, timeZone: string): number {
  let hour = 0;
  let minute = 0;
  for (const part of minuteFormatter(timeZone).formatToParts(at)) {
    if (part.type === 'hour') hour = Number(part.value);
    else if (part.type === 'minute') minute = Number(part.value);
  }
  return (hour % 24) * 60 + minute;
}
