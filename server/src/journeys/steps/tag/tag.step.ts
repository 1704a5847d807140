import type { StepOf } from '@lodestar/shared';
import type { StepContext, StepDecision, StepHandler } from '../../step-decision';

/** Add and remove tags (the runner writes them with source "journey"), then go on. */
export const decideTag: StepHandler<StepOf<'tag'>> = (step, _ctx: StepContext): StepDecision => ({
  kind: 'go',
  to: step.next,
  edge: 'next',
  // Copies: the effect outlives the batch, and must not alias the cached journey definition.
  effects: [{ type: 'tag', group: step.group, add: [...step.add], remove: [...step.remove] }],
});
