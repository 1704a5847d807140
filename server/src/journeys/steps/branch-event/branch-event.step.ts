import type { StepOf } from '@lodestar/shared';
import type { StepContext, StepDecision, StepHandler } from '../../step-decision';
import { eventMatches } from '../wait-event/wait-event.step';

/**
 * "Did the customer do X at least `minCount` times in the last `withinMs`?" Counts the events the
 * runner loaded that match the name and `where`, inside [now − withinMs, now].
 */
export const decideBranchEvent: StepHandler<StepOf<'branch_event'>> = (step, ctx: StepContext): StepDecision => {
  const now = ctx.now.getTime();
  const from = now - step.withinMs;
  let count = 0;
  for (const e of ctx.events) {
    const at = e.at.getTime();
    if (at >= from && at <= now && eventMatches(e, step.event, step.where)) count += 1;
  }
  return count >= step.minCount ? { kind: 'go', to: step.yes, edge: 'yes', effects: [] } : { kind: 'go', to: step.no, edge: 'no', effects: [] };
};
