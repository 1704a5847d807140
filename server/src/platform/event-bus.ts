/**
 * A typed in-process event bus. Upstream domains publish facts; app/events.ts is the one place
 * that subscribes. Handlers run one after another; one failing handler is reported and does not
 * stop the others or the publisher.
 */
export type Handler<P> = (payload: P) => void | Promise<void>;

export class EventBus<M extends { [K in keyof M]: unknown }> {
  private readonly handlers = new Map<keyof M, Handler<never>[]>();

  constructor(private readonly onError: (event: string, error: unknown) => void) {}

  on<K extends keyof M>(event: K, handler: Handler<M[K]>): () => void {
    const list = this.handlers.get(event) ?? [];
    list.push(handler as Handler<never>);
    this.handlers.set(event, list);
    return () => {
      const current = this.handlers.get(event) ?? [];
      this.handlers.set(
        event,
        current.filter((h) => h !== (handler as Handler<never>)),
      );
    };
  }

  async publish<K extends keyof M>(event: K, payload: M[K]): Promise<void> {
    for (const handler of this.handlers.get(event) ?? []) {
      try {
        await (handler as Handler<M[K]>)(payload);
      } catch (error) {
        this.onError(String(event), error);
      }
    }
  }

  /**
   * Like publish, but every handler's failure is collected and thrown afterwards (as the one
   * error, or an AggregateError), so a durable caller such as an inbox can retry the event.
   */
  async publishOrThrow<K extends keyof M>(event: K, payload: M[K]): Promise<void> {
    const errors: unknown[] = [];
    for (const handler of this.handlers.get(event) ?? []) {
      try {
        await (handler as Handler<M[K]>)(payload);
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `${errors.length} handlers of ${String(event)} failed`);
  }

  listenerCount(event: keyof M): number {
    return this.handlers.get(event)?.length ?? 0;
  }
}
