import type { PositionView, SeenEvent, StepContext } from '../step-decision';

/**
 * A StepContext for the step handlers' specs: a customer in Shanghai who arrived at the step at
 * `now`, with no events, no branch match and bucket 0, unless the test says otherwise. Position
 * times default relative to the given `now`, so a test states only what it is about.
 */
export type ContextPartial = Partial<Omit<StepContext, 'position'>> & { position?: Partial<PositionView> };

export const FIXTURE_NOW = new Date('2026-03-02T02:00:00.000Z'); // Monday 10:00 in Shanghai

export function contextFor(partial: ContextPartial = {}): StepContext {
  const now = partial.now ?? FIXTURE_NOW;
  const position: PositionView = {
    id: 'pos-1',
    journeyId: 'journey-1',
    customerId: 'customer-1',
    instanceKey: '',
    stepId: 'step-1',
    enteredAt: new Date(now.getTime() - 3_600_000),
    stepEnteredAt: now,
    runStartedAt: now,
    wakeAt: null,
    ...partial.position,
  };
  return {
    now,
    timeZone: partial.timeZone ?? 'Asia/Shanghai',
    arrived: partial.arrived ?? true,
    branchMatch: partial.branchMatch ?? -1,
    events: partial.events ?? [],
    bucket: partial.bucket ?? 0,
    position,
  };
}

/** One event the customer had. */
export function seen(name: string, at: Date, properties: Record<string, unknown> = {}): SeenEvent {
  return { name, at, properties };
}

/** `base` moved by `ms` milliseconds (negative: earlier). */
export function plus(base: Date, ms: number): Date {
  return new Date(base.getTime() + ms);
}
