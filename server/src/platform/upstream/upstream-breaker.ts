import { BrokenCircuitError, CircuitState, ConsecutiveBreaker, circuitBreaker, handleWhen, type CircuitBreakerPolicy } from 'cockatiel';
import type { Clock } from '../clock';

/** How an outside service looks from this process: answering, refused for a while, or on trial. */
export type UpstreamStateName = 'closed' | 'open' | 'half_open';

export interface UpstreamSnapshot {
  upstream: string;
  state: UpstreamStateName;
  /** Failures in a row that count towards opening (reset by any success). */
  failuresInRow: number;
  /** Calls refused without trying since the circuit last opened. */
  refused: number;
  lastError: { message: string; at: Date } | null;
  lastSuccessAt: Date | null;
  /** When the circuit last opened, and when the next trial call may go out (while open). */
  openedAt: Date | null;
  retryAfter: Date | null;
}

/** What the breaker tells the rest of the product: incidents begin and end here. */
export interface UpstreamListener {
  opened(s: UpstreamSnapshot): void;
  closed(s: UpstreamSnapshot): void;
}

export interface UpstreamBreakerOptions {
  /** Consecutive failed calls (each after the client's own retries) that open the circuit. */
  failures: number;
  /** How long an open circuit refuses calls before one trial call may go out. */
  openMs: number;
}

/** Which failures count towards opening, and how one reads in the snapshot. */
export interface UpstreamFailureRule {
  isOutage: (error: unknown) => boolean;
  describe?: (error: unknown) => string;
}

/** Thrown instead of calling while the circuit is open (or while its one trial call is out). */
export class UpstreamUnavailable extends Error {
  constructor(
    readonly upstream: string,
    readonly retryAfter: Date | null,
    readonly lastError: string | null,
  ) {
    super(`calls to ${upstream} are paused after repeated failures${lastError ? ` (last: ${lastError})` : ''}${retryAfter ? `; the next try goes out after ${retryAfter.toISOString()}` : ''}`);
    this.name = 'UpstreamUnavailable';
  }
}

const stateNames: Record<CircuitState, UpstreamStateName> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half_open',
  [CircuitState.Isolated]: 'open',
};

/**
 * A circuit breaker in front of one outside service (cockatiel's consecutive breaker): after
 * `failures` failed calls in a row it refuses calls for `openMs` (failing fast, so workers and
 * requests are not held by a service that is down), then lets one trial call through; its success
 * closes the circuit, its failure opens it again. Only failures `isOutage` recognises count (a
 * timeout, an unreachable host, a 5xx): a refusal the service answered on purpose does not.
 * Times in the snapshot come from the product clock; the open interval is cockatiel's wall time.
 */
export class UpstreamBreaker {
  private readonly policy: CircuitBreakerPolicy;
  private failuresInRow = 0;
  private refused = 0;
  private lastError: UpstreamSnapshot['lastError'] = null;
  private lastSuccessAt: Date | null = null;
  private openedAt: Date | null = null;

  constructor(
    readonly upstream: string,
    private readonly o: UpstreamBreakerOptions & UpstreamFailureRule & { clock: Clock; listener?: UpstreamListener },
  ) {
    this.policy = circuitBreaker(handleWhen(o.isOutage), { halfOpenAfter: o.openMs, breaker: new ConsecutiveBreaker(o.failures) });
    this.policy.onFailure(({ handled, reason }) => {
      if (!handled || !('error' in reason)) return;
      this.failuresInRow += 1;
      this.lastError = { message: o.describe ? o.describe(reason.error) : reason.error instanceof Error ? reason.error.message : String(reason.error), at: o.clock.now() };
    });
    this.policy.onSuccess(() => {
      this.failuresInRow = 0;
      this.lastSuccessAt = o.clock.now();
    });
    this.policy.onBreak(() => {
      this.openedAt = o.clock.now();
      this.refused = 0;
      o.listener?.opened(this.snapshot());
    });
    this.policy.onReset(() => {
      const snapshot = this.snapshot();
      this.openedAt = null;
      o.listener?.closed(snapshot);
    });
  }

  /** Runs one call through the breaker; refused at once with UpstreamUnavailable while open. */
  async run<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await this.policy.execute(call);
    } catch (error) {
      if (!(error instanceof BrokenCircuitError)) throw error;
      this.refused += 1;
      const s = this.snapshot();
      throw new UpstreamUnavailable(this.upstream, s.retryAfter, s.lastError?.message ?? null);
    }
  }

  snapshot(): UpstreamSnapshot {
    const state = stateNames[this.policy.state];
    return {
      upstream: this.upstream,
      state,
      failuresInRow: this.failuresInRow,
      refused: this.refused,
      lastError: this.lastError,
      lastSuccessAt: this.lastSuccessAt,
      openedAt: this.openedAt,
      retryAfter: state === 'open' && this.openedAt ? new Date(this.openedAt.getTime() + this.o.openMs) : null,
    };
  }
}
