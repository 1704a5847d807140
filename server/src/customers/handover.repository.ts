import { In, IsNull, type DataSource } from 'typeorm';
import { AuditLogRepository, type AuditEntry } from '../db/audit-log.repository';
import { StaffMember } from '../org';
import { CustomerFollow } from './customer-follow.entity';
import { CustomerIdentity } from './customer-identity.entity';
import { Customer } from './customer.entity';
import { Handover, type HandoverStatus } from './handover.entity';
import { Policy } from './policy.entity';

/** Handover records and the relationship, ownership and policy changes a finished one makes. */
export class HandoverRepository {
  constructor(private readonly ds: DataSource) {}

  staffByUserId(corpId: string, wecomUserId: string): Promise<StaffMember | null> {
    return this.ds.getRepository(StaffMember).findOne({ where: { corpId, wecomUserId } });
  }

  staffByIds(ids: string[]): Promise<StaffMember[]> {
    return ids.length ? this.ds.getRepository(StaffMember).find({ where: { id: In(ids) } }) : Promise.resolve([]);
  }

  /** Active agents who can take customers over: the team's, or the corp's when the team has none. */
  async candidates(corpId: string, from: StaffMember, userIds?: string[]): Promise<StaffMember[]> {
    const repo = this.ds.getRepository(StaffMember);
    if (userIds) return repo.find({ where: { corpId, wecomUserId: In(userIds), status: 'active' } });
    const base = { corpId, status: 'active' as const, role: 'agent' as const };
    const team = from.teamId ? (await repo.find({ where: { ...base, teamId: from.teamId } })).filter((s) => s.id !== from.id) : [];
    return team.length ? team : (await repo.find({ where: base })).filter((s) => s.id !== from.id);
  }

  async loads(staffIds: string[]): Promise<Map<string, number>> {
    if (!staffIds.length) return new Map();
    const rows = await this.ds
      .getRepository(CustomerFollow)
      .createQueryBuilder('f')
      .select('f.staff_id', 'staffId')
      .addSelect('COUNT(*)', 'n')
      .where("f.staff_id IN (:...ids) AND f.status = 'active'", { ids: staffIds })
      .groupBy('f.staff_id')
      .getRawMany<{ staffId: string; n: string | number }>();
    return new Map(rows.map((r) => [r.staffId, Number(r.n)]));
  }

  /** The agent's active customers, with their external user ids. */
  async activeCustomersOf(staffId: string): Promise<Array<{ customerId: string; externalUserId: string }>> {
    return this.ds
      .getRepository(CustomerFollow)
      .createQueryBuilder('f')
      .innerJoin(CustomerIdentity, 'i', "i.customer_id = f.customer_id AND i.kind = 'external_userid'")
      .select(['f.customer_id AS "customerId"', 'i.value AS "externalUserId"'])
      .where("f.staff_id = :staffId AND f.status = 'active'", { staffId })
      .orderBy('f.added_at', 'ASC')
      .getRawMany();
  }

  /** Subjects already on their way to someone (not failed), so a second request does not repeat them. */
  async openSubjects(corpId: string, fromStaffId: string): Promise<Set<string>> {
    const rows = await this.ds.getRepository(Handover).find({ where: { corpId, fromStaffId, status: In(['pending', 'waiting']) } });
    return new Set(rows.map((r) => r.subjectId));
  }

  async insert(rows: Handover[]): Promise<void> {
    // updateEntity(false): TypeORM otherwise writes "generated" values back into the objects after a
    // multi-row insert, and on SQLite and MySQL it can give them each other's ids.
    for (let i = 0; i < rows.length; i += 200) await this.ds.createQueryBuilder().insert().into(Handover).values(rows.slice(i, i + 200)).updateEntity(false).execute();
  }

  async setStatus(ids: string[], patch: { status: HandoverStatus; errcode?: number | null; reason?: string | null; finishedAt?: Date | null; updatedAt: Date }): Promise<void> {
    if (ids.length) await this.ds.getRepository(Handover).update({ id: In(ids) }, patch);
  }

  waiting(corpId: string): Promise<Handover[]> {
    return this.ds.getRepository(Handover).find({ where: { corpId, status: 'waiting', kind: 'customer' }, order: { requestedAt: 'ASC' } });
  }

  corpsWithWaiting(): Promise<string[]> {
    return this.ds
      .getRepository(Handover)
      .createQueryBuilder('h')
      .select('DISTINCT h.corp_id', 'corpId')
      .where("h.status = 'waiting'")
      .getRawMany<{ corpId: string }>()
      .then((rows) => rows.map((r) => r.corpId));
  }

  /** The open handover of one customer to one agent (what a transfer_fail callback names). */
  openFor(corpId: string, externalUserId: string, toStaffId: string | null): Promise<Handover | null> {
    return this.ds.getRepository(Handover).findOne({
      where: { corpId, subjectId: externalUserId, status: In(['pending', 'waiting']), ...(toStaffId ? { toStaffId } : {}) },
      order: { requestedAt: 'DESC' },
    });
  }

  async list(corpId: string, q: { status?: HandoverStatus; batchId?: string; limit: number; offset: number }): Promise<{ rows: Handover[]; total: number; counts: Record<HandoverStatus, number> }> {
    const where = { corpId, ...(q.status ? { status: q.status } : {}), ...(q.batchId ? { batchId: q.batchId } : {}) };
    const [rows, total] = await this.ds.getRepository(Handover).findAndCount({ where, order: { requestedAt: 'DESC', id: 'ASC' }, take: q.limit, skip: q.offset });
    const raw = await this.ds
      .getRepository(Handover)
      .createQueryBuilder('h')
      .select('h.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .where('h.corp_id = :corpId', { corpId })
      .andWhere(q.batchId ? 'h.batch_id = :batchId' : '1 = 1', { batchId: q.batchId })
      .groupBy('h.status')
      .getRawMany<{ status: HandoverStatus; n: string | number }>();
    const counts: Record<HandoverStatus, number> = { pending: 0, waiting: 0, done: 0, failed: 0 };
    for (const r of raw) counts[r.status] = Number(r.n);
    return { rows, total, counts };
  }

  /**
   * A finished customer handover: the old relationship ends as transferred, the new one is active,
   * the customer and the old agent's policies go to the new agent, and those policies are marked
   * orphaned (once: an orphan policy stays one).
   */
  async complete(h: Handover, at: Date, newId: () => string, audit: AuditEntry): Promise<void> {
    await this.ds.transaction(async (em) => {
      await em.update(Handover, { id: h.id }, { status: 'done', finishedAt: at, updatedAt: at });
      if (!h.customerId) return;
      await em.update(CustomerFollow, { customerId: h.customerId, staffId: h.fromStaffId, status: 'active' }, { status: 'transferred', endedAt: at, updatedAt: at });
      const existing = await em.findOne(CustomerFollow, { where: { customerId: h.customerId, staffId: h.toStaffId } });
      if (existing) await em.update(CustomerFollow, { id: existing.id }, { status: 'active', endedAt: null, updatedAt: at });
      else
        await em.insert(CustomerFollow, {
          id: newId(),
          corpId: h.corpId,
          customerId: h.customerId,
          staffId: h.toStaffId,
          status: 'active',
          state: 'handover',
          half: false,
          remark: null,
          description: null,
          addWay: null,
          wecomTagIds: null,
          addedAt: at,
          endedAt: null,
          updatedAt: at,
        });
      await em.update(Customer, { id: h.customerId, ownerStaffId: h.fromStaffId }, { ownerStaffId: h.toStaffId, updatedAt: at });
      if (h.resigned) await em.update(Policy, { customerId: h.customerId, agentStaffId: h.fromStaffId, orphanedAt: IsNull() }, { orphanedAt: at });
      await em.update(Policy, { customerId: h.customerId, agentStaffId: h.fromStaffId }, { agentStaffId: h.toStaffId });
      await new AuditLogRepository(this.ds).record(newId(), at, audit, em);
    });
  }
}
