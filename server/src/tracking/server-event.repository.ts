import type { DataSource } from 'typeorm';
import { toDbTime } from '../db/naming';
import { chunk } from '../db/sql-lists';

/** Something the product itself saw a customer do or go through, as a customer event. */
export interface ServerEvent {
  corpId: string;
  customerId: string;
  name: string;
  at: Date;
  /** Unique per fact (at most 64 characters): writing the same fact again writes nothing. */
  key: string;
  properties: Record<string, unknown>;
}

/**
 * Writes events the server produced (journey actions, what a chat showed) into tracking_event under
 * their own source, so the timeline, segments' event rules and analytics see them like any behaviour.
 */
export class ServerEventRepository {
  private readonly mysql: boolean;
  constructor(
    private readonly ds: DataSource,
    private readonly source: 'journey' | 'chat',
    private readonly nextId: () => string,
  ) {
    this.mysql = ds.options.type === 'mysql';
  }

  async record(events: readonly ServerEvent[]): Promise<void> {
    const ignore = this.mysql ? 'INSERT IGNORE' : 'INSERT OR IGNORE';
    for (const part of chunk(events, 200)) {
      const values = part.map(() => "(?, ?, ?, ?, ?, NULL, 'track', ?, ?, ?, NULL, ?)").join(', ');
      await this.ds.query(
        `${ignore} INTO tracking_event (id, corp_id, event_key, customer_id, source, project, type, name, occurred_at, received_at, distinct_id, properties) VALUES ${values}`,
        part.flatMap((e) => [this.nextId(), e.corpId, e.key, e.customerId, this.source, e.name, toDbTime(e.at), toDbTime(e.at), JSON.stringify(e.properties)]),
      );
    }
  }
}
