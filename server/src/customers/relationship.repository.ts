import type { DataSource, EntityManager } from 'typeorm';
import { AuditLogRepository, type AuditEntry } from '../db/audit-log.repository';
import { StaffMember } from '../org';
import { CustomerFollow, type FollowStatus } from './customer-follow.entity';
import { CustomerIdentity } from './customer-identity.entity';
import { Customer } from './customer.entity';

/** Opens one transaction for a relationship change. */
export class RelationshipStore {
  constructor(private readonly ds: DataSource) {}

  transaction<T>(fn: (repo: RelationshipRepository) => Promise<T>): Promise<T> {
    return this.ds.transaction((em) => fn(new RelationshipRepository(em, new AuditLogRepository(this.ds))));
  }
}

/** Writes of the WeCom relationship, inside one transaction. */
export class RelationshipRepository {
  constructor(
    private readonly em: EntityManager,
    private readonly auditLog: AuditLogRepository,
  ) {}

  async audit(id: string, at: Date, entry: AuditEntry): Promise<void> {
    await this.auditLog.record(id, at, entry, this.em);
  }

  async staffByWecomId(corpId: string, wecomUserId: string): Promise<StaffMember | null> {
    return this.em.getRepository(StaffMember).findOne({ where: { corpId, wecomUserId } });
  }

  async insertStaff(s: StaffMember): Promise<void> {
    await this.em.getRepository(StaffMember).insert(s);
  }

  async customerByExternalId(corpId: string, externalUserId: string): Promise<Customer | null> {
    const identity = await this.em.getRepository(CustomerIdentity).findOne({ where: { corpId, kind: 'external_userid', value: externalUserId } });
    if (!identity) return null;
    return this.em.getRepository(Customer).findOne({ where: { id: identity.customerId } });
  }

  async insertCustomer(c: Customer, identity: CustomerIdentity): Promise<void> {
    await this.em.getRepository(Customer).insert(c);
    await this.em.getRepository(CustomerIdentity).insert(identity);
  }

  async updateCustomer(id: string, patch: Partial<Pick<Customer, 'ownerStaffId' | 'archiveConsent' | 'updatedAt'>>): Promise<void> {
    await this.em.getRepository(Customer).update({ id }, patch);
  }

  async follow(customerId: string, staffId: string): Promise<CustomerFollow | null> {
    return this.em.getRepository(CustomerFollow).findOne({ where: { customerId, staffId } });
  }

  async insertFollow(f: CustomerFollow): Promise<void> {
    await this.em.getRepository(CustomerFollow).insert(f);
  }

  async updateFollow(id: string, patch: { status: FollowStatus; state?: string | null; half?: boolean; addedAt?: Date; endedAt: Date | null; updatedAt: Date }): Promise<void> {
    await this.em.getRepository(CustomerFollow).update({ id }, patch);
  }
}
