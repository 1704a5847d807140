import { metricInfo, type MetricKey, type MetricValue, type Ratio } from '@lodestar/shared';
import type { Tally } from './metric-sql';

/** A rate with what it came from; null when there was nothing to measure. */
export function ratioOf(t: Tally): Ratio {
  return { numerator: t.numerator, denominator: t.denominator, value: t.denominator === 0 ? null : t.numerator / t.denominator };
}

/** A rate metric's value: the ratio's value, and the ratio itself. */
export function rateValue(key: MetricKey, t: Tally): MetricValue {
  const ratio = ratioOf(t);
  return { key, ...metricInfo[key], value: ratio.value, ratio };
}

/** A plain count (no rate behind it). */
export function countValue(key: MetricKey, n: number): MetricValue {
  return { key, ...metricInfo[key], value: n, ratio: null };
}

/** A value computed some other way (an average, an uplift), with the ratio it came from if any. */
export function plainValue(key: MetricKey, value: number | null, ratio: Ratio | null): MetricValue {
  return { key, ...metricInfo[key], value, ratio };
}
