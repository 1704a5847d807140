import { stepEdges, type StepOf } from '@lodestar/shared';
import type { StepContext, StepDecision, StepHandler } from '../../step-decision';

/** Throws unless the bucket is the 0–9999 number `stableBucket` gives. */
export function assertBucket(bucket: number, stepId: string): void {
  if (!Number.isInteger(bucket) || bucket < 0 || bucket > 9999) throw new RangeError(`step ${stepId}: bucket ${bucket} is outside 0..9999`);
}

/**
 * Send the customer down one path by their stable bucket: path i takes buckets below the running
 * total of the percentages × 100, so 30/70 gives buckets 0–2999 and 3000–9999. The same customer
 * in the same journey always lands on the same path. Edge labels come from `stepEdges`.
 */
export const decideSplit: StepHandler<StepOf<'split'>> = (step, ctx: StepContext): StepDecision => {
  assertBucket(ctx.bucket, step.id);
  const edges = stepEdges(step);
  let cumulative = 0;
  for (let i = 0; i < step.paths.length; i += 1) {
    cumulative += step.paths[i]!.percent;
    const edge = edges[i];
    if (edge && ctx.bucket < cumulative * 100) return { kind: 'go', to: edge.to, edge: edge.label, effects: [] };
  }
  // Only a definition whose shares add up to less than 100 gets here (the schema forbids it):
  // the remainder goes down the last path rather than stranding the customer.
  const last = edges[edges.length - 1];
  if (!last) throw new Error(`split step ${step.id} has no paths`);
  return { kind: 'go', to: last.to, edge: last.label, effects: [] };
};
