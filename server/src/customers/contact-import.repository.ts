import { newCustomerRecord } from './customer-record';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { StaffMember, unsyncedAgent } from '../org';
import type { ContactImportPlan, KnownContacts, KnownFollow } from './contact-import.plan';
import { CustomerFollow } from './customer-follow.entity';
import { CustomerIdentity } from './customer-identity.entity';
import { CustomerTag } from './customer-tag.entity';
import { Customer } from './customer.entity';
import { Tag } from './tag.entity';

export interface ImportResult {
  customersCreated: number;
  /** Customer ids whose tags changed, for the events that follow. */
  tagChanges: Array<{ customerId: string; added: string[]; removed: string[] }>;
}

/** Reads and writes of importing WeCom relationships, a page at a time, in one transaction. */
export class ContactImportRepository {
  constructor(private readonly ds: DataSource) {}

  async known(corpId: string, externalUserIds: string[], userIds: string[], unionIds: string[]): Promise<KnownContacts> {
    const em = this.ds.manager;
    const identities = externalUserIds.length ? await em.find(CustomerIdentity, { where: { corpId, kind: 'external_userid', value: In(externalUserIds) } }) : [];
    const customerRows = identities.length ? await em.find(Customer, { where: { id: In(identities.map((i) => i.customerId)) } }) : [];
    const byId = new Map(customerRows.map((c) => [c.id, c]));
    const customers = new Map<string, { id: string; name: string; ownerStaffId: string | null; gender: Customer['gender'] }>();
    for (const i of identities) {
      const c = byId.get(i.customerId);
      if (c) customers.set(i.value, { id: c.id, name: c.name, ownerStaffId: c.ownerStaffId, gender: c.gender });
    }
    const staffRows = userIds.length ? await em.find(StaffMember, { where: { corpId, wecomUserId: In(userIds) } }) : [];
    const followRows = customerRows.length ? await em.find(CustomerFollow, { where: { customerId: In(customerRows.map((c) => c.id)) } }) : [];
    const follows = new Map<string, KnownFollow>(followRows.map((f) => [`${f.customerId}|${f.staffId}`, f]));
    const tags = await em.createQueryBuilder(Tag, 't').where('t.corp_id = :corpId AND t.wecom_tag_id IS NOT NULL', { corpId }).getMany();
    const unions = unionIds.length ? await em.find(CustomerIdentity, { where: { corpId, kind: 'unionid', value: In(unionIds) } }) : [];
    return {
      customers,
      staff: new Map(staffRows.map((s) => [s.wecomUserId, s.id])),
      follows,
      tags: new Map(tags.map((t) => [t.wecomTagId!, t.id])),
      unionIds: new Set(unions.map((u) => u.value)),
    };
  }

  /** Applies a plan; `newId` gives fresh ids, `evidence` says who tagged in WeCom. */
  async apply(corpId: string, plan: ContactImportPlan, at: Date, newId: () => string): Promise<ImportResult> {
    return this.ds.transaction(async (em) => {
      const staff = await this.ensureStaff(em, corpId, plan, at, newId);
      const customerIds = new Map<string, string>();
      const lookup = async (externalUserId: string): Promise<string> => {
        let id = customerIds.get(externalUserId);
        if (!id) {
          const identity = await em.findOneOrFail(CustomerIdentity, { where: { corpId, kind: 'external_userid', value: externalUserId } });
          id = identity.customerId;
          customerIds.set(externalUserId, id);
        }
        return id;
      };
      for (const c of plan.newCustomers) {
        const id = newId();
        customerIds.set(c.externalUserId, id);
        await em.insert(
          Customer,
          newCustomerRecord({ id, corpId, name: c.name.slice(0, 64), gender: c.gender, ownerStaffId: staff.get(c.ownerUserId) ?? null, createdAt: c.addedAt, updatedAt: at }),
        );
        await em.insert(CustomerIdentity, { id: newId(), corpId, customerId: id, kind: 'external_userid', value: c.externalUserId, createdAt: at });
      }
      for (const u of plan.customerUpdates) {
        await em.update(
          Customer,
          { id: await lookup(u.externalUserId) },
          {
            ...(u.name ? { name: u.name.slice(0, 64) } : {}),
            ...(u.gender ? { gender: u.gender } : {}),
            ...(u.ownerUserId ? { ownerStaffId: staff.get(u.ownerUserId) ?? null } : {}),
            updatedAt: at,
          },
        );
      }
      for (const u of plan.newUnionIds) {
        await em.insert(CustomerIdentity, { id: newId(), corpId, customerId: await lookup(u.externalUserId), kind: 'unionid', value: u.unionId, createdAt: at });
      }
      for (const f of plan.follows) {
        const fields = { remark: f.remark?.slice(0, 100) ?? null, description: f.description?.slice(0, 255) ?? null, addWay: f.addWay, state: f.state?.slice(0, 64) ?? null, wecomTagIds: f.wecomTagIds, updatedAt: at };
        if (f.existingId) {
          await em.update(CustomerFollow, { id: f.existingId }, { ...fields, ...(f.activated ? { status: 'active' as const, addedAt: f.addedAt, endedAt: null } : {}) });
        } else {
          await em.insert(CustomerFollow, {
            id: newId(),
            corpId,
            customerId: await lookup(f.externalUserId),
            staffId: staff.get(f.userId)!,
            status: 'active',
            half: false,
            addedAt: f.addedAt,
            endedAt: null,
            ...fields,
          });
        }
      }
      const changes = new Map<string, { added: string[]; removed: string[] }>();
      const change = (customerId: string) => changes.get(customerId) ?? changes.set(customerId, { added: [], removed: [] }).get(customerId)!;
      for (const t of plan.tagsAdded) {
        const customerId = await lookup(t.externalUserId);
        const exists = await em.findOne(CustomerTag, { where: { customerId, tagId: t.tagId } });
        if (exists) continue;
        await em.insert(CustomerTag, { id: newId(), customerId, tagId: t.tagId, source: 'static', evidence: `WeCom: tagged by ${t.userId}`, confidence: null, createdAt: at, expiresAt: null });
        change(customerId).added.push(t.tagId);
      }
      for (const t of plan.tagsRemoved) {
        // Only tags people set by hand follow WeCom's removal; Lodestar's own inferences stay.
        const customerId = await lookup(t.externalUserId);
        const res = await em.delete(CustomerTag, { customerId, tagId: t.tagId, source: 'static' });
        if (res.affected) change(customerId).removed.push(t.tagId);
      }
      return { customersCreated: plan.newCustomers.length, tagChanges: [...changes].map(([customerId, c]) => ({ customerId, ...c })) };
    });
  }

  private async ensureStaff(em: EntityManager, corpId: string, plan: ContactImportPlan, at: Date, newId: () => string): Promise<Map<string, string>> {
    const userIds = new Set([...plan.newStaff, ...plan.newCustomers.map((c) => c.ownerUserId), ...plan.customerUpdates.flatMap((u) => (u.ownerUserId ? [u.ownerUserId] : [])), ...plan.follows.map((f) => f.userId)]);
    for (const wecomUserId of plan.newStaff) await em.insert(StaffMember, unsyncedAgent(newId(), corpId, wecomUserId, at));
    const rows = userIds.size ? await em.find(StaffMember, { where: { corpId, wecomUserId: In([...userIds]) } }) : [];
    return new Map(rows.map((s) => [s.wecomUserId, s.id]));
  }
}
