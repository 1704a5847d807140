import type { EventBus } from '../platform/event-bus';
import type { Logger } from '../platform/logger';

/** Every fact one part of the product announces to the others. */
export interface DomainEvents {
  'clock.moved': { from: Date; to: Date };
  'auth.signed_in': { staffId: string; at: Date };
}

/** The one place that says who reacts to which event. */
export function wireEvents(bus: EventBus<DomainEvents>, deps: { logger: Logger; onClockMoved: () => Promise<void> }): void {
  bus.on('clock.moved', async ({ from, to }) => {
    deps.logger.info({ from, to }, 'sandbox clock moved');
    await deps.onClockMoved();
  });
}
