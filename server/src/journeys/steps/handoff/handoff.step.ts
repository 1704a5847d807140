import type { StepOf } from '@lodestar/shared';
import type { StepContext, StepDecision, StepHandler } from '../../step-decision';

/** Hand the customer to an agent through the assignment rules (the runner calls leads), then go on. */
export const decideHandoff: StepHandler<StepOf<'handoff'>> = (step, _ctx: StepContext): StepDecision => ({
  kind: 'go',
  to: step.next,
  edge: 'next',
  effects: [{ type: 'handoff', productLine: step.productLine, reason: step.reason }],
});
