import type { JourneyEventWhere, StepOf } from '@lodestar/shared';
import type { PositionView, SeenEvent, StepContext, StepDecision, StepHandler } from '../../step-decision';
import { savedDeadline } from '../wait/wait.step';

/**
 * Where a wait_event step starts counting events: the start of the customer's current run of
 * steps, less the step's look-back. Counting from the run's start (not from arrival) means an
 * event that came between a send and this wait is not missed; the runner loads the customer's
 * events from here.
 */
export function eventWindowStart(step: StepOf<'wait_event'>, position: PositionView): Date {
  return new Date(position.runStartedAt.getTime() - (step.lookbackMs ?? 0));
}

/**
 * Whether an event is the one a step waits for: same name, and every property in `where` present
 * and strictly equal (5 and "5" differ: the console stores values with the type the tracking
 * payload has). A missing property fails the filter.
 */
export function eventMatches(event: SeenEvent, name: string, where: JourneyEventWhere | undefined): boolean {
  if (event.name !== name) return false;
  if (!where) return true;
  for (const [key, value] of Object.entries(where)) {
    if (!Object.hasOwn(event.properties, key) || event.properties[key] !== value) return false;
  }
  return true;
}

function hasMatch(step: StepOf<'wait_event'>, events: readonly SeenEvent[], from: Date, to: Date): boolean {
  const a = from.getTime();
  const b = to.getTime();
  return events.some((e) => e.at.getTime() >= a && e.at.getTime() <= b && eventMatches(e, step.event, step.where));
}

/**
 * Wait for an event, or take the timeout edge. An event already in the window satisfies the step
 * on arrival. Once the customer is waiting, only events up to the saved deadline count: a worker
 * that runs late must not turn a timed-out customer into an "event" one because the event came
 * after the timeout but before the worker got round to them.
 */
export const decideWaitEvent: StepHandler<StepOf<'wait_event'>> = (step, ctx: StepContext): StepDecision => {
  const windowStart = eventWindowStart(step, ctx.position);
  if (ctx.arrived) {
    if (hasMatch(step, ctx.events, windowStart, ctx.now)) return { kind: 'go', to: step.next, edge: 'event', effects: [] };
    return { kind: 'wait', until: new Date(ctx.now.getTime() + step.timeoutMs), event: step.event };
  }
  const deadline = savedDeadline(ctx.position, () => new Date(ctx.position.stepEnteredAt.getTime() + step.timeoutMs));
  const upTo = ctx.now.getTime() < deadline.getTime() ? ctx.now : deadline;
  if (hasMatch(step, ctx.events, windowStart, upTo)) return { kind: 'go', to: step.next, edge: 'event', effects: [] };
  if (ctx.now.getTime() >= deadline.getTime()) return { kind: 'go', to: step.timeoutNext, edge: 'timeout', effects: [] };
  return { kind: 'wait', until: deadline, event: step.event };
};
