import { createHash } from 'node:crypto';
import type { CounterDefinition } from '../customers';
import type { Clock } from '../platform/clock';
import type { IdGenerator } from '../platform/ids';
import type { Logger } from '../platform/logger';
import type { RecordedBatch } from '../tracking';
import type { MiniappEvent, MiniappEventRepository } from './miniapp-event.repository';

export type { MiniappEvent } from './miniapp-event.repository';

/** A fact's event key: the same parts always give the same key (64 characters at most). */
export function factKey(...parts: string[]): string {
  return `mp:${createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 43)}`;
}

export interface EventRecorderDeps {
  repo: MiniappEventRepository;
  /** The filtered counters the corp's rules need (behaviour rules, segments, stage rules, scoring, journeys). */
  filteredCounters: (corpId: string) => Promise<CounterDefinition[]>;
  corpZone: (corpId: string) => Promise<string>;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  /** Told what was written, like ingestion's batches: tags, stage, segments, lead sources and journeys catch up. */
  onRecorded: (batch: RecordedBatch) => void;
}

/** The mini-program's facts as customer events. A failure to record is logged, never the customer's problem. */
export class EventRecorder {
  constructor(private readonly d: EventRecorderDeps) {}

  async record(corpId: string, events: readonly MiniappEvent[]): Promise<void> {
    if (!events.length) return;
    try {
      const [filtered, zone] = await Promise.all([this.d.filteredCounters(corpId), this.d.corpZone(corpId)]);
      const batch = await this.d.repo.record(corpId, events, filtered, zone, () => this.d.ids.next(), this.d.clock.now());
      if (batch.customerIds.length) this.d.onRecorded(batch);
    } catch (error) {
      this.d.logger.error({ err: error, corpId, events: events.map((e) => e.name) }, 'mini-program events not recorded');
    }
  }

  /** A view or any other repeatable fact: a fresh key each time. */
  freshKey(): string {
    return `mp:${this.d.ids.next()}`;
  }
}
