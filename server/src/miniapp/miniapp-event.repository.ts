import type { DataSource } from 'typeorm';
import { ActivityCounterRepository, countersFor, eventCounterKey, type CounterDefinition, type CountIncrement } from '../customers';
import { chunk, placeholders } from '../db/sql-lists';
import { isDeadlock, isUniqueViolation } from '../db/transaction';
import { localDay } from '../platform/local-day';
import { TrackingStore, type RecordedBatch } from '../tracking';

/** Something a customer did in the mini-program, as a customer event. */
export interface MiniappEvent {
  customerId: string;
  name: string;
  at: Date;
  /** Unique per fact (at most 64 characters): the same fact written again is not counted twice. */
  key: string;
  properties: Record<string, unknown>;
}

/**
 * Writes the mini-program's events the way ingestion writes an SDK's: into tracking_event (source
 * "miniapp") once per key, and into the daily counters and streaks in the customer's local day
 * (the filtered counters the corp's rules need included), all in one transaction. So the timeline,
 * segments, stage rules, lead sources and journeys see them like any behaviour.
 */
export class MiniappEventRepository {
  private readonly store: TrackingStore;
  private readonly counters = new ActivityCounterRepository();

  constructor(private readonly ds: DataSource) {
    this.store = new TrackingStore(ds);
  }

  async record(corpId: string, events: readonly MiniappEvent[], filtered: readonly CounterDefinition[], corpZone: string, nextId: () => string, receivedAt: Date): Promise<RecordedBatch> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.store.transaction(async (em) => {
          const batch: RecordedBatch = { corpId, customerIds: [], events: [], merges: [], profileChanged: [] };
          const known = await this.store.knownKeys(em, corpId, [...new Set(events.map((e) => e.key))]);
          const fresh = events.filter((e) => {
            if (known.has(e.key)) return false;
            known.add(e.key);
            return true;
          });
          if (!fresh.length) return batch;
          const zones = new Map<string, string | null>();
          for (const part of chunk([...new Set(fresh.map((e) => e.customerId))], 500)) {
            const rows = await em.query<Array<{ id: string; timezone: string | null }>>(`SELECT id, timezone FROM customer WHERE id IN (${placeholders(part.length)})`, part);
            for (const r of rows) zones.set(r.id, r.timezone);
          }
          await this.store.insertEvents(
            em,
            fresh.map((e) => ({
              id: nextId(),
              corpId,
              eventKey: e.key,
              customerId: e.customerId,
              source: 'miniapp',
              project: null,
              type: 'track',
              name: e.name,
              occurredAt: e.at,
              receivedAt,
              distinctId: null,
              properties: Object.keys(e.properties).length ? JSON.stringify(e.properties) : null,
            })),
          );
          const increments: CountIncrement[] = [];
          const activity: Array<{ customerId: string; corpId: string; counterKey: string; day: string }> = [];
          for (const e of fresh) {
            const day = safeDay(e.at, zones.get(e.customerId) ?? null, corpZone);
            for (const counterKey of countersFor(e.name, e.properties, filtered)) increments.push({ customerId: e.customerId, corpId, counterKey, day, count: 1 });
            activity.push({ customerId: e.customerId, corpId, counterKey: eventCounterKey(e.name), day });
            batch.events.push({ customerId: e.customerId, name: e.name, at: e.at, properties: e.properties });
          }
          await this.counters.add(em, increments);
          await this.counters.advanceStreaks(em, activity);
          batch.customerIds = [...new Set(fresh.map((e) => e.customerId))];
          return batch;
        });
      } catch (error) {
        // The same key written by a concurrent request, or a deadlock on counter rows with ingestion: read again.
        if (attempt < 5 && (isUniqueViolation(error) || isDeadlock(error))) {
          await new Promise((r) => setTimeout(r, attempt * 7));
          continue;
        }
        throw error;
      }
    }
  }
}

function safeDay(at: Date, zone: string | null, fallback: string): string {
  if (zone) {
    try {
      return localDay(at, zone);
    } catch {
      /* an unknown zone: the corp's */
    }
  }
  return localDay(at, fallback);
}
