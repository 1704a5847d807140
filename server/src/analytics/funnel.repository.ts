import type { DataSource } from 'typeorm';
import type { FunnelStep } from '@lodestar/shared';
import { addDays } from '../platform/local-day';
import type { DayPeriod, FunnelAggregate } from './funnel.plan';
import { stepSource } from './funnel-steps.sql';
import { customerFilter, type AnalyticsScope } from './scope';
import { SEEK_LIMIT, withScratch, type Scratch } from './scratch.repository';

/** The period asked, as instants (for stage changes and creation) and as local days (for daily counters). */
export interface FunnelPeriod extends DayPeriod {
  from: Date;
  to: Date;
  /** The corp zone's offset from UTC, for the local day of stored instants. */
  offsetMinutes: number;
}

const STEP_COLUMNS = 'customer_id VARCHAR(36) NOT NULL PRIMARY KEY, d VARCHAR(10) NOT NULL, prev VARCHAR(10) NULL, lim VARCHAR(10) NOT NULL';

/**
 * Ordered funnels counted in the database, step by step into temporary tables that hold only the
 * customers still in the funnel (reach day, previous step's day, last day of their window). Only
 * counts and, per step, a histogram of days from the previous step come back to Node.
 */
export class FunnelRepository {
  constructor(
    private readonly ds: DataSource,
    /** Up to how many customers a later step seeks per customer rather than reading the step's whole range (tests set it to 0 or Infinity). */
    private readonly seekLimit = SEEK_LIMIT,
  ) {}

  reach(scope: AnalyticsScope, steps: readonly FunnelStep[], period: FunnelPeriod, windowDays: number): Promise<FunnelAggregate> {
    if (!Number.isInteger(windowDays) || windowDays < 0) throw new RangeError(`bad window ${windowDays}`);
    return withScratch(this.ds, async (s) => {
      const agg: FunnelAggregate = { counts: steps.map(() => 0), gaps: steps.map(() => new Map<number, number>()) };
      let prev = '';
      for (const [k, step] of steps.entries()) {
        const into = await s.table(STEP_COLUMNS);
        if (k === 0) await this.first(s, into, scope, step, period, windowDays);
        else await this.next(s, prev, agg.counts[k - 1]!, into, scope, step, period, windowDays);
        agg.counts[k] = await s.count(into);
        if (agg.counts[k] === 0) break;
        if (k > 0) {
          const gap = s.sql.diff('d', 'prev');
          const rows = await s.query<Array<{ gap: number | string; n: number | string }>>(`SELECT ${gap} AS gap, COUNT(*) AS n FROM ${into} GROUP BY ${gap}`);
          for (const r of rows) agg.gaps[k]!.set(Number(r.gap), Number(r.n));
        }
        prev = into;
      }
      return agg;
    });
  }

  /** Live customers per current stage in the scope. */
  async stageCounts(scope: AnalyticsScope): Promise<Map<string, number>> {
    const f = customerFilter(scope, 'c.id');
    const rows = await this.ds.query<Array<{ stage: string; n: number | string }>>(
      `SELECT c.stage AS stage, COUNT(*) AS n FROM customer c WHERE c.corp_id = ? AND c.merged_into_id IS NULL${f.sql} GROUP BY c.stage`,
      [scope.corpId, ...f.params],
    );
    return new Map(rows.map((r) => [r.stage, Number(r.n)]));
  }

  /** Step 1: each live customer in scope at their first occurrence inside the period. */
  private async first(s: Scratch, into: string, scope: AnalyticsScope, step: FunnelStep, p: FunnelPeriod, windowDays: number): Promise<void> {
    const src = stepSource(step, s.sql, p.offsetMinutes);
    const range = src.range(scope.corpId, p.from, p.to, p.fromDay, p.lastDay);
    const f = customerFilter(scope, 'x.customer_id');
    await s.query(
      `INSERT INTO ${into} (customer_id, d, prev, lim) SELECT x.customer_id, x.d, NULL, ${s.sql.plusDays('x.d', String(windowDays))} ` +
        `FROM (SELECT ${src.customer} AS customer_id, MIN(${src.day}) AS d FROM ${src.table} WHERE ${range.sql} GROUP BY ${src.customer}) x ` +
        `JOIN customer c ON c.id = x.customer_id WHERE c.merged_into_id IS NULL${f.sql}`,
      [...range.params, ...f.params],
    );
  }

  /**
   * A later step: the earliest occurrence on or after the previous step's day and within the
   * window. Few customers left: seek their rows; many: read the step's corp-wide range once.
   */
  private async next(s: Scratch, from: string, fromCount: number, into: string, scope: AnalyticsScope, step: FunnelStep, p: FunnelPeriod, windowDays: number): Promise<void> {
    const src = stepSource(step, s.sql, p.offsetMinutes);
    const select = `INSERT INTO ${into} (customer_id, d, prev, lim) SELECT p.customer_id, MIN(${src.day}), p.d, p.lim`;
    const within = `${src.day} >= p.d AND ${src.day} <= p.lim`;
    const group = 'GROUP BY p.customer_id, p.d, p.lim';
    if (fromCount <= this.seekLimit) {
      await s.query(`${select} FROM ${from} p JOIN ${src.table} ON ${src.customer} = p.customer_id AND ${src.match.sql} WHERE ${within} ${group}`, src.match.params);
      return;
    }
    // Occurrences may come up to windowDays after the period's last day; a day's margin either side for instants.
    const since = new Date(p.from.getTime() - 86_400_000);
    const until = new Date(p.to.getTime() + (windowDays + 1) * 86_400_000);
    const range = src.range(scope.corpId, since, until, p.fromDay, addDays(p.lastDay, windowDays));
    await s.query(`${select} FROM ${src.table} ${s.sql.drivingJoin} ${from} p ON p.customer_id = ${src.customer} WHERE ${range.sql} AND ${within} ${group}`, range.params);
  }
}
