import type { StepOf } from '@lodestar/shared';
import type { StepContext, StepDecision, StepHandler } from '../../step-decision';

/**
 * Send a message and go on. The message passes through as written: the runner fills the
 * {{placeholders}} and the policy layer may hold, skip or drop the send; neither is decided here.
 */
export const decideSend: StepHandler<StepOf<'send'>> = (step, _ctx: StepContext): StepDecision => ({
  kind: 'go',
  to: step.next,
  edge: 'next',
  effects: [{ type: 'send', message: step.message }],
});
