import { DAY_MS, HOUR_MS, MINUTE_MS, type StepOf } from '@lodestar/shared';
import { contextFor, FIXTURE_NOW, plus, seen } from '../step-context.fixture';
import { decideWaitEvent, eventMatches, eventWindowStart } from './wait-event.step';

const step: StepOf<'wait_event'> = {
  id: 'we',
  type: 'wait_event',
  event: 'form_submitted',
  where: { form: 'quote', step: 2 },
  timeoutMs: DAY_MS,
  next: 'thanks',
  timeoutNext: 'reminder',
};

// The run began with a send an hour before the customer reached this wait.
const runStartedAt = plus(FIXTURE_NOW, -HOUR_MS);
const arriving = (events: ReturnType<typeof seen>[], s = step) => decideWaitEvent(s, contextFor({ events, position: { runStartedAt, stepEnteredAt: FIXTURE_NOW } }));
const matching = { form: 'quote', step: 2 };
const waitForEvent = { kind: 'wait', until: plus(FIXTURE_NOW, DAY_MS), event: 'form_submitted' };

describe('eventWindowStart', () => {
  it('is the run’s start, less the look-back', () => {
    const position = contextFor({ position: { runStartedAt } }).position;
    expect(eventWindowStart(step, position)).toEqual(runStartedAt);
    expect(eventWindowStart({ ...step, lookbackMs: 2 * HOUR_MS }, position)).toEqual(plus(runStartedAt, -2 * HOUR_MS));
  });
});

describe('eventMatches', () => {
  it('needs the name and every where-property, strictly equal', () => {
    expect(eventMatches(seen('form_submitted', FIXTURE_NOW, { form: 'quote', step: 2, extra: true }), 'form_submitted', step.where)).toBe(true);
    expect(eventMatches(seen('form_viewed', FIXTURE_NOW, matching), 'form_submitted', step.where)).toBe(false);
    expect(eventMatches(seen('form_submitted', FIXTURE_NOW, { form: 'quote', step: '2' }), 'form_submitted', step.where)).toBe(false);
    expect(eventMatches(seen('form_submitted', FIXTURE_NOW, { form: 'quote' }), 'form_submitted', step.where)).toBe(false);
    expect(eventMatches(seen('form_submitted', FIXTURE_NOW, {}), 'form_submitted', undefined)).toBe(true);
    expect(eventMatches(seen('x', FIXTURE_NOW, { flag: false }), 'x', { flag: false })).toBe(true);
  });
});

describe('decideWaitEvent on arrival', () => {
  it('is satisfied by an event between the run’s start and arrival', () => {
    expect(arriving([seen('form_submitted', plus(runStartedAt, MINUTE_MS), matching)])).toEqual({ kind: 'go', to: 'thanks', edge: 'event', effects: [] });
  });

  it('ignores an event before the window start', () => {
    expect(arriving([seen('form_submitted', plus(runStartedAt, -1), matching)])).toEqual(waitForEvent);
  });

  it('counts an event before the run’s start when the look-back reaches it', () => {
    const s = { ...step, lookbackMs: HOUR_MS };
    expect(arriving([seen('form_submitted', plus(runStartedAt, -30 * MINUTE_MS), matching)], s)).toMatchObject({ kind: 'go', edge: 'event' });
    expect(arriving([seen('form_submitted', plus(runStartedAt, -2 * HOUR_MS), matching)], s)).toEqual(waitForEvent);
  });

  it('ignores an event whose properties do not match `where`', () => {
    expect(arriving([seen('form_submitted', FIXTURE_NOW, { form: 'claim', step: 2 }), seen('form_submitted', FIXTURE_NOW, { form: 'quote' })])).toEqual(waitForEvent);
  });

  it('ignores an event stamped after now', () => {
    expect(arriving([seen('form_submitted', plus(FIXTURE_NOW, 1), matching)])).toEqual(waitForEvent);
  });

  it('otherwise waits for the timeout, woken early by the event name', () => {
    expect(arriving([])).toEqual(waitForEvent);
  });
});

describe('decideWaitEvent when woken', () => {
  const wakeAt = plus(FIXTURE_NOW, DAY_MS);
  const woken = (now: Date, events: ReturnType<typeof seen>[], saved: Date | null = wakeAt) =>
    decideWaitEvent(step, contextFor({ now, arrived: false, events, position: { runStartedAt, stepEnteredAt: FIXTURE_NOW, wakeAt: saved } }));

  it('takes the event edge when the event came during the wait', () => {
    const now = plus(FIXTURE_NOW, 3 * HOUR_MS);
    expect(woken(now, [seen('form_submitted', plus(FIXTURE_NOW, 2 * HOUR_MS), matching)])).toEqual({ kind: 'go', to: 'thanks', edge: 'event', effects: [] });
  });

  it('takes the timeout edge once wakeAt has come with no matching event', () => {
    const decision = woken(wakeAt, [seen('form_submitted', plus(FIXTURE_NOW, HOUR_MS), { form: 'claim', step: 2 })]);
    expect(decision).toEqual({ kind: 'go', to: 'reminder', edge: 'timeout', effects: [] });
  });

  it('keeps waiting until the original wakeAt on a spurious early wake', () => {
    const decision = woken(plus(FIXTURE_NOW, 5 * HOUR_MS), [seen('form_submitted', plus(FIXTURE_NOW, HOUR_MS), { form: 'claim' })]);
    expect(decision).toEqual({ kind: 'wait', until: wakeAt, event: 'form_submitted' });
  });

  it('counts an event at the deadline, but not one after it when the worker runs late', () => {
    const late = plus(wakeAt, HOUR_MS);
    expect(woken(late, [seen('form_submitted', wakeAt, matching)])).toMatchObject({ edge: 'event' });
    expect(woken(late, [seen('form_submitted', plus(wakeAt, 1), matching)])).toMatchObject({ edge: 'timeout', to: 'reminder' });
  });

  it('without a saved wakeAt, times out at arrival + timeout', () => {
    expect(woken(plus(FIXTURE_NOW, HOUR_MS), [], null)).toEqual({ kind: 'wait', until: wakeAt, event: 'form_submitted' });
    expect(woken(wakeAt, [], null)).toMatchObject({ edge: 'timeout' });
  });
});
