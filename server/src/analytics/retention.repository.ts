import type { DataSource } from 'typeorm';
import { addDays } from '../platform/local-day';
import { eventKey } from './activity-key';
import type { DayPeriod } from './funnel.plan';
import type { RetentionCounts, RetentionMode } from './retention.plan';
import { customerFilter, type AnalyticsScope } from './scope';
import { SEEK_LIMIT, withScratch, type Scratch } from './scratch.repository';

type Hit = { day: string; n: number | string; customers: number | string };

/**
 * Retention counted in the database from the daily counters. The cohort (each live customer in
 * scope at their first start event inside the period) goes into a temporary table; returns are
 * then read per customer by primary key (a small cohort) or from the return event's corp-wide
 * index range joined to the cohort (a large one). Only per-day counts come back.
 */
export class RetentionRepository {
  constructor(
    private readonly ds: DataSource,
    /** Up to how many cohort members returns are sought per customer rather than read from the event's whole range. */
    private readonly seekLimit = SEEK_LIMIT,
  ) {}

  counts(scope: AnalyticsScope, q: { startEvent: string; returnEvent: string; days: readonly number[]; mode: RetentionMode }, period: DayPeriod): Promise<RetentionCounts> {
    if (!q.days.length || q.days.some((n) => !Number.isInteger(n) || n < 1)) throw new RangeError(`bad days ${q.days.join(',')}`);
    return withScratch(this.ds, async (s) => {
      const cohort = await s.table('customer_id VARCHAR(36) NOT NULL PRIMARY KEY, d VARCHAR(10) NOT NULL');
      const f = customerFilter(scope, 'x.customer_id');
      await s.query(
        `INSERT INTO ${cohort} (customer_id, d) SELECT x.customer_id, x.d FROM (SELECT a.customer_id AS customer_id, MIN(a.day) AS d FROM activity_count a ` +
          'WHERE a.corp_id = ? AND a.counter_key = ? AND a.day >= ? AND a.day <= ? GROUP BY a.customer_id) x ' +
          `JOIN customer c ON c.id = x.customer_id WHERE c.merged_into_id IS NULL${f.sql}`,
        [scope.corpId, eventKey(q.startEvent), period.fromDay, period.lastDay, ...f.params],
      );
      const sizes = await s.query<Array<{ day: string; n: number | string }>>(`SELECT d AS day, COUNT(*) AS n FROM ${cohort} GROUP BY d`);
      if (!sizes.length) return { sizes: [], hits: [] };
      const seek = sizes.reduce((t, r) => t + Number(r.n), 0) <= this.seekLimit;
      const hits = q.mode === 'bounded' ? await this.bounded(s, cohort, seek, scope, q.returnEvent, q.days, period) : await this.unbounded(s, cohort, seek, scope, q.returnEvent, q.days, period);
      return {
        sizes: sizes.map((r) => ({ day: String(r.day), size: Number(r.n) })),
        hits: hits.map((r) => ({ day: String(r.day), n: Number(r.n), customers: Number(r.customers) })),
      };
    });
  }

  /** Customers per start day who did the return event exactly N days after it (one row per customer and day in activity_count). */
  private bounded(s: Scratch, cohort: string, seek: boolean, scope: AnalyticsScope, event: string, days: readonly number[], period: DayPeriod): Promise<Hit[]> {
    if (seek) {
      const ns = [...new Set(days)].map((n) => `SELECT ${n} AS n`).join(' UNION ALL ');
      return s.query<Hit[]>(
        `SELECT k.d AS day, ns.n AS n, COUNT(*) AS customers FROM ${cohort} k JOIN (${ns}) ns ON 1 = 1 ` +
          `JOIN activity_count r ON r.customer_id = k.customer_id AND r.counter_key = ? AND r.day = ${s.sql.plusDays('k.d', 'ns.n')} GROUP BY k.d, ns.n`,
        [eventKey(event)],
      );
    }
    const n = s.sql.diff('r.day', 'k.d');
    return s.query<Hit[]>(
      `SELECT k.d AS day, ${n} AS n, COUNT(*) AS customers FROM activity_count r ${s.sql.drivingJoin} ${cohort} k ON k.customer_id = r.customer_id ` +
        `WHERE r.corp_id = ? AND r.counter_key = ? AND r.day > ? AND r.day <= ? AND ${n} IN (${[...new Set(days)].join(', ')}) GROUP BY k.d, ${n}`,
      [scope.corpId, eventKey(event), period.fromDay, addDays(period.lastDay, Math.max(...days))],
    );
  }

  /** Customers per start day whose last return came N days after it (N capped at the largest day asked). */
  private unbounded(s: Scratch, cohort: string, seek: boolean, scope: AnalyticsScope, event: string, days: readonly number[], period: DayPeriod): Promise<Hit[]> {
    const max = Math.max(...days);
    const capped = `CASE WHEN y.m > ${max} THEN ${max} ELSE y.m END`;
    const last = s.sql.diff('MAX(r.day)', 'k.d');
    const inner = seek
      ? { sql: `SELECT k.customer_id, k.d, ${last} AS m FROM ${cohort} k JOIN activity_count r ON r.customer_id = k.customer_id AND r.counter_key = ? AND r.day > k.d GROUP BY k.customer_id, k.d`, params: [eventKey(event)] }
      : {
          sql: `SELECT k.customer_id, k.d, ${last} AS m FROM activity_count r ${s.sql.drivingJoin} ${cohort} k ON k.customer_id = r.customer_id WHERE r.corp_id = ? AND r.counter_key = ? AND r.day > ? AND r.day > k.d GROUP BY k.customer_id, k.d`,
          params: [scope.corpId, eventKey(event), period.fromDay],
        };
    return s.query<Hit[]>(`SELECT y.d AS day, ${capped} AS n, COUNT(*) AS customers FROM (${inner.sql}) y GROUP BY y.d, ${capped}`, inner.params);
  }
}
