import { localParts, nextCronRun } from '../platform/local-calendar';

/**
 * Local wall-clock math in an IANA time zone, for `wait_until` steps and quiet hours. Pure: the
 * moment to start from is always an argument, never "now".
 *
 * Croner does the calendar work (DST gaps and folds, weekdays) through local-calendar's cached
 * `nextCronRun`, so we do not hand-roll offsets.
 */

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
  const next = nextCronRun(expr, timeZone, from);
  // Every pattern we build fires at least once a week, so this only guards croner's own contract.
  if (!next) throw new Error(`no next run for "${expr}" in ${timeZone}`);
  return next;
}

/** Minutes since local midnight in `timeZone` (0–1439): what quiet-hour windows compare against. */
export function localMinutes(at: Date, timeZone: string): number {
  return localParts(at, timeZone).minutes;
}
