import type { StepOf } from '@lodestar/shared';
import type { PositionView, StepContext, StepDecision, StepHandler } from '../../step-decision';

/**
 * The deadline a woken wait keeps: the `wakeAt` saved when the wait began. A position can be
 * woken early (an event wake, a resume, a retry), and that must never shorten the wait, so the
 * deadline is never recomputed from `now`. `fallback` is used only when no `wakeAt` was saved
 * (a position woken after its timer was cleared); it is what the deadline was on arrival.
 */
export function savedDeadline(position: PositionView, fallback: () => Date): Date {
  return position.wakeAt ?? fallback();
}

/** Wait `durationMs`, then go on. */
export const decideWait: StepHandler<StepOf<'wait'>> = (step, ctx: StepContext): StepDecision => {
  if (ctx.arrived) return { kind: 'wait', until: new Date(ctx.now.getTime() + step.durationMs), event: null };
  const deadline = savedDeadline(ctx.position, () => new Date(ctx.position.stepEnteredAt.getTime() + step.durationMs));
  if (ctx.now.getTime() >= deadline.getTime()) return { kind: 'go', to: step.next, edge: 'next', effects: [] };
  return { kind: 'wait', until: deadline, event: null };
};
