import type { StepOf } from '@lodestar/shared';
import type { StepContext, StepDecision, StepHandler } from '../../step-decision';

/** The customer leaves the journey, done; the reason shows in the journey's stats. */
export const decideExit: StepHandler<StepOf<'exit'>> = (step, _ctx: StepContext): StepDecision => ({
  kind: 'leave',
  status: 'done',
  reason: step.reason ?? 'exit step',
  effects: [],
});
