import { journeyStages, type FunnelResult, type FunnelStep, type JourneyStage } from '@lodestar/shared';
import { addDays } from '../platform/local-day';

/**
 * Ordered funnels on local days. A customer enters at their first occurrence of step 1 inside the
 * period; every later step counts at its earliest occurrence on or after the previous step's day
 * and at most `windowDays` after the step-1 day (so a step may fall after the period's end). Days
 * are the resolution: two steps on the same day count as in order.
 */

/** A half-open period [from, to) as the local days it touches: `fromDay` to `lastDay`, both inclusive. */
export interface DayPeriod {
  fromDay: string;
  lastDay: string;
}

/** What the database returns for a funnel: customers per step and, per step after the first, days from the previous step → customers. */
export interface FunnelAggregate {
  counts: number[];
  gaps: Array<Map<number, number>>;
}

export function dayDiff(a: string, b: string): number {
  return Math.round((Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000);
}

/**
 * One customer's reach day per step (null once a step is missed), from the days they did each
 * step: the reference semantics the SQL follows.
 */
export function reachDays(occurrences: readonly (readonly string[])[], period: DayPeriod, windowDays: number): Array<string | null> {
  const out: Array<string | null> = occurrences.map(() => null);
  const first = earliest(occurrences[0] ?? [], (d) => d >= period.fromDay && d <= period.lastDay);
  if (first === null) return out;
  out[0] = first;
  const limit = addDays(first, windowDays);
  let prev = first;
  for (let k = 1; k < occurrences.length; k++) {
    const next = earliest(occurrences[k]!, (d) => d >= prev && d <= limit);
    if (next === null) break;
    out[k] = next;
    prev = next;
  }
  return out;
}

function earliest(days: readonly string[], ok: (d: string) => boolean): string | null {
  let best: string | null = null;
  for (const d of days) if (ok(d) && (best === null || d < best)) best = d;
  return best;
}

/** Counts and gap histograms over customers' reach days (what the SQL aggregates in the database). */
export function aggregateReach(reaches: ReadonlyArray<ReadonlyArray<string | null>>, steps: number): FunnelAggregate {
  const agg: FunnelAggregate = { counts: Array.from({ length: steps }, () => 0), gaps: Array.from({ length: steps }, () => new Map<number, number>()) };
  for (const r of reaches) {
    for (let k = 0; k < steps; k++) {
      const day = r[k];
      if (day === null || day === undefined) break;
      agg.counts[k]!++;
      if (k > 0) {
        const gap = dayDiff(day, r[k - 1]!);
        agg.gaps[k]!.set(gap, (agg.gaps[k]!.get(gap) ?? 0) + 1);
      }
    }
  }
  return agg;
}

/** The median of values given as value → how many; the mean of the two middle values for an even count. */
export function medianOf(histogram: ReadonlyMap<number, number>): number | null {
  const entries = [...histogram.entries()].filter(([, n]) => n > 0).sort(([a], [b]) => a - b);
  const total = entries.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return null;
  const at = (index: number): number => {
    let seen = 0;
    for (const [value, n] of entries) {
      seen += n;
      if (index < seen) return value;
    }
    return entries[entries.length - 1]![0];
  };
  return total % 2 === 1 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
}

const ratio = (n: number, d: number): number | null => (d > 0 ? n / d : null);

export function stepLabel(step: FunnelStep): string {
  return step.label ?? (step.kind === 'event' ? step.name : step.stage);
}

/** The funnel's figures from what the database counted. */
export function funnelResult(steps: readonly FunnelStep[], agg: FunnelAggregate, meta: { windowDays: number; from: string; to: string }): FunnelResult {
  const first = agg.counts[0] ?? 0;
  const rows = steps.map((step, k) => {
    const customers = agg.counts[k] ?? 0;
    const previous = k === 0 ? null : (agg.counts[k - 1] ?? 0);
    return {
      label: stepLabel(step),
      customers,
      fromPrevious: previous === null ? null : ratio(customers, previous),
      fromFirst: ratio(customers, first),
      dropOff: previous === null ? 0 : previous - customers,
      medianDaysFromPrevious: k === 0 ? null : medianOf(agg.gaps[k] ?? new Map()),
    };
  });
  return { steps: rows, overall: ratio(agg.counts[steps.length - 1] ?? 0, first), windowDays: meta.windowDays, from: meta.from, to: meta.to };
}

/** The six journey stages as funnel steps, in order. */
export function journeySteps(): FunnelStep[] {
  return journeyStages.map((stage) => ({ kind: 'stage', stage }));
}

export interface StageSnapshotRow {
  stage: JourneyStage;
  /** Live customers now at this stage. */
  customers: number;
  /** Live customers now at this stage or a later one. */
  atLeast: number;
}

/** Per stage, in order: customers at it and at it or beyond, from counts per stage. */
export function stageSnapshot(counts: ReadonlyMap<string, number>): { stages: StageSnapshotRow[]; total: number } {
  const stages = journeyStages.map((stage) => ({ stage, customers: counts.get(stage) ?? 0, atLeast: 0 }));
  let running = 0;
  for (let i = stages.length - 1; i >= 0; i--) {
    running += stages[i]!.customers;
    stages[i]!.atLeast = running;
  }
  return { stages, total: running };
}
