import type { DataSource } from 'typeorm';
import type { FunnelStep } from '@lodestar/shared';
import { toDbTime } from '../db/naming';
import { addDays } from '../platform/local-day';
import type { DayPeriod, FunnelAggregate } from './funnel.plan';
import { stepSource } from './funnel-steps.sql';
import { customerFilter, type AnalyticsScope } from './scope';
import { reachColumn, reachStages } from './stage-reach.plan';
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
    return withScratch(this.ds, (s) => this.steps(s, scope, steps, period, windowDays));
  }

  /** The funnel step by step; with `only` (a scratch table with an `irr` flag), for its flagged customers alone. */
  private async steps(s: Scratch, scope: AnalyticsScope, steps: readonly FunnelStep[], period: FunnelPeriod, windowDays: number, only?: string): Promise<FunnelAggregate> {
    const agg: FunnelAggregate = { counts: steps.map(() => 0), gaps: steps.map(() => new Map<number, number>()) };
    let prev = '';
    for (const [k, step] of steps.entries()) {
      const into = await s.table(STEP_COLUMNS);
      if (k === 0) await this.first(s, into, scope, step, period, windowDays, only);
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
  }

  /**
   * The six-stage journey funnel from the first-reach rollup (stage_reach): one pass over the
   * customers created in the period with their first day at each stage. When a customer's first
   * days rise stage by stage from their creation day, they are exactly the days the step-by-step
   * funnel finds (the earliest change into each stage on or after the previous step's day), so a
   * step counts when every stage up to it was reached and it lies within the window. The others
   * (a history older than the customer, e.g. inherited from an older record in a merge; or a
   * merge the rollup job has not folded in yet) go through the step-by-step funnel over
   * stage_transition, and the two are added up.
   */
  journeyReach(scope: AnalyticsScope, steps: readonly FunnelStep[], period: FunnelPeriod, windowDays: number): Promise<FunnelAggregate> {
    if (!Number.isInteger(windowDays) || windowDays < 0) throw new RangeError(`bad window ${windowDays}`);
    return withScratch(this.ds, async (s) => {
      const days = ['d1', ...reachStages.map((_, i) => `d${i + 2}`)];
      const jr = await s.table(`customer_id VARCHAR(36) NOT NULL PRIMARY KEY, ${days.map((d) => `${d} VARCHAR(10) NULL`).join(', ')}, lim VARCHAR(10) NOT NULL, irr INT NOT NULL`);
      const f = customerFilter(scope, 'c.id');
      const local = (column: string) => s.sql.localDay(column, period.offsetMinutes);
      const created = local('c.created_at');
      await s.query(
        `INSERT INTO ${jr} (customer_id, ${days.join(', ')}, lim, irr) SELECT c.id, ${created}, ${reachStages.map((st) => local(`r.${reachColumn(st)}`)).join(', ')}, ${s.sql.plusDays(created, String(windowDays))}, 0 ` +
          `FROM customer c LEFT JOIN stage_reach r ON r.customer_id = c.id WHERE c.corp_id = ? AND c.merged_into_id IS NULL AND c.created_at >= ? AND c.created_at < ?${f.sql}`,
        [scope.corpId, toDbTime(period.from), toDbTime(period.to), ...f.params],
      );
      // Out of order: a stage first reached before the one below it (or before creation).
      const disorder = days.slice(1).map((d, i) => `(${d} IS NOT NULL AND ${days[i]} IS NOT NULL AND ${d} < ${days[i]})`).join(' OR ');
      await s.query(`UPDATE ${jr} SET irr = 1 WHERE ${disorder}`);
      // Survivors of merges since the rollup job last folded merges in.
      await s.query(
        `UPDATE ${jr} SET irr = 1 WHERE customer_id IN (SELECT m.survivor_id FROM customer_merge m WHERE m.corp_id = ? AND m.at > COALESCE((SELECT st.merges_through FROM analytics_rollup_state st WHERE st.corp_id = ?), ?))`,
        [scope.corpId, scope.corpId, '1000-01-01 00:00:00.000'],
      );
      const agg: FunnelAggregate = { counts: steps.map(() => 0), gaps: steps.map(() => new Map<number, number>()) };
      agg.counts[0] = Number((await s.query<Array<{ n: number | string }>>(`SELECT COUNT(*) AS n FROM ${jr} WHERE irr = 0`))[0]?.n ?? 0);
      for (let k = 1; k < days.length; k++) {
        const reached = days.slice(1, k + 1).map((d) => `${d} IS NOT NULL`).join(' AND ');
        const gap = s.sql.diff(days[k]!, days[k - 1]!);
        const rows = await s.query<Array<{ gap: number | string; n: number | string }>>(`SELECT ${gap} AS gap, COUNT(*) AS n FROM ${jr} WHERE irr = 0 AND ${reached} AND ${days[k]} <= lim GROUP BY ${gap}`);
        for (const r of rows) {
          agg.counts[k] = (agg.counts[k] ?? 0) + Number(r.n);
          agg.gaps[k]!.set(Number(r.gap), Number(r.n));
        }
      }
      const irregular = Number((await s.query<Array<{ n: number | string }>>(`SELECT COUNT(*) AS n FROM ${jr} WHERE irr = 1`))[0]?.n ?? 0);
      if (irregular > 0) {
        const rest = await this.steps(s, scope, steps, period, windowDays, jr);
        rest.counts.forEach((n, k) => (agg.counts[k] = (agg.counts[k] ?? 0) + n));
        rest.gaps.forEach((m, k) => m.forEach((n, gap) => agg.gaps[k]!.set(gap, (agg.gaps[k]!.get(gap) ?? 0) + n)));
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

  /**
   * Step 1: each live customer in scope at their first occurrence inside the period. Merged records
   * are left out by probing the corp's few merged ones (customers are never deleted, so every
   * customer id in these tables is a record), not by reading each customer's row.
   */
  private async first(s: Scratch, into: string, scope: AnalyticsScope, step: FunnelStep, p: FunnelPeriod, windowDays: number, only?: string): Promise<void> {
    const src = stepSource(step, s.sql, p.offsetMinutes);
    const range = src.range(scope.corpId, p.from, p.to, p.fromDay, p.lastDay);
    const f = customerFilter(scope, 'x.customer_id');
    await s.query(
      `INSERT INTO ${into} (customer_id, d, prev, lim) SELECT x.customer_id, x.d, NULL, ${s.sql.plusDays('x.d', String(windowDays))} ` +
        `FROM (SELECT ${src.customer} AS customer_id, MIN(${src.day}) AS d FROM ${src.table} WHERE ${range.sql} GROUP BY ${src.customer}) x ` +
        `${only ? `JOIN ${only} o ON o.customer_id = x.customer_id AND o.irr = 1 ` : ''}WHERE x.customer_id NOT IN (SELECT mc.id FROM customer mc WHERE mc.corp_id = ? AND mc.merged_into_id IS NOT NULL)${f.sql}`,
      [...range.params, scope.corpId, ...f.params],
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
