import { metricKeys, type MetricKey } from '@lodestar/shared';
import { DomainError } from '../platform/errors';
import { startOfLocalDay, startOfLocalWeek } from '../platform/local-calendar';
import { localDay } from '../platform/local-day';

/** Pure decisions behind the metric routes: which keys, which period, which series buckets. */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const MAX_PERIOD_DAYS = 366;
export const MAX_SERIES_POINTS = 62;

/** The keys asked for (a comma list), in the order given, each once; every key when none. */
export function parseMetricKeys(csv: string | undefined): MetricKey[] {
  if (csv === undefined || csv.trim() === '') return [...metricKeys];
  const asked = csv
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '');
  const unknown = asked.filter((k) => !(metricKeys as readonly string[]).includes(k));
  if (unknown.length) {
    throw new DomainError('bad_request', `Unknown metric ${unknown.join(', ')}; known: ${metricKeys.join(', ')}`, [{ path: 'query.keys', message: `unknown: ${unknown.join(', ')}` }]);
  }
  return [...new Set(asked)] as MetricKey[];
}

/** A half-open period [from, to) from the query's instants (metrics, funnels, retention): from before to, at most 366 days. */
export function queryPeriod(fromIso: string, toIso: string): { from: Date; to: Date } {
  const from = new Date(fromIso);
  const to = new Date(toIso);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) throw new DomainError('bad_request', '"from" and "to" must be ISO instants', [{ path: 'query.from', message: 'not an instant' }]);
  if (from.getTime() >= to.getTime()) throw new DomainError('bad_request', '"from" must come before "to" (the period is [from, to))', [{ path: 'query.to', message: 'not after from' }]);
  if (to.getTime() - from.getTime() > MAX_PERIOD_DAYS * DAY) {
    throw new DomainError('bad_request', `The period is longer than ${MAX_PERIOD_DAYS} days; ask for a shorter one`, [{ path: 'query.to', message: `more than ${MAX_PERIOD_DAYS} days after from` }]);
  }
  return { from, to };
}

export interface SeriesBucket {
  /** The local day the bucket's day or week (Monday) starts on, YYYY-MM-DD. */
  day: string;
  from: Date;
  to: Date;
}

/**
 * The period cut at the corp's local midnights (day) or Monday midnights (week). The first and last
 * buckets are clipped to the period, so the buckets cover [from, to) exactly once; each is labelled
 * with the local day its day or week starts on. At most 62 buckets.
 */
export function seriesBuckets(from: Date, to: Date, interval: 'day' | 'week', timeZone: string): SeriesBucket[] {
  const out: SeriesBucket[] = [];
  let start = from;
  while (start.getTime() < to.getTime()) {
    if (out.length === MAX_SERIES_POINTS) {
      throw new DomainError('bad_request', `The series would have more than ${MAX_SERIES_POINTS} points; ask for a shorter period${interval === 'day' ? ' or interval=week' : ''}`, [{ path: 'query.interval', message: 'too many points' }]);
    }
    const base = interval === 'day' ? startOfLocalDay(start, timeZone) : startOfLocalWeek(start, timeZone);
    // Past the longest local day (25 h) or week, never past the next one: lands inside the next.
    const next = interval === 'day' ? startOfLocalDay(new Date(base.getTime() + 36 * HOUR), timeZone) : startOfLocalWeek(new Date(base.getTime() + 7 * DAY + 12 * HOUR), timeZone);
    const end = next.getTime() < to.getTime() ? next : to;
    out.push({ day: localDay(base, timeZone), from: start, to: end });
    start = end;
  }
  return out;
}
