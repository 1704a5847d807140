import type { RetentionResult } from '@lodestar/shared';
import { addDays } from '../platform/local-day';
import { dayDiff } from './funnel.plan';

/**
 * Retention on local days. A customer's start day is their first start event inside the period;
 * day N is N days after it. Bounded: they did the return event exactly on day N. Unbounded: on
 * day N or any later day. A cohort gathers the customers who started on one day, or in one ISO
 * week (from Monday); its day N is null until it has come for every member (start + N <= today).
 */

export type RetentionMode = 'bounded' | 'unbounded';

/** What the database returns: members per start day, and customers per start day and day offset. */
export interface RetentionCounts {
  sizes: Array<{ day: string; size: number }>;
  /**
   * Bounded: customers who returned exactly `n` days after starting on `day`. Unbounded: customers
   * whose LAST return was `n` days after (capped at the largest day asked), so "day N or later" is
   * the sum over n >= N.
   */
  hits: Array<{ day: string; n: number; customers: number }>;
}

/** The Monday of the ISO week a day falls in. */
export function mondayOf(day: string): string {
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((dow + 6) % 7));
}

/** What the repository must count, per customer: for tests and as the semantics the SQL follows. */
export function countsOf(customers: ReadonlyArray<{ start: string; returns: readonly string[] }>, days: readonly number[], mode: RetentionMode): RetentionCounts {
  const sizes = new Map<string, number>();
  const hits = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string): void => void m.set(k, (m.get(k) ?? 0) + 1);
  const max = Math.max(...days);
  for (const c of customers) {
    bump(sizes, c.start);
    const offsets = c.returns.map((r) => dayDiff(r, c.start)).filter((n) => n > 0);
    if (mode === 'bounded') for (const n of new Set(offsets)) if (days.includes(n)) bump(hits, `${c.start}|${n}`);
    if (mode === 'unbounded' && offsets.length) bump(hits, `${c.start}|${Math.min(Math.max(...offsets), max)}`);
  }
  return {
    sizes: [...sizes].map(([day, size]) => ({ day, size })),
    hits: [...hits].map(([k, customers]) => ({ day: k.slice(0, 10), n: Number(k.slice(11)), customers })),
  };
}

export function retentionResult(counts: RetentionCounts, o: { days: readonly number[]; mode: RetentionMode; cohort: 'day' | 'week'; today: string }): RetentionResult {
  const cohortOf = (day: string): string => (o.cohort === 'week' ? mondayOf(day) : day);
  const cohorts = new Map<string, { size: number; lastStart: string; returned: number[] }>();
  for (const s of counts.sizes) {
    if (s.size <= 0) continue;
    const key = cohortOf(s.day);
    const c = cohorts.get(key) ?? { size: 0, lastStart: s.day, returned: o.days.map(() => 0) };
    c.size += s.size;
    if (s.day > c.lastStart) c.lastStart = s.day;
    cohorts.set(key, c);
  }
  for (const h of counts.hits) {
    const c = cohorts.get(cohortOf(h.day));
    if (!c) continue;
    o.days.forEach((n, i) => {
      if (o.mode === 'bounded' ? h.n === n : h.n >= n) c.returned[i]! += h.customers;
    });
  }
  const totals = o.days.map(() => ({ returned: 0, size: 0 }));
  const rows = [...cohorts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([start, c]) => {
      const returned = o.days.map((n, i) => (addDays(c.lastStart, n) <= o.today ? c.returned[i]! : null));
      returned.forEach((r, i) => {
        if (r === null) return;
        totals[i]!.returned += r;
        totals[i]!.size += c.size;
      });
      return { start, size: c.size, returned, rates: returned.map((r) => (r === null ? null : r / c.size)) };
    });
  return { days: [...o.days], mode: o.mode, cohorts: rows, overall: totals.map((t) => (t.size > 0 ? t.returned / t.size : null)) };
}
