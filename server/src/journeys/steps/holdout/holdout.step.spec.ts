import type { StepOf } from '@lodestar/shared';
import { contextFor } from '../step-context.fixture';
import { decideHoldout } from './holdout.step';

const step: StepOf<'holdout'> = { id: 'h', type: 'holdout', percent: 10, next: 'treat' };

describe('decideHoldout', () => {
  it('holds out buckets below percent × 100', () => {
    const held = { kind: 'leave', status: 'holdout', reason: 'holdout', effects: [] };
    expect(decideHoldout(step, contextFor({ bucket: 0 }))).toEqual(held);
    expect(decideHoldout(step, contextFor({ bucket: 999 }))).toEqual(held);
  });

  it('sends the rest on', () => {
    const go = { kind: 'go', to: 'treat', edge: 'next', effects: [] };
    expect(decideHoldout(step, contextFor({ bucket: 1000 }))).toEqual(go);
    expect(decideHoldout(step, contextFor({ bucket: 9999 }))).toEqual(go);
  });

  it('refuses a bucket outside 0–9999', () => {
    expect(() => decideHoldout(step, contextFor({ bucket: 10_000 }))).toThrow(RangeError);
  });
});
