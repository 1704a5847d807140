import { journeyStepSchema, stepEdges, type StepOf } from '@lodestar/shared';
import type { StepDecision } from '../../step-decision';
import { contextFor } from '../step-context.fixture';
import { decideSplit } from './split.step';

const step = journeyStepSchema.parse({
  id: 'sp',
  type: 'split',
  paths: [
    { name: 'control', percent: 30, next: 'a' },
    { percent: 50, next: 'b' },
    { percent: 20, next: 'c' },
  ],
}) as StepOf<'split'>;

const at = (bucket: number): StepDecision => decideSplit(step, contextFor({ bucket }));

describe('decideSplit', () => {
  it('maps buckets onto cumulative percentage ranges', () => {
    expect(at(0)).toEqual({ kind: 'go', to: 'a', edge: 'control', effects: [] });
    expect(at(2999)).toMatchObject({ to: 'a' });
    expect(at(3000)).toMatchObject({ to: 'b' });
    expect(at(7999)).toMatchObject({ to: 'b' });
    expect(at(8000)).toMatchObject({ to: 'c' });
    expect(at(9999)).toMatchObject({ to: 'c' });
  });

  it('labels edges as stepEdges does', () => {
    const labels = [0, 3000, 8000].map((b) => {
      const d = at(b);
      return d.kind === 'go' ? d.edge : '';
    });
    expect(labels).toEqual(stepEdges(step).map((e) => e.label));
    expect(labels).toEqual(['control', '50% (2)', '20% (3)']);
  });

  it('gives each path its share of all buckets', () => {
    const counts: Record<string, number> = {};
    for (let b = 0; b < 10_000; b += 1) {
      const d = at(b);
      if (d.kind === 'go') counts[d.to] = (counts[d.to] ?? 0) + 1;
    }
    expect(counts).toEqual({ a: 3000, b: 5000, c: 2000 });
  });

  it('refuses a bucket outside 0–9999', () => {
    expect(() => at(10_000)).toThrow(RangeError);
    expect(() => at(-1)).toThrow(RangeError);
    expect(() => at(1.5)).toThrow(RangeError);
  });
});
