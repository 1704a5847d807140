import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { UpstreamBreaker, type UpstreamBreakerOptions, type UpstreamFailureRule, type UpstreamListener, type UpstreamSnapshot } from './upstream-breaker';
import type { UpstreamIncident, UpstreamIncidentStore } from './upstream-incident.port';

export interface UpstreamHealthDeps {
  clock: Clock;
  logger: Logger;
  store: UpstreamIncidentStore;
  /** This process's name in incidents. */
  owner: string;
  ids: { next(): string };
}

/**
 * The breakers of this process and the incidents they open and close. An incident is written when
 * a circuit opens and closed when it closes again (a failed trial call that reopens the circuit
 * keeps the same incident). Writing is best effort: the database may be what is failing, and a
 * breaker must never wait for it.
 */
export class UpstreamHealth {
  private readonly breakers = new Map<string, UpstreamBreaker>();
  private readonly openIncidents = new Map<string, UpstreamIncident>();

  constructor(private readonly d: UpstreamHealthDeps) {}

  /** The one breaker of an upstream in this process (made on first use). */
  breaker(upstream: string, options: UpstreamBreakerOptions & UpstreamFailureRule): UpstreamBreaker {
    let b = this.breakers.get(upstream);
    if (!b) {
      b = new UpstreamBreaker(upstream, { ...options, clock: this.d.clock, listener: this.listener() });
      this.breakers.set(upstream, b);
    }
    return b;
  }

  snapshots(): UpstreamSnapshot[] {
    return [...this.breakers.values()].map((b) => b.snapshot());
  }

  recent(limit: number): Promise<UpstreamIncident[]> {
    return this.d.store.recent(limit);
  }

  private listener(): UpstreamListener {
    return {
      opened: (s) => {
        const lastError = s.lastError?.message.slice(0, 500) ?? null;
        const going = this.openIncidents.get(s.upstream);
        if (going) {
          going.failures += 1;
          this.d.store.touch(going.id, this.d.clock.now(), going.failures, lastError).catch((err: unknown) => this.d.logger.warn({ err, upstream: s.upstream }, 'could not update the upstream incident'));
          return;
        }
        const incident: UpstreamIncident = {
          id: this.d.ids.next(),
          upstream: s.upstream,
          owner: this.d.owner,
          openedAt: s.openedAt ?? this.d.clock.now(),
          closedAt: null,
          lastSeenAt: this.d.clock.now(),
          failures: s.failuresInRow,
          lastError,
          refused: 0,
        };
        this.openIncidents.set(s.upstream, incident);
        this.d.logger.error({ upstream: s.upstream, lastError, retryAfter: s.retryAfter }, 'upstream failing: calls paused (circuit open)');
        this.d.store.open(incident).catch((err: unknown) => this.d.logger.warn({ err, upstream: s.upstream }, 'could not record the upstream incident'));
      },
      closed: (s) => {
        const incident = this.openIncidents.get(s.upstream);
        this.openIncidents.delete(s.upstream);
        this.d.logger.info({ upstream: s.upstream }, 'upstream answering again (circuit closed)');
        if (!incident) return;
        this.d.store.close(incident.id, this.d.clock.now(), s.refused).catch((err: unknown) => this.d.logger.warn({ err, upstream: s.upstream }, 'could not close the upstream incident'));
      },
    };
  }
}
