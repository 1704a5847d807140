import type { DataSource, EntityManager } from 'typeorm';
import { LessThan } from 'typeorm';
import { changedRows } from '../db/changed-rows';
import { toDbTime } from '../db/naming';
import { MpCheckin, MpPoints } from './checkin.entity';
import { entriesToWrite, type PointsEntry } from './points.plan';

/** Check-ins (one per customer and local day) and the points ledger (one row per idempotency key). */
export class CheckinRepository {
  private readonly mysql: boolean;
  constructor(private readonly ds: DataSource) {
    this.mysql = ds.options.type === 'mysql';
  }

  transaction<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(fn);
  }

  async last(customerId: string, em: EntityManager = this.ds.manager, before?: string): Promise<MpCheckin | null> {
    return em.findOne(MpCheckin, { where: { customerId, ...(before ? { localDate: LessThan(before) } : {}) }, order: { localDate: 'DESC' } });
  }

  async insertCheckin(em: EntityManager, row: MpCheckin): Promise<void> {
    await em.insert(MpCheckin, row);
  }

  async datesBetween(customerId: string, from: string, to: string): Promise<string[]> {
    const rows = await this.ds.query<Array<{ d: string }>>('SELECT local_date AS d FROM mp_checkin WHERE customer_id = ? AND local_date >= ? AND local_date <= ? ORDER BY local_date', [customerId, from, to]);
    return rows.map((r) => r.d);
  }

  /**
   * Writes ledger entries; an entry whose key is taken (by an earlier or a concurrent write) is
   * skipped by the database itself. Returns how many rows were new.
   */
  async addPoints(corpId: string, entries: readonly PointsEntry[], at: Date, nextId: () => string, em: EntityManager = this.ds.manager): Promise<number> {
    const fresh = entriesToWrite(entries, new Set());
    let added = 0;
    for (const e of fresh) {
      const sql = `${this.mysql ? 'INSERT IGNORE' : 'INSERT OR IGNORE'} INTO mp_points (id, corp_id, customer_id, delta, reason, ref, idem_key, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`;
      added += await changedRows(em, sql, [nextId(), corpId, e.customerId, e.delta, e.reason, e.ref, e.key, toDbTime(at)]);
    }
    return added;
  }

  async balance(customerId: string, em: EntityManager = this.ds.manager): Promise<number> {
    const [row] = await em.query<Array<{ s: number | string | null }>>('SELECT SUM(delta) AS s FROM mp_points WHERE customer_id = ?', [customerId]);
    return Number(row?.s ?? 0);
  }

  async entries(customerId: string, limit: number): Promise<MpPoints[]> {
    return this.ds.getRepository(MpPoints).find({ where: { customerId }, order: { at: 'DESC', id: 'DESC' }, take: limit });
  }

  async sumByKeys(keys: readonly string[]): Promise<number> {
    if (!keys.length) return 0;
    const [row] = await this.ds.query<Array<{ s: number | string | null }>>(`SELECT SUM(delta) AS s FROM mp_points WHERE idem_key IN (${keys.map(() => '?').join(',')})`, [...keys]);
    return Number(row?.s ?? 0);
  }
}
