import type { MetricKey, MetricValue } from '@lodestar/shared';
import type { AnalyticsScope } from './scope';

/** Computes the seed's metrics over a half-open period [from, to) for a scope. */
export interface MetricSource {
  compute(scope: AnalyticsScope, keys: readonly MetricKey[], from: Date, to: Date): Promise<MetricValue[]>;
}
