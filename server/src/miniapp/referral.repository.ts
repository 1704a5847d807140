import type { DataSource, EntityManager } from 'typeorm';
import { toDbTime } from '../db/naming';
import { changedRows } from '../db/changed-rows';
import { MpReferral } from './referral.entity';
import { maxChainDepth } from './referral.plan';

/** Referrals: one row per referee (first touch), qualified once by a conditional UPDATE. */
export class ReferralRepository {
  constructor(private readonly ds: DataSource) {}

  transaction<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(fn);
  }

  async ofReferee(refereeId: string, em: EntityManager = this.ds.manager): Promise<MpReferral | null> {
    return em.findOne(MpReferral, { where: { refereeId } });
  }

  /** The customer's referrer, theirs, and so on (nearest first, a bounded walk). */
  async chain(customerId: string): Promise<string[]> {
    const out: string[] = [];
    let current = customerId;
    for (let i = 0; i < maxChainDepth; i++) {
      const r = await this.ofReferee(current);
      if (!r || out.includes(r.referrerId)) break;
      out.push(r.referrerId);
      current = r.referrerId;
    }
    return out;
  }

  /** False when the referee was attributed meanwhile (the unique key keeps the first touch). */
  async insert(row: MpReferral): Promise<boolean> {
    const mysql = this.ds.options.type === 'mysql';
    const sql = `${mysql ? 'INSERT IGNORE' : 'INSERT OR IGNORE'} INTO mp_referral (id, corp_id, referrer_id, referee_id, status, qualified_by, reward_points, joined_at, qualified_at) VALUES (?, ?, ?, ?, 'joined', NULL, 0, ?, NULL)`;
    return (await changedRows(this.ds.manager, sql, [row.id, row.corpId, row.referrerId, row.refereeId, toDbTime(row.joinedAt)])) > 0;
  }

  /** Marks the referral qualified; true only for the one call that moved it from joined. */
  async qualify(em: EntityManager, refereeId: string, by: 'phone_bound' | 'signed_up', points: number, at: Date): Promise<boolean> {
    const n = await changedRows(em, "UPDATE mp_referral SET status = 'qualified', qualified_by = ?, reward_points = ?, qualified_at = ? WHERE referee_id = ? AND status = 'joined'", [by, points, toDbTime(at), refereeId]);
    return n > 0;
  }

  async invitees(referrerId: string): Promise<Array<MpReferral & { name: string }>> {
    const rows = await this.ds.getRepository(MpReferral).find({ where: { referrerId }, order: { joinedAt: 'DESC' }, take: 200 });
    if (!rows.length) return [];
    const names = await this.ds.query<Array<{ id: string; name: string }>>(`SELECT id, name FROM customer WHERE id IN (${rows.map(() => '?').join(',')})`, rows.map((r) => r.refereeId));
    const byId = new Map(names.map((n) => [n.id, n.name]));
    return rows.map((r) => ({ ...r, name: byId.get(r.refereeId) ?? '' }));
  }
}
