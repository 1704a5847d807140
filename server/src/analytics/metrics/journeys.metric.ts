import type { AnalyticsScope } from '../scope';
import { customerScope, inPeriod, notMerged, num, raw, rows, sql, type MetricDb, type Period, type Tally } from './metric-sql';

/**
 * Journey goal metrics, like a journey's own stats (JourneyService.stats: treated against held
 * out) but over every journey with a goal. A cohort metric: the positions that entered a journey
 * in the period (entered_at; a re-entry starts a new cohort), whether they reached the goal
 * (converted_at, set by the engine within the goal's window) whenever that happened. A recent
 * period's figure still grows while its customers' goal windows are open.
 */

/** Positions and conversions of one journey's cohort, treated or held out. */
export interface JourneyCohort {
  journeyId: string;
  holdout: boolean;
  customers: number;
  converted: number;
}

export async function journeyCohorts(ds: MetricDb, scope: AnalyticsScope, p: Period): Promise<JourneyCohort[]> {
  const held = "CASE WHEN jp.status = 'holdout' THEN 1 ELSE 0 END";
  const list = await rows(
    ds,
    sql`SELECT jp.journey_id AS journey_id, ${raw(held)} AS held, COUNT(*) AS customers, COUNT(jp.converted_at) AS converted
          FROM journey_position jp
         WHERE jp.corp_id = ${scope.corpId} AND jp.goal_until IS NOT NULL${inPeriod('jp.entered_at', p)}${notMerged('jp.customer_id', scope.corpId)}${customerScope(scope, 'jp.customer_id')}
         GROUP BY jp.journey_id, ${raw(held)}`,
  );
  return list.map((r) => ({ journeyId: String(r.journey_id), holdout: num(r.held) === 1, customers: num(r.customers), converted: num(r.converted) }));
}

/** Treated customers who reached the goal over treated customers, all journeys together. */
export function journeyConversion(cohorts: readonly JourneyCohort[]): Tally {
  const treated = cohorts.filter((c) => !c.holdout);
  return { numerator: treated.reduce((a, c) => a + c.converted, 0), denominator: treated.reduce((a, c) => a + c.customers, 0) };
}

/**
 * The goal's uplift in percentage points: per journey, treated rate minus holdout rate; averaged
 * over the journeys that have both groups in the cohort, weighted by the journey's cohort size
 * (treated + held out). Journeys without a holdout say nothing about uplift and are left out
 * (pooling them would compare different journeys' customers). Null when no journey has both.
 */
export function journeyUplift(cohorts: readonly JourneyCohort[]): number | null {
  const byJourney = new Map<string, { t: number; tc: number; h: number; hc: number }>();
  for (const c of cohorts) {
    const j = byJourney.get(c.journeyId) ?? { t: 0, tc: 0, h: 0, hc: 0 };
    if (c.holdout) byJourney.set(c.journeyId, { ...j, h: j.h + c.customers, hc: j.hc + c.converted });
    else byJourney.set(c.journeyId, { ...j, t: j.t + c.customers, tc: j.tc + c.converted });
  }
  let weight = 0;
  let sum = 0;
  for (const j of byJourney.values()) {
    if (j.t === 0 || j.h === 0) continue;
    const w = j.t + j.h;
    sum += w * (j.tc / j.t - j.hc / j.h) * 100;
    weight += w;
  }
  return weight === 0 ? null : sum / weight;
}
