import type { DataSource, EntityManager } from 'typeorm';
import { changedRows } from '../db/changed-rows';
import { placeholders } from '../db/sql-lists';
import { toDbTime } from '../db/naming';
import { withTransaction } from '../db/transaction';
import { erasedCustomerName, piplTables, type ScrubValue } from './pipl.plan';

export type Row = Record<string, unknown>;

export interface HeldData {
  /** The customer and the records merged into it (they carry the same person's older data). */
  customers: Row[];
  sections: Record<string, Row[]>;
}

/** Reads and erases everything held about one person, table by table as the PIPL plan says. */
export class PiplRepository {
  constructor(private readonly ds: DataSource) {}

  private get mysql(): boolean {
    return this.ds.options.type === 'mysql';
  }

  private q(name: string): string {
    return this.mysql ? `\`${name}\`` : `"${name}"`;
  }

  /** The customer's id and the ids of the records merged into it, within the corp. */
  async recordIds(corpId: string, customerId: string): Promise<string[]> {
    const rows = await this.ds.query<Array<{ id: string }>>('SELECT id FROM customer WHERE corp_id = ? AND (id = ? OR merged_into_id = ?)', [corpId, customerId, customerId]);
    return [customerId, ...rows.map((r) => r.id).filter((id) => id !== customerId)];
  }

  async collect(corpId: string, customerId: string): Promise<HeldData> {
    const ids = await this.recordIds(corpId, customerId);
    const customers = await this.ds.query<Row[]>(`SELECT * FROM customer WHERE id IN (${placeholders(ids.length)})`, ids);
    const sections: Record<string, Row[]> = {};
    for (const t of piplTables) {
      if (!t.section) continue;
      const rows = await this.ds.query<Row[]>(`SELECT * FROM ${this.q(t.table)} WHERE ${t.column} IN (${placeholders(ids.length)})${t.where ? ` AND ${t.where}` : ''}`, ids);
      (sections[t.section] ??= []).push(...rows.map((r) => ({ table: t.table, ...plain(r) })));
    }
    return { customers: customers.map(plain), sections };
  }

  /**
   * Erases the person in one transaction: rows deleted or their identifying columns overwritten
   * (piplTables), notifications and raw callbacks that name them, and the customer rows anonymised.
   * Returns rows touched per table. Running it again touches what is still there, changing nothing.
   */
  async erase(corpId: string, customerId: string, at: Date): Promise<Record<string, number>> {
    return withTransaction(this.ds, async (em) => {
      const ids = await this.recordIds(corpId, customerId);
      const inIds = `IN (${placeholders(ids.length)})`;
      const identities = await em.query<Array<{ kind: string; value: string }>>(`SELECT kind, value FROM customer_identity WHERE customer_id ${inIds}`, ids);
      const externalIds = identities.filter((i) => i.kind === 'external_userid').map((i) => i.value);
      const trackingIds = identities.filter((i) => ['distinct_id', 'login_id', 'anonymous_id', 'openid', 'unionid', 'oa_openid'].includes(i.kind)).map((i) => i.value);
      const counts: Record<string, number> = {};
      const add = (table: string, n: number) => {
        if (n) counts[table] = (counts[table] ?? 0) + n;
      };

      for (const t of piplTables) {
        const where = `${t.column} ${inIds}${t.where ? ` AND ${t.where}` : ''}`;
        if (t.erasure.kind === 'delete') add(t.table, await changedRows(em, `DELETE FROM ${this.q(t.table)} WHERE ${where}`, ids));
        if (t.erasure.kind === 'scrub') {
          const entries = Object.entries(t.erasure.set);
          // Only rows that still hold something: a second run reports zero.
          const dirty = entries.map(([col, v]) => this.dirtySql(col, v)).join(' OR ');
          const set = entries.map(([col, v]) => `${col} = ${this.scrubSql(v)}`).join(', ');
          add(t.table, await changedRows(em, `UPDATE ${this.q(t.table)} SET ${set} WHERE ${where} AND (${dirty})`, ids));
        }
      }
      // Staff notifications about the person (their payload names the customer and its id).
      for (const id of ids) add('agent_notification', await changedRows(em, "DELETE FROM agent_notification WHERE corp_id = ? AND payload LIKE ? ESCAPE '!'", [corpId, like(id)]));
      // Raw WeCom callbacks and rejected tracking samples that carry their identifiers.
      for (const ext of externalIds) add('wecom_inbox', await changedRows(em, "UPDATE wecom_inbox SET payload = '{}' WHERE corp_id = ? AND payload LIKE ? ESCAPE '!'", [corpId, like(ext)]));
      for (const v of [...externalIds, ...trackingIds]) add('tracking_rejection', await changedRows(em, "DELETE FROM tracking_rejection WHERE corp_id = ? AND sample LIKE ? ESCAPE '!'", [corpId, like(v)]));

      add('customer', await this.anonymiseCustomers(em, ids, at));
      return counts;
    });
  }

  private async anonymiseCustomers(em: EntityManager, ids: string[], at: Date): Promise<number> {
    return changedRows(
      em,
      `UPDATE customer SET name = ?, gender = 'unknown', birth_date = NULL, city = NULL, timezone = NULL, profile = NULL, phone_cipher = NULL, phone_masked = NULL,
         id_number_cipher = NULL, id_number_hash = NULL, id_number_masked = NULL, archive_consent = ?, updated_at = ?, erased_at = COALESCE(erased_at, ?)
       WHERE id IN (${placeholders(ids.length)}) AND (erased_at IS NULL OR name <> ? OR phone_cipher IS NOT NULL OR id_number_cipher IS NOT NULL OR profile IS NOT NULL)`,
      [erasedCustomerName, 0, toDbTime(at), toDbTime(at), ...ids, erasedCustomerName],
    );
  }

  /** True for a row whose column still holds what erasure overwrites. */
  private dirtySql(col: string, v: ScrubValue): string {
    if (v === null) return `${col} IS NOT NULL`;
    if (v === 'row_tag') return `${col} NOT LIKE 'erased-%'`;
    return `(${col} IS NOT NULL AND ${col} <> ${this.scrubSql(v)})`;
  }

  private scrubSql(v: ScrubValue): string {
    if (v === null) return 'NULL';
    if (v === 'row_tag') return this.mysql ? "CONCAT('erased-', RIGHT(id, 24))" : "('erased-' || substr(id, -24))";
    return `'${v.text.replace(/'/g, "''")}'`;
  }
}

/** A LIKE pattern that finds the text anywhere, with ! escaping % _ and ! itself. */
function like(text: string): string {
  return `%${text.replace(/[!%_]/g, (m) => `!${m}`)}%`;
}

/** Dates as ISO text, buffers as text: a row that JSON can carry. */
function plain(row: Row): Row {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : Buffer.isBuffer(v) ? v.toString('utf8') : v]));
}
