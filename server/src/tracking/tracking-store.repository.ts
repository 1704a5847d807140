import type { DataSource, EntityManager } from 'typeorm';
import { toDbTime } from '../db/naming';
import type { Identity } from './identity-stitch.plan';
import { chunk, placeholders } from '../db/sql-lists';


export interface EventRow {
  id: string;
  corpId: string;
  eventKey: string;
  customerId: string;
  source: string;
  project: string | null;
  type: string;
  name: string;
  occurredAt: Date;
  receivedAt: Date;
  distinctId: string | null;
  properties: string | null;
}

export interface CustomerState {
  id: string;
  name: string;
  gender: 'male' | 'female' | 'unknown';
  city: string | null;
  birthDate: string | null;
  timezone: string | null;
  profile: string | null;
  phoneCipher: string | null;
}


/** The SQL of ingestion: identity lookups, customers and identities, events, rejections. Raw, batched. */
export class TrackingStore {
  constructor(private readonly ds: DataSource) {}

  /** Runs one ingest write in a transaction. */
  transaction<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(fn);
  }

  /** Who holds each of these identities now, with that customer's own time zone. */
  async owners(em: EntityManager, corpId: string, ids: readonly Identity[]): Promise<Array<Identity & { customerId: string; timezone: string | null }>> {
    const kinds = [...new Set(ids.map((i) => i.kind))];
    const values = [...new Set(ids.map((i) => i.value))];
    const out: Array<Identity & { customerId: string; timezone: string | null }> = [];
    for (const part of chunk(values, 500)) {
      const rows = await em.query<Array<{ kind: Identity['kind']; value: string; customer_id: string; timezone: string | null }>>(
        `SELECT i.kind, i.value, i.customer_id, c.timezone FROM customer_identity i JOIN customer c ON c.id = i.customer_id
         WHERE i.corp_id = ? AND i.kind IN (${placeholders(kinds.length)}) AND i.value IN (${placeholders(part.length)})`,
        [corpId, ...kinds, ...part],
      );
      for (const r of rows) out.push({ kind: r.kind, value: r.value, customerId: r.customer_id, timezone: r.timezone });
    }
    return out;
  }

  /** Every identity of these customers. */
  async held(em: EntityManager, customerIds: readonly string[]): Promise<Array<Identity & { customerId: string }>> {
    const out: Array<Identity & { customerId: string }> = [];
    for (const part of chunk(customerIds, 500)) {
      const rows = await em.query<Array<{ kind: Identity['kind']; value: string; customer_id: string }>>(
        `SELECT kind, value, customer_id FROM customer_identity WHERE customer_id IN (${placeholders(part.length)})`,
        part,
      );
      for (const r of rows) out.push({ kind: r.kind, value: r.value, customerId: r.customer_id });
    }
    return out;
  }

  async insertCustomers(em: EntityManager, rows: ReadonlyArray<{ id: string; corpId: string; name: string; createdAt: Date; updatedAt: Date }>): Promise<void> {
    for (const part of chunk(rows, 400)) {
      await em.query(
        `INSERT INTO customer (id, corp_id, name, gender, stage, archive_consent, created_at, updated_at) VALUES ${part.map(() => "(?,?,?,'unknown','interest',0,?,?)").join(',')}`,
        part.flatMap((r) => [r.id, r.corpId, r.name, toDbTime(r.createdAt), toDbTime(r.updatedAt)]),
      );
    }
  }

  async insertIdentities(em: EntityManager, rows: ReadonlyArray<{ id: string; corpId: string; customerId: string; kind: string; value: string; createdAt: Date }>): Promise<void> {
    for (const part of chunk(rows, 400)) {
      await em.query(
        `INSERT INTO customer_identity (id, corp_id, customer_id, kind, value, created_at) VALUES ${part.map(() => '(?,?,?,?,?,?)').join(',')}`,
        part.flatMap((r) => [r.id, r.corpId, r.customerId, r.kind, r.value, toDbTime(r.createdAt)]),
      );
    }
  }

  async deleteIdentities(em: EntityManager, corpId: string, ids: readonly Identity[]): Promise<void> {
    for (const i of ids) await em.query('DELETE FROM customer_identity WHERE corp_id = ? AND kind = ? AND value = ?', [corpId, i.kind, i.value]);
  }

  /** Of these keys, the ones already stored. */
  async knownKeys(em: EntityManager, corpId: string, keys: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (const part of chunk(keys, 500)) {
      const rows = await em.query<Array<{ event_key: string }>>(`SELECT event_key FROM tracking_event WHERE corp_id = ? AND event_key IN (${placeholders(part.length)})`, [corpId, ...part]);
      for (const r of rows) found.add(r.event_key);
    }
    return found;
  }

  async insertEvents(em: EntityManager, rows: readonly EventRow[]): Promise<void> {
    for (const part of chunk(rows, 400)) {
      await em.query(
        `INSERT INTO tracking_event (id, corp_id, event_key, customer_id, source, project, type, name, occurred_at, received_at, distinct_id, properties) VALUES ${part.map(() => '(?,?,?,?,?,?,?,?,?,?,?,?)').join(',')}`,
        part.flatMap((r) => [r.id, r.corpId, r.eventKey, r.customerId, r.source, r.project, r.type, r.name, toDbTime(r.occurredAt), toDbTime(r.receivedAt), r.distinctId, r.properties]),
      );
    }
  }

  async customerStates(em: EntityManager, ids: readonly string[]): Promise<Map<string, CustomerState>> {
    const out = new Map<string, CustomerState>();
    for (const part of chunk([...ids].sort(), 500)) {
      const rows = await em.query<Array<{ id: string; name: string; gender: CustomerState['gender']; city: string | null; birth_date: string | Date | null; timezone: string | null; profile: string | null; phone_cipher: string | null }>>(
        // Locked on MySQL: two writers must not both read a profile and each write back their own.
        `SELECT id, name, gender, city, birth_date, timezone, profile, phone_cipher FROM customer WHERE id IN (${placeholders(part.length)}) ORDER BY id${em.connection.options.type === 'mysql' ? ' FOR UPDATE' : ''}`,
        part,
      );
      for (const r of rows) {
        const birthDate = r.birth_date instanceof Date ? r.birth_date.toISOString().slice(0, 10) : r.birth_date;
        out.set(r.id, { id: r.id, name: r.name, gender: r.gender, city: r.city, birthDate, timezone: r.timezone, profile: r.profile, phoneCipher: r.phone_cipher });
      }
    }
    return out;
  }

  async updateCustomer(
    em: EntityManager,
    id: string,
    fields: Partial<{ name: string; gender: string; city: string | null; birthDate: string | null; profile: string | null; phoneCipher: string; phoneMasked: string }>,
    at: Date,
  ): Promise<void> {
    const columns: Record<string, string> = { name: 'name', gender: 'gender', city: 'city', birthDate: 'birth_date', profile: 'profile', phoneCipher: 'phone_cipher', phoneMasked: 'phone_masked' };
    const entries = Object.entries(fields).filter(([, v]) => v !== undefined);
    if (!entries.length) return;
    await em.query(`UPDATE customer SET ${entries.map(([k]) => `${columns[k]} = ?`).join(', ')}, updated_at = ? WHERE id = ?`, [...entries.map(([, v]) => v), toDbTime(at), id]);
  }

  async insertRejections(rows: ReadonlyArray<{ id: string; corpId: string; source: string; reason: string; detail: string; sample: string | null; receivedAt: Date }>): Promise<void> {
    for (const part of chunk(rows, 200)) {
      await this.ds.query(
        `INSERT INTO tracking_rejection (id, corp_id, source, reason, detail, sample, received_at) VALUES ${part.map(() => '(?,?,?,?,?,?,?)').join(',')}`,
        part.flatMap((r) => [r.id, r.corpId, r.source, r.reason, r.detail.slice(0, 500), r.sample, toDbTime(r.receivedAt)]),
      );
    }
  }

  async corpTimezone(corpId: string): Promise<string> {
    const rows = await this.ds.query<Array<{ timezone: string }>>('SELECT timezone FROM corp WHERE id = ?', [corpId]);
    return rows[0]?.timezone ?? 'Asia/Shanghai';
  }
}
