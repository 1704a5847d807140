import type { StepOf } from '@lodestar/shared';
import { nextLocalTime } from '../../local-time.plan';
import type { StepContext, StepDecision, StepHandler } from '../../step-decision';
import { savedDeadline } from '../wait/wait.step';

/**
 * Wait until the next matching local time in the customer's zone (a time already reached today
 * means tomorrow's). Woken early, the customer keeps the deadline chosen on arrival: recomputing
 * it would move a Friday-19:00 wait to the next Friday if the wake came at 19:00:30.
 */
export const decideWaitUntil: StepHandler<StepOf<'wait_until'>> = (step, ctx: StepContext): StepDecision => {
  if (ctx.arrived) return { kind: 'wait', until: nextLocalTime(ctx.now, ctx.timeZone, step.time, step.weekdays), event: null };
  const deadline = savedDeadline(ctx.position, () => nextLocalTime(ctx.position.stepEnteredAt, ctx.timeZone, step.time, step.weekdays));
  if (ctx.now.getTime() >= deadline.getTime()) return { kind: 'go', to: step.next, edge: 'next', effects: [] };
  return { kind: 'wait', until: deadline, event: null };
};
