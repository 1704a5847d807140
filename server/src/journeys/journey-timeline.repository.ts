import type { DataSource } from 'typeorm';
import { toDbTime } from '../db/naming';
import { chunk } from '../db/sql-lists';

/** An engine action as a customer event: the timeline and analytics see journeys like any behaviour. */
export interface TimelineEvent {
  corpId: string;
  customerId: string;
  name: string;
  at: Date;
  /** Unique per action (at most 64 characters): a retried batch writes nothing twice. */
  key: string;
  properties: Record<string, unknown>;
}

/** Writes engine events into tracking_event (source "journey"), ignoring keys written before. */
export class JourneyTimelineRepository {
  private readonly mysql: boolean;
  constructor(
    private readonly ds: DataSource,
    private readonly nextId: () => string,
  ) {
    this.mysql = ds.options.type === 'mysql';
  }

  async record(events: readonly TimelineEvent[]): Promise<void> {
    const ignore = this.mysql ? 'INSERT IGNORE' : 'INSERT OR IGNORE';
    for (const part of chunk(events, 200)) {
      const values = part.map(() => "(?, ?, ?, ?, 'journey', NULL, 'track', ?, ?, ?, NULL, ?)").join(', ');
      await this.ds.query(
        `${ignore} INTO tracking_event (id, corp_id, event_key, customer_id, source, project, type, name, occurred_at, received_at, distinct_id, properties) VALUES ${values}`,
        part.flatMap((e) => [this.nextId(), e.corpId, e.key, e.customerId, e.name, toDbTime(e.at), toDbTime(e.at), JSON.stringify(e.properties)]),
      );
    }
  }
}
