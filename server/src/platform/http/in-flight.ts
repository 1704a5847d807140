import type { Context, Next } from 'koa';

/** Counts requests in progress, so shutdown can wait for them to finish. */
export class InFlight {
  private count = 0;
  private waiters: (() => void)[] = [];

  middleware() {
    return async (_ctx: Context, next: Next): Promise<void> => {
      this.count += 1;
      try {
        await next();
      } finally {
        this.count -= 1;
        if (this.count === 0) for (const w of this.waiters.splice(0)) w();
      }
    };
  }

  get size(): number {
    return this.count;
  }

  /** Resolves true when nothing is in flight, false on timeout. */
  drained(timeoutMs: number): Promise<boolean> {
    if (this.count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}
