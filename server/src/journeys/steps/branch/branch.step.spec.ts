import { journeyStepSchema, stepEdges, type StepOf } from '@lodestar/shared';
import { contextFor } from '../step-context.fixture';
import { decideBranch } from './branch.step';

const step = journeyStepSchema.parse({
  id: 'b',
  type: 'branch',
  branches: [
    { name: 'hot leads', when: { type: 'grade', grades: ['A'] }, next: 'call' },
    { when: { type: 'tag', tag: 'vip' }, next: 'vip' },
  ],
  otherwise: 'nurture',
}) as StepOf<'branch'>;

describe('decideBranch', () => {
  it('takes the matched branch, labelled by its name', () => {
    expect(decideBranch(step, contextFor({ branchMatch: 0 }))).toEqual({ kind: 'go', to: 'call', edge: 'hot leads', effects: [] });
  });

  it('labels an unnamed branch "branch N" (1-based)', () => {
    expect(decideBranch(step, contextFor({ branchMatch: 1 }))).toEqual({ kind: 'go', to: 'vip', edge: 'branch 2', effects: [] });
  });

  it('goes `otherwise` when no branch held', () => {
    expect(decideBranch(step, contextFor({ branchMatch: -1 }))).toEqual({ kind: 'go', to: 'nurture', edge: 'otherwise', effects: [] });
  });

  it('uses exactly the edges stepEdges lists', () => {
    const taken = [-1, 0, 1].map((m) => {
      const d = decideBranch(step, contextFor({ branchMatch: m }));
      return d.kind === 'go' ? { label: d.edge, to: d.to } : null;
    });
    expect(new Set(taken.map((t) => JSON.stringify(t)))).toEqual(new Set(stepEdges(step).map((e) => JSON.stringify({ label: e.label, to: e.to }))));
  });

  it('refuses a match index outside the branches', () => {
    expect(() => decideBranch(step, contextFor({ branchMatch: 2 }))).toThrow(RangeError);
    expect(() => decideBranch(step, contextFor({ branchMatch: -2 }))).toThrow(RangeError);
  });
});
