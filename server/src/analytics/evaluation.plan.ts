import { metricKeys, type EvaluationPeriod, type EvaluationRow, type EvaluationTarget, type MetricKey, type MetricValue } from '@lodestar/shared';

/** What a row is judged against: the target's number and how far below it still counts as on track. */
export interface RowTarget {
  metric: MetricKey;
  target: number;
  tolerance: number;
}

/** Figures are kept to 4 decimals: enough for a percentage with two decimals, and stable in CSV. */
const round4 = (n: number): number => Math.round(n * 10_000) / 10_000;
/** Slack for comparisons at the boundary: 27 / 30 against 1 − 0.1 must not depend on float rounding. */
const EPS = 1e-9;

/** Counts are pro-rated to the elapsed share of the period; rates and points are judged as they stand. */
const isCount = (v: MetricValue): boolean => v.unit === 'count';

/**
 * One evaluation row: how a metric's value stands against its target when `expected` of the
 * period has elapsed (1 for a closed period).
 *
 * - completion: value / target (target / value when lower is better); null without a value or
 *   when the divisor is 0.
 * - deviation: value − target for rates and points; value − target × expected for counts.
 * - off track, counts: completion < expected − tolerance (higher is better), or
 *   value / target > expected + tolerance (lower is better: already past the allowance).
 * - off track, rates and points: value < target − tolerance × target (higher is better), or
 *   value > target + tolerance × target (lower is better).
 * A metric with no value (nothing to measure yet) is not off track: there is nothing to act on.
 */
export function evaluateRow(v: MetricValue, t: RowTarget, expected: number, teamId: string | null): EvaluationRow {
  const value = v.value;
  const lower = v.better === 'lower';
  let completion: number | null = null;
  if (value !== null) {
    const [num, den] = lower ? [t.target, value] : [value, t.target];
    completion = den === 0 ? null : num / den;
  }
  let deviation: number | null = null;
  let offTrack = false;
  if (value !== null) {
    if (isCount(v)) {
      deviation = value - t.target * expected;
      if (lower) offTrack = t.target === 0 ? value > 0 : value / t.target > expected + t.tolerance + EPS;
      else offTrack = completion !== null && completion < expected - t.tolerance - EPS;
    } else {
      deviation = value - t.target;
      const band = t.tolerance * t.target;
      offTrack = lower ? value > t.target + band + EPS : value < t.target - band - EPS;
    }
  }
  return {
    metric: v.key,
    name: v.name,
    unit: v.unit,
    teamId,
    value,
    target: t.target,
    better: v.better,
    completion: completion === null ? null : round4(completion),
    expected: round4(expected),
    deviation: deviation === null ? null : round4(deviation),
    offTrack,
  };
}

const order = new Map<MetricKey, number>(metricKeys.map((k, i) => [k, i]));

/**
 * The rows of one scope (the whole corp, or a team): one per metric that has both a target and a
 * value from the metric source, in the catalogue's order. A metric without a target has no row.
 */
export function evaluationRows(values: readonly MetricValue[], targets: readonly RowTarget[], expected: number, teamId: string | null): EvaluationRow[] {
  const byMetric = new Map(values.map((v) => [v.key, v]));
  return [...targets]
    .sort((a, b) => (order.get(a.metric) ?? 0) - (order.get(b.metric) ?? 0))
    .flatMap((t) => {
      const v = byMetric.get(t.metric);
      return v ? [evaluateRow(v, t, expected, teamId)] : [];
    });
}

/** Targets of one scope: '' is the whole corp, otherwise a team id. */
export type TargetsByTeam = Map<string, RowTarget[]>;

/**
 * The targets an evaluation of `period` is judged against, grouped by team key. Realtime is the
 * current month to date, so a metric without a realtime target of its own uses its month target.
 */
export function targetsFor(period: EvaluationPeriod, all: readonly EvaluationTarget[]): TargetsByTeam {
  const pick = new Map<string, EvaluationTarget>();
  const key = (t: EvaluationTarget) => `${t.teamId ?? ''}\u0000${t.metric}`;
  if (period === 'realtime') for (const t of all) if (t.period === 'month') pick.set(key(t), t);
  for (const t of all) if (t.period === period) pick.set(key(t), t);
  const out: TargetsByTeam = new Map();
  for (const t of pick.values()) {
    const team = t.teamId ?? '';
    const list = out.get(team) ?? [];
    list.push({ metric: t.metric, target: t.target, tolerance: t.tolerance });
    out.set(team, list);
  }
  return out;
}

/** How many rows are off track. */
export const offTrackCount = (rows: readonly EvaluationRow[]): number => rows.filter((r) => r.offTrack).length;
