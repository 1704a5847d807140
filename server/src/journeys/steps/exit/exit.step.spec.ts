import type { StepOf } from '@lodestar/shared';
import { contextFor } from '../step-context.fixture';
import { decideExit } from './exit.step';

describe('decideExit', () => {
  it('leaves done with the step’s reason', () => {
    const step: StepOf<'exit'> = { id: 'x', type: 'exit', reason: 'bought a policy' };
    expect(decideExit(step, contextFor())).toEqual({ kind: 'leave', status: 'done', reason: 'bought a policy', effects: [] });
  });

  it('says "exit step" when the step gives no reason', () => {
    expect(decideExit({ id: 'x', type: 'exit' }, contextFor())).toEqual({ kind: 'leave', status: 'done', reason: 'exit step', effects: [] });
  });
});
