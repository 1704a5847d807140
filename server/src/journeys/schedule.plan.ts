import type { JourneySchedule } from '@lodestar/shared';
import { Cron } from 'croner';
import { nextCronRun } from '../platform/local-calendar';

/**
 * A schedule trigger fires in each customer's own time zone: "Friday 19:00" is 11:00Z for a
 * customer in Shanghai and 23:00Z (00:00Z in winter) for one in New York. The worker ticks, and
 * for each tick window asks which zones had a fire; customers in those zones are enrolled.
 * Everything is expressed as one cron pattern read in the zone, so daily, weekly and free-form
 * schedules share one path and DST is left to the zone rules.
 */

/**
 * The schedule as a five-field cron pattern: daily 'HH:MM' → 'M H * * *', weekly → 'M H * * d1,d2'
 * (ISO weekdays, 7 = Sunday written as 0, sorted and de-duplicated), cron → the expression as
 * given (trimmed).
 */
export function scheduleCron(s: JourneySchedule): string {
  switch (s.kind) {
    case 'daily':
      return `${timeFields(s.time)} * * *`;
    case 'weekly': {
      const days = [...new Set(s.weekdays.map((d) => d % 7))].sort((a, b) => a - b);
      return `${timeFields(s.time)} * * ${days.join(',')}`;
    }
    case 'cron':
      return s.expr.trim();
    default: {
      const never: never = s;
      throw new Error(`Unknown schedule ${JSON.stringify(never)}`);
    }
  }
}

/** The fire moments of the schedule in `timeZone` in the window (from, to], at most `limit` (default 1000). */
export function firesBetween(s: JourneySchedule, timeZone: string, from: Date, to: Date, limit = 1000): Date[] {
  const expr = scheduleCron(s);
  const out: Date[] = [];
  let at = from;
  while (out.length < limit) {
    const next = nextCronRun(expr, timeZone, at);
    if (next === null || next.getTime() > to.getTime()) break;
    out.push(next);
    at = next;
  }
  return out;
}

/**
 * For each zone, the LAST fire moment in (from, to] or null: a tick that missed several fires
 * enrols once. Zones without a fire in the window are left out of the map; a zone listed twice
 * is looked at once.
 */
export function dueZones(s: JourneySchedule, zones: readonly string[], from: Date, to: Date): Map<string, Date> {
  const expr = scheduleCron(s);
  const out = new Map<string, Date>();
  for (const zone of new Set(zones)) {
    const last = lastFire(expr, zone, from, to);
    if (last !== null) out.set(zone, last);
  }
  return out;
}

/**
 * The last fire in (from, to]. Croner only looks forward, and walking from `from` would cost one
 * step per fire when a worker was down for days on a minutely pattern, so we look back from `to`
 * over a window that doubles until it holds a fire, then walk forward inside it.
 */
function lastFire(expr: string, zone: string, from: Date, to: Date): Date | null {
  if (to.getTime() <= from.getTime()) return null;
  for (let span = 60_000; ; span *= 2) {
    const start = new Date(Math.max(from.getTime(), to.getTime() - span));
    let last = nextCronRun(expr, zone, start);
    if (last !== null && last.getTime() <= to.getTime()) {
      for (let next = nextCronRun(expr, zone, last); next !== null && next.getTime() <= to.getTime(); next = nextCronRun(expr, zone, next)) last = next;
      return last;
    }
    if (start.getTime() <= from.getTime()) return null;
  }
}

/**
 * Whether a cron expression is valid for a schedule — for a clear 400 on save. It must have
 * exactly five fields (no seconds field, no @nicknames), parse, avoid '?' (croner fills that from
 * the current time, which would make the schedule depend on when it was loaded), and fire at
 * least once (so '0 0 31 2 *' is refused).
 */
export function isValidScheduleCron(expr: string): boolean {
  const fields = expr.trim().split(/\s+/);
  if (fields.length !== 5 || expr.includes('?')) return false;
  try {
    // A fixed reference instant: validity must not depend on the clock. UTC is enough, since
    // whether a pattern ever fires does not depend on the zone.
    return new Cron(fields.join(' '), { timezone: 'UTC', paused: true }).nextRun(new Date(Date.UTC(2000, 0, 1))) !== null;
  } catch {
    return false;
  }
}

/** 'HH:MM' → 'M H' (cron wants plain numbers; '08' would work but '8' is the usual form). */
function timeFields(hhmm: string): string {
  const [h, m] = hhmm.split(':');
  return `${Number(m)} ${Number(h)}`;
}
