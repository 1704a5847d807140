import type { JourneyRunner } from '../journeys';
import type { Logger } from '../platform/logger';

/**
 * Each worker process runs the journey engine in its own loop (not as a scheduled tick, which only
 * one process would get): claim a batch, run it, and again at once while work is due; otherwise
 * look again after `idleMs`. Several processes share the due rows through the claim's lease.
 */
export class JourneyLoop {
  private running = false;
  private current: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly runner: JourneyRunner,
    private readonly logger: Logger,
    private readonly idleMs = 250,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** Lets the batch in hand finish (its rows are written back), then stops. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.current;
  }

  private schedule(ms: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.current = this.runner.drain(50).then(
        (r) => this.schedule(r.claimed > 0 ? 0 : this.idleMs),
        (error: unknown) => {
          this.logger.error({ err: error }, 'journey batch failed; its rows run again when their lease ends');
          this.schedule(this.idleMs * 4);
        },
      );
    }, ms);
  }
}
