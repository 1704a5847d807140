import { HOUR_MS, type StepOf } from '@lodestar/shared';
import { contextFor, FIXTURE_NOW, plus } from '../step-context.fixture';
import { decideWait } from './wait.step';

const step: StepOf<'wait'> = { id: 'w', type: 'wait', durationMs: 2 * HOUR_MS, next: 'after' };

describe('decideWait', () => {
  it('waits the duration from arrival, for no event', () => {
    expect(decideWait(step, contextFor())).toEqual({ kind: 'wait', until: plus(FIXTURE_NOW, 2 * HOUR_MS), event: null });
  });

  it('goes on when woken at or after the saved wakeAt', () => {
    const wakeAt = plus(FIXTURE_NOW, 2 * HOUR_MS);
    const go = { kind: 'go', to: 'after', edge: 'next', effects: [] };
    expect(decideWait(step, contextFor({ now: wakeAt, arrived: false, position: { stepEnteredAt: FIXTURE_NOW, wakeAt } }))).toEqual(go);
    expect(decideWait(step, contextFor({ now: plus(wakeAt, 5000), arrived: false, position: { stepEnteredAt: FIXTURE_NOW, wakeAt } }))).toEqual(go);
  });

  it('keeps the original deadline on a spurious early wake', () => {
    const wakeAt = plus(FIXTURE_NOW, 2 * HOUR_MS);
    const early = contextFor({ now: plus(FIXTURE_NOW, HOUR_MS), arrived: false, position: { stepEnteredAt: FIXTURE_NOW, wakeAt } });
    // Not now + 2 h: the wait must not be stretched, nor shortened.
    expect(decideWait(step, early)).toEqual({ kind: 'wait', until: wakeAt, event: null });
  });

  it('falls back to arrival + duration when woken with no saved wakeAt', () => {
    const ctx = contextFor({ now: plus(FIXTURE_NOW, HOUR_MS), arrived: false, position: { stepEnteredAt: FIXTURE_NOW, wakeAt: null } });
    expect(decideWait(step, ctx)).toEqual({ kind: 'wait', until: plus(FIXTURE_NOW, 2 * HOUR_MS), event: null });
    const late = contextFor({ now: plus(FIXTURE_NOW, 3 * HOUR_MS), arrived: false, position: { stepEnteredAt: FIXTURE_NOW, wakeAt: null } });
    expect(decideWait(step, late)).toMatchObject({ kind: 'go', to: 'after' });
  });
});
