/** Thrown by submit() when more items wait than the writer may hold: callers answer "retry later". */
export class Overloaded extends Error {
  constructor(readonly pending: number) {
    super(`${pending} items are waiting to be written`);
    this.name = 'Overloaded';
  }
}

interface Submission<T, R> {
  items: T[];
  resolve: (results: R[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: concurrent submissions are written together by one flush, so a busy server makes
 * few large transactions instead of many small ones. Nothing waits on a timer: while one flush
 * runs, the next one gathers. A submission's promise settles when its items are written (or the
 * flush that held them failed), so a caller can acknowledge only what is durable.
 */
export class GroupCommit<T, R> {
  private readonly queue: Submission<T, R>[] = [];
  private queued = 0;
  private readonly runners = new Set<Promise<void>>();

  constructor(
    private readonly flush: (items: T[]) => Promise<R[]>,
    /** `concurrency` flushes may run at once (a database with several connections); default 1. */
    private readonly opts: { maxBatch: number; maxPending: number; concurrency?: number },
  ) {}

  /** Items accepted and not yet written. */
  pending(): number {
    return this.queued;
  }

  submit(items: T[]): Promise<R[]> {
    if (items.length === 0) return Promise.resolve([]);
    if (this.queued + items.length > this.opts.maxPending) return Promise.reject(new Overloaded(this.queued));
    const done = new Promise<R[]>((resolve, reject) => this.queue.push({ items, resolve, reject }));
    this.queued += items.length;
    this.start();
    return done;
  }

  /** Resolves once everything submitted so far is written (or failed). */
  async drain(): Promise<void> {
    while (this.runners.size) await Promise.all([...this.runners]);
  }

  /** Starts another runner while work waits and fewer than `concurrency` run. */
  private start(): void {
    if (this.runners.size >= (this.opts.concurrency ?? 1) || !this.queue.length) return;
    const runner: Promise<void> = this.run().finally(() => {
      this.runners.delete(runner);
      this.start();
    });
    this.runners.add(runner);
  }

  private async run(): Promise<void> {
    while (this.queue.length) {
      // One turn of the event loop first, so requests already read off the sockets join this batch
      // (a synchronous driver such as better-sqlite3 would otherwise write one request at a time).
      await new Promise<void>((resolve) => setImmediate(resolve));
      const taken: Submission<T, R>[] = [];
      let size = 0;
      while (this.queue.length && (size === 0 || size + this.queue[0]!.items.length <= this.opts.maxBatch)) {
        const s = this.queue.shift()!;
        taken.push(s);
        size += s.items.length;
      }
      // Let the next runner gather what arrives while this one writes.
      this.start();
      try {
        const results = await this.flush(taken.flatMap((s) => s.items));
        let offset = 0;
        for (const s of taken) {
          s.resolve(results.slice(offset, offset + s.items.length));
          offset += s.items.length;
        }
      } catch (error) {
        for (const s of taken) s.reject(error);
      } finally {
        this.queued -= size;
      }
    }
  }
}
