import { detachedFromTransactions } from '../db/sqlite-transactions';
import type { Logger } from '../platform/logger';

/** One step that brings derived customer state up to date for some customers of a corp. */
export type RefreshStep = (corpId: string, customerIds: string[]) => Promise<void>;

/**
 * Keeps derived state (behaviour tags, journey stage, segment membership) current after ingest
 * without slowing ingest down: customer ids gather per corp while a pass runs, and each pass
 * handles everything gathered so far, in chunks. `drain()` waits for quiet (tests, shutdown).
 */
export class CustomerRefreshQueue {
  private readonly waiting = new Map<string, Set<string>>();
  private running: Promise<void> | null = null;

  constructor(
    private readonly steps: RefreshStep[],
    private readonly logger: Logger,
    private readonly chunkSize = 500,
    /** Pause between passes while work keeps coming: a busy customer is evaluated once per pause, not per write. */
    private readonly pauseMs = 250,
  ) {}

  enqueue(corpId: string, customerIds: readonly string[]): void {
    if (!customerIds.length) return;
    const set = this.waiting.get(corpId) ?? new Set<string>();
    for (const id of customerIds) set.add(id);
    this.waiting.set(corpId, set);
    this.start();
  }

  /** Customers waiting for a pass. */
  size(): number {
    let n = 0;
    for (const s of this.waiting.values()) n += s.size;
    return n;
  }

  async drain(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Starts a run unless one is going; the run clears itself only if it is still the current one. */
  private start(): void {
    if (this.running) return;
    // A write inside a transaction may be what enqueued: the run is background work of its own.
    const run: Promise<void> = detachedFromTransactions(() => this.run()).finally(() => {
      if (this.running === run) this.running = null;
    });
    this.running = run;
  }

  private async run(): Promise<void> {
    let first = true;
    while (this.waiting.size) {
      if (!first && this.pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, this.pauseMs));
      first = false;
      const [corpId, set] = this.waiting.entries().next().value as [string, Set<string>];
      this.waiting.delete(corpId);
      const ids = [...set];
      for (let i = 0; i < ids.length; i += this.chunkSize) {
        const part = ids.slice(i, i + this.chunkSize);
        for (const step of this.steps) {
          try {
            await step(corpId, part);
          } catch (error) {
            this.logger.error({ err: error, corpId, customers: part.length }, 'customer refresh step failed');
          }
        }
      }
    }
  }
}
