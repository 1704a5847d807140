import type { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from './audit-log.entity';
import { toDbTime } from './naming';
import { asInsert } from './transaction';

export type AuditEntry = Omit<AuditLog, 'id' | 'at'>;

export class AuditLogRepository {
  constructor(private readonly ds: DataSource) {}

  async record(id: string, at: Date, entry: AuditEntry, em?: EntityManager): Promise<void> {
    await (em ?? this.ds.manager).getRepository(AuditLog).insert(asInsert<AuditLog>({ ...entry, id, at }));
  }

  /** How many entries match since a moment, e.g. failed logins for a user name. */
  async countSince(action: string, since: Date, where: { targetId?: string; ip?: string }): Promise<number> {
    const qb = this.ds
      .getRepository(AuditLog)
      .createQueryBuilder('a')
      .where('a.action = :action AND a.at >= :since', { action, since: toDbTime(since) });
    if (where.targetId !== undefined) qb.andWhere('a.target_id = :targetId', { targetId: where.targetId });
    if (where.ip !== undefined) qb.andWhere('a.ip = :ip', { ip: where.ip });
    return qb.getCount();
  }

  async latest(action: string, limit: number): Promise<AuditLog[]> {
    return this.ds.getRepository(AuditLog).find({ where: { action }, order: { at: 'DESC' }, take: limit });
  }
}
