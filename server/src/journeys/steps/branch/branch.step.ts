import { stepEdges, type StepOf } from '@lodestar/shared';
import type { StepContext, StepDecision, StepHandler } from '../../step-decision';

/**
 * Take the first branch whose rule holds, else `otherwise`. The runner evaluates the rules (one
 * SQL query per branch for the whole batch) and passes the index in `branchMatch`. Edge labels come
 * from `stepEdges`, so the stats, the editor and the engine can never disagree on a name.
 */
export const decideBranch: StepHandler<StepOf<'branch'>> = (step, ctx: StepContext): StepDecision => {
  const match = ctx.branchMatch;
  // An index past the branches means the runner evaluated another version's rules: fail loudly
  // rather than quietly send everyone down `otherwise`.
  if (!Number.isInteger(match) || match < -1 || match >= step.branches.length) {
    throw new RangeError(`branch step ${step.id}: branchMatch ${match} is outside -1..${step.branches.length - 1}`);
  }
  const edges = stepEdges(step);
  // stepEdges lists the branches in order, then `otherwise` last.
  const edge = match === -1 ? edges[edges.length - 1] : edges[match];
  if (!edge) throw new Error(`branch step ${step.id}: no edge for branchMatch ${match}`);
  return { kind: 'go', to: edge.to, edge: edge.label, effects: [] };
};
