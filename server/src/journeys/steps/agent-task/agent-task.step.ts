import type { StepOf } from '@lodestar/shared';
import type { StepContext, StepDecision, StepHandler } from '../../step-decision';

/** Put a task on the agent's list, due `dueInMs` after now (at once when unset), then go on. */
export const decideAgentTask: StepHandler<StepOf<'agent_task'>> = (step, ctx: StepContext): StepDecision => ({
  kind: 'go',
  to: step.next,
  edge: 'next',
  effects: [{ type: 'agent_task', kind: step.kind, title: step.title, note: step.note, dueAt: new Date(ctx.now.getTime() + (step.dueInMs ?? 0)) }],
});
