import { In, IsNull, type DataSource } from 'typeorm';
import { isUniqueViolation } from '../db/transaction';
import { StaffMember } from '../org';
import { CustomerGroupMember } from './customer-group-member.entity';
import { CustomerGroup } from './customer-group.entity';
import { CustomerIdentity } from './customer-identity.entity';
import { GroupMemberEvent } from './group-member-event.entity';

export interface GroupListFilter {
  ownerStaffIds?: string[];
  ownerUserId?: string;
  chatId?: string;
  status?: 'active' | 'dismissed';
  tag?: string;
  q?: string;
  limit: number;
  offset: number;
}

/** Customer groups, their members and the join/quit history. */
export class GroupRepository {
  constructor(private readonly ds: DataSource) {}

  byChatId(corpId: string, chatId: string): Promise<CustomerGroup | null> {
    return this.ds.getRepository(CustomerGroup).findOne({ where: { corpId, chatId } });
  }

  byId(corpId: string, id: string): Promise<CustomerGroup | null> {
    return this.ds.getRepository(CustomerGroup).findOne({ where: { corpId, id } });
  }

  async staffIdByUserId(corpId: string, wecomUserId: string): Promise<string | null> {
    return (await this.ds.getRepository(StaffMember).findOne({ where: { corpId, wecomUserId } }))?.id ?? null;
  }

  async customerIds(corpId: string, externalUserIds: string[]): Promise<Map<string, string>> {
    if (!externalUserIds.length) return new Map();
    const rows = await this.ds.getRepository(CustomerIdentity).find({ where: { corpId, kind: 'external_userid', value: In(externalUserIds) } });
    return new Map(rows.map((r) => [r.value, r.customerId]));
  }

  async save(group: CustomerGroup): Promise<CustomerGroup> {
    try {
      await this.ds.getRepository(CustomerGroup).upsert(group, ['corpId', 'chatId']);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    return (await this.byChatId(group.corpId, group.chatId))!;
  }

  update(id: string, patch: Partial<CustomerGroup>): Promise<unknown> {
    return this.ds.getRepository(CustomerGroup).update({ id }, patch);
  }

  members(groupId: string): Promise<CustomerGroupMember[]> {
    return this.ds.getRepository(CustomerGroupMember).find({ where: { groupId }, order: { joinedAt: 'ASC' } });
  }

  async insertMember(m: CustomerGroupMember): Promise<boolean> {
    try {
      await this.ds.getRepository(CustomerGroupMember).insert(m);
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  updateMember(id: string, patch: Partial<CustomerGroupMember>): Promise<unknown> {
    return this.ds.getRepository(CustomerGroupMember).update({ id }, patch);
  }

  /** Records a join or quit once (a replayed callback adds nothing). */
  async recordEvent(e: GroupMemberEvent): Promise<void> {
    try {
      await this.ds.getRepository(GroupMemberEvent).insert(e);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }

  async list(corpId: string, f: GroupListFilter): Promise<{ rows: CustomerGroup[]; total: number }> {
    const qb = this.ds.getRepository(CustomerGroup).createQueryBuilder('g').where('g.corp_id = :corpId', { corpId });
    if (f.ownerStaffIds) qb.andWhere(f.ownerStaffIds.length ? 'g.owner_staff_id IN (:...owners)' : '1 = 0', { owners: f.ownerStaffIds });
    if (f.ownerUserId) qb.andWhere('g.owner_user_id = :ownerUserId', { ownerUserId: f.ownerUserId });
    if (f.chatId) qb.andWhere('g.chat_id = :chatId', { chatId: f.chatId });
    if (f.status) qb.andWhere('g.status = :status', { status: f.status });
    if (f.q) qb.andWhere('g.name LIKE :q', { q: `%${f.q.replace(/[%_\\]/g, '\\$&')}%` });
    // Tags are a short JSON array of strings: a quoted match finds the exact tag.
    if (f.tag) qb.andWhere('g.tags LIKE :tag', { tag: `%${JSON.stringify(f.tag).replace(/[%_\\]/g, '\\$&')}%` });
    const [rows, total] = await qb.orderBy('g.created_at', 'DESC').addOrderBy('g.id', 'ASC').skip(f.offset).take(f.limit).getManyAndCount();
    return { rows, total };
  }

  /** Sets the scene on the latest quits of these members that were recorded without one. */
  async fillQuitScene(groupId: string, memberIds: string[], scene: number): Promise<void> {
    await this.ds.getRepository(GroupMemberEvent).update({ groupId, memberId: In(memberIds), kind: 'quit', scene: IsNull() }, { scene });
  }

  eventsOf(groupId: string): Promise<GroupMemberEvent[]> {
    return this.ds.getRepository(GroupMemberEvent).find({ where: { groupId }, order: { at: 'DESC' }, take: 500 });
  }

  async teamStaffIds(teamId: string): Promise<string[]> {
    return (await this.ds.getRepository(StaffMember).find({ where: { teamId }, select: { id: true } })).map((s) => s.id);
  }

  /** Active groups an agent owns (for a handover). */
  ownedBy(staffId: string): Promise<CustomerGroup[]> {
    return this.ds.getRepository(CustomerGroup).find({ where: { ownerStaffId: staffId, status: 'active' } });
  }
}
