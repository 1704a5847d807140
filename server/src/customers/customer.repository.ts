import { In, type DataSource, type SelectQueryBuilder } from 'typeorm';
import type { CustomerListQuery } from '@lodestar/shared';
import { AuditLog } from '../db/audit-log.entity';
import { StaffMember } from '../org';
import { CustomerFollow } from './customer-follow.entity';
import { CustomerGroup } from './customer-group.entity';
import { GroupMemberEvent } from './group-member-event.entity';
import { Product } from './product.entity';
import { Policy } from './policy.entity';
import { CustomerIdentity } from './customer-identity.entity';
import { CustomerTag } from './customer-tag.entity';
import { Customer } from './customer.entity';
import { TagGroup } from './tag-group.entity';
import { Tag } from './tag.entity';
import type { CustomerScope } from './customer-scope';
import { fromDbTime } from '../db/naming';

import { parseJsonObject } from './json-object';

export interface TagRow {
  customerId: string;
  tagId: string;
  name: string;
  group: string;
  source: string;
  evidence: string | null;
  confidence: number | null;
  createdAt: Date | string;
}

export interface PolicyRow {
  policyNo: string;
  product: string;
  productLine: string;
  coverAmount: number;
  annualPremium: number;
  status: string;
  startDate: string;
  endDate: string | null;
  agentStaffId: string | null;
  agentStatus: string | null;
  orphanedAt: string | Date | null;
}

/** Reads customers within a caller's scope; only this file writes SQL for the customer view. */
export class CustomerRepository {
  constructor(private readonly ds: DataSource) {}

  private scoped(scope: CustomerScope): SelectQueryBuilder<Customer> {
    const qb = this.ds.getRepository(Customer).createQueryBuilder('c').where('c.corp_id = :corpId AND c.merged_into_id IS NULL', { corpId: scope.corpId });
    if (scope.kind === 'owner') qb.andWhere('c.owner_staff_id = :staffId', { staffId: scope.staffId });
    if (scope.kind === 'team') qb.andWhere('c.owner_staff_id IN (SELECT s.id FROM staff_member s WHERE s.team_id = :teamId)', { teamId: scope.teamId });
    return qb;
  }

  async list(scope: CustomerScope, q: CustomerListQuery): Promise<{ rows: Customer[]; total: number }> {
    const qb = this.scoped(scope);
    if (q.q) qb.andWhere('(c.name LIKE :q OR c.city LIKE :q)', { q: `%${q.q.replace(/[%_\\]/g, (m) => `\\${m}`)}%` });
    if (q.externalUserId) {
      qb.andWhere("EXISTS (SELECT 1 FROM customer_identity i WHERE i.customer_id = c.id AND i.kind = 'external_userid' AND i.value = :ext)", { ext: q.externalUserId });
    }
    if (q.distinctId) {
      qb.andWhere("EXISTS (SELECT 1 FROM customer_identity i2 WHERE i2.customer_id = c.id AND i2.kind = 'distinct_id' AND i2.value = :did)", { did: q.distinctId });
    }
    if (q.tag) {
      qb.andWhere('EXISTS (SELECT 1 FROM customer_tag ct JOIN tag t ON t.id = ct.tag_id WHERE ct.customer_id = c.id AND t.name = :tag)', { tag: q.tag });
    }
    if (q.grade) {
      // The leads domain keeps one score row per customer (lead_score).
      qb.andWhere('EXISTS (SELECT 1 FROM lead_score ls WHERE ls.customer_id = c.id AND ls.grade = :grade)', { grade: q.grade });
    }
    const total = await qb.getCount();
    const rows = await qb.orderBy('c.updated_at', 'DESC').addOrderBy('c.id', 'ASC').skip(q.offset).take(q.limit).getMany();
    return { rows, total };
  }

  async findInScope(scope: CustomerScope, id: string): Promise<Customer | null> {
    return this.scoped(scope).andWhere('c.id = :id', { id }).getOne();
  }

  async identities(customerIds: string[]): Promise<CustomerIdentity[]> {
    if (customerIds.length === 0) return [];
    return this.ds.getRepository(CustomerIdentity).createQueryBuilder('i').where('i.customer_id IN (:...ids)', { ids: customerIds }).orderBy('i.created_at', 'ASC').getMany();
  }

  async tags(customerIds: string[]): Promise<TagRow[]> {
    if (customerIds.length === 0) return [];
    return this.ds
      .getRepository(CustomerTag)
      .createQueryBuilder('ct')
      .innerJoin(Tag, 't', 't.id = ct.tag_id')
      .innerJoin(TagGroup, 'g', 'g.id = t.group_id')
      .select(['ct.customer_id AS "customerId"', 't.id AS "tagId"', 't.name AS "name"', 'g.name AS "group"', 'ct.source AS "source"', 'ct.evidence AS "evidence"'])
      .addSelect(['ct.confidence AS "confidence"', 'ct.created_at AS "createdAt"'])
      .where('ct.customer_id IN (:...ids)', { ids: customerIds })
      .orderBy('g.sort', 'ASC')
      .addOrderBy('t.sort', 'ASC')
      .getRawMany<TagRow>();
  }

  async policies(customerId: string): Promise<PolicyRow[]> {
    return this.ds
      .getRepository(Policy)
      .createQueryBuilder('p')
      .innerJoin(Product, 'pr', 'pr.id = p.product_id')
      .leftJoin('staff_member', 's', 's.id = p.agent_staff_id')
      .select(['p.policy_no AS "policyNo"', 'pr.name AS "product"', 'pr.line AS "productLine"', 'p.cover_amount AS "coverAmount"'])
      .addSelect(['p.annual_premium AS "annualPremium"', 'p.status AS "status"', 'p.start_date AS "startDate"', 'p.end_date AS "endDate"'])
      .addSelect(['p.agent_staff_id AS "agentStaffId"', 's.status AS "agentStatus"', 'p.orphaned_at AS "orphanedAt"'])
      .where('p.customer_id = :customerId', { customerId })
      .orderBy('p.start_date', 'DESC')
      .getRawMany<PolicyRow>();
  }

  async auditTrail(customerId: string, limit: number): Promise<AuditLog[]> {
    return this.ds.getRepository(AuditLog).find({ where: { targetType: 'customer', targetId: customerId }, order: { at: 'DESC' }, take: limit });
  }

  async relationships(customerId: string): Promise<Array<CustomerFollow & { agentName: string; agentUserId: string }>> {
    const follows = await this.ds.getRepository(CustomerFollow).find({ where: { customerId }, order: { addedAt: 'ASC' } });
    if (!follows.length) return [];
    const staff = await this.ds.getRepository(StaffMember).find({ where: { id: In(follows.map((f) => f.staffId)) } });
    const byId = new Map(staff.map((m) => [m.id, m]));
    return follows.map((f) => ({ ...f, agentName: byId.get(f.staffId)?.name ?? '', agentUserId: byId.get(f.staffId)?.wecomUserId ?? '' }));
  }

  async groupHistory(customerId: string): Promise<Array<GroupMemberEvent & { name: string; chatId: string }>> {
    const events = await this.ds.getRepository(GroupMemberEvent).find({ where: { customerId }, order: { at: 'DESC' }, take: 100 });
    if (!events.length) return [];
    const groups = await this.ds.getRepository(CustomerGroup).find({ where: { id: In([...new Set(events.map((e) => e.groupId))]) } });
    const byId = new Map(groups.map((g) => [g.id, g]));
    return events.map((e) => ({ ...e, name: byId.get(e.groupId)?.name ?? '', chatId: byId.get(e.groupId)?.chatId ?? '' }));
  }

  /** The customer's latest tracking events (newest first). */
  async recentEvents(customerId: string, limit: number): Promise<Array<{ name: string; at: Date; source: string; properties: Record<string, unknown> }>> {
    const rows = await this.ds.query<Array<{ name: string; occurred_at: string | Date; source: string; properties: string | null }>>(
      `SELECT name, occurred_at, source, properties FROM tracking_event WHERE customer_id = ? ORDER BY occurred_at DESC, id DESC LIMIT ${Number(limit)}`,
      [customerId],
    );
    return rows.map((r) => ({ name: r.name, at: fromDbTime(r.occurred_at), source: r.source, properties: parseJsonObject(r.properties) }));
  }

  async segmentsOf(customerId: string): Promise<Array<{ id: string; name: string; enteredAt: Date }>> {
    const rows = await this.ds.query<Array<{ id: string; name: string; entered_at: string | Date }>>(
      'SELECT s.id, s.name, m.entered_at FROM segment_member m JOIN segment s ON s.id = m.segment_id WHERE m.customer_id = ? ORDER BY s.name',
      [customerId],
    );
    return rows.map((r) => ({ id: r.id, name: r.name, enteredAt: fromDbTime(r.entered_at) }));
  }

  async staffName(id: string): Promise<string | null> {
    const rows = await this.ds.query<{ name: string }[]>('SELECT name FROM staff_member WHERE id = ?', [id]);
    return rows[0]?.name ?? null;
  }
}
