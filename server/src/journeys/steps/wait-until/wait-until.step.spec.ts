import type { StepOf } from '@lodestar/shared';
import { contextFor } from '../step-context.fixture';
import { decideWaitUntil } from './wait-until.step';

const friday7pm: StepOf<'wait_until'> = { id: 'wu', type: 'wait_until', time: '19:00', weekdays: [5], next: 'after' };
const daily9am: StepOf<'wait_until'> = { id: 'wu', type: 'wait_until', time: '09:00', next: 'after' };

describe('decideWaitUntil', () => {
  it('on arrival waits for the next matching local time in the customer’s zone', () => {
    // Monday 2 March 2026, 10:00 in Shanghai → Friday 6 March 19:00 Shanghai.
    const ctx = contextFor({ now: new Date('2026-03-02T02:00:00Z'), timeZone: 'Asia/Shanghai' });
    expect(decideWaitUntil(friday7pm, ctx)).toEqual({ kind: 'wait', until: new Date('2026-03-06T11:00:00Z'), event: null });
  });

  it('uses the zone it is given: the same instant waits for a different moment in New York', () => {
    // 2026-03-02T02:00Z is Sunday 21:00 in New York (EST): next 09:00 is Monday 14:00Z.
    const ctx = contextFor({ now: new Date('2026-03-02T02:00:00Z'), timeZone: 'America/New_York' });
    expect(decideWaitUntil(daily9am, ctx)).toEqual({ kind: 'wait', until: new Date('2026-03-02T14:00:00Z'), event: null });
  });

  it('a time already reached today means tomorrow’s', () => {
    const ctx = contextFor({ now: new Date('2026-03-02T02:00:00Z'), timeZone: 'Asia/Shanghai' });
    expect(decideWaitUntil(daily9am, ctx)).toEqual({ kind: 'wait', until: new Date('2026-03-03T01:00:00Z'), event: null });
  });

  it('goes on once the saved wakeAt has come', () => {
    const wakeAt = new Date('2026-03-06T11:00:00Z');
    const ctx = contextFor({ now: new Date('2026-03-06T11:00:30Z'), arrived: false, position: { stepEnteredAt: new Date('2026-03-02T02:00:00Z'), wakeAt } });
    expect(decideWaitUntil(friday7pm, ctx)).toEqual({ kind: 'go', to: 'after', edge: 'next', effects: [] });
  });

  it('keeps the saved wakeAt on an early wake instead of recomputing it', () => {
    const wakeAt = new Date('2026-03-06T11:00:00Z');
    const ctx = contextFor({ now: new Date('2026-03-04T00:00:00Z'), arrived: false, position: { stepEnteredAt: new Date('2026-03-02T02:00:00Z'), wakeAt } });
    expect(decideWaitUntil(friday7pm, ctx)).toEqual({ kind: 'wait', until: wakeAt, event: null });
  });

  it('without a saved wakeAt, computes the deadline from arrival, not from the wake', () => {
    // Arrived Monday; woken Saturday with no timer saved: Friday 19:00 has passed, so go on.
    const ctx = contextFor({ now: new Date('2026-03-07T00:00:00Z'), arrived: false, position: { stepEnteredAt: new Date('2026-03-02T02:00:00Z'), wakeAt: null } });
    expect(decideWaitUntil(friday7pm, ctx)).toMatchObject({ kind: 'go', to: 'after' });
  });
});
