import type { StepOf } from '@lodestar/shared';
import type { StepContext, StepDecision, StepHandler } from '../../step-decision';

/** Move the customer to a stage of the six-stage journey, then go on. */
export const decideSetStage: StepHandler<StepOf<'set_stage'>> = (step, _ctx: StepContext): StepDecision => ({
  kind: 'go',
  to: step.next,
  edge: 'next',
  effects: [{ type: 'set_stage', stage: step.stage }],
});
