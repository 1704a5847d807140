import type { StepOf } from '@lodestar/shared';
import type { StepContext, StepDecision, StepHandler } from '../../step-decision';
import { assertBucket } from '../split/split.step';

/**
 * Hold a stable `percent` of customers out: they leave with status `holdout` (their goal
 * conversions still count, which is what measures the journey's uplift); the rest go on.
 */
export const decideHoldout: StepHandler<StepOf<'holdout'>> = (step, ctx: StepContext): StepDecision => {
  assertBucket(ctx.bucket, step.id);
  if (ctx.bucket < step.percent * 100) return { kind: 'leave', status: 'holdout', reason: 'holdout', effects: [] };
  return { kind: 'go', to: step.next, edge: 'next', effects: [] };
};
