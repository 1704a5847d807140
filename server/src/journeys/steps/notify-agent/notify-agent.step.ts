import type { StepOf } from '@lodestar/shared';
import type { StepContext, StepDecision, StepHandler } from '../../step-decision';

/** Tell the customer's agent in the sidebar's live feed, then go on (the body's placeholders are the runner's to fill). */
export const decideNotifyAgent: StepHandler<StepOf<'notify_agent'>> = (step, _ctx: StepContext): StepDecision => ({
  kind: 'go',
  to: step.next,
  edge: 'next',
  effects: [{ type: 'notify_agent', title: step.title, body: step.body }],
});
