import { newCustomerRecord } from './customer-record';
import { unsyncedAgent } from '../org';
import type { IdGenerator } from '../platform/ids';
import type { WecomEvent } from '../wecom';
import type { FollowStatus } from './customer-follow.entity';
import type { RelationshipStore } from './relationship.repository';

type ContactEvent = Extract<WecomEvent, { kind: `contact.${string}` }>;

export interface RelationshipOutcome {
  customerId: string;
  staffId: string;
  /** A customer created by this event (first contact with the corp). */
  created: boolean;
}

/**
 * Applies WeCom contact events to customers and their relationships with agents. Applying the
 * same event twice leaves the same state (WeCom retries, the inbox replays).
 */
export class RelationshipService {
  constructor(
    private readonly store: RelationshipStore,
    private readonly ids: IdGenerator,
  ) {}

  async apply(corpId: string, e: ContactEvent, at: Date): Promise<RelationshipOutcome | null> {
    return this.store.transaction(async (repo) => {
      let staff = await repo.staffByWecomId(corpId, e.userId);
      if (!staff) {
        staff = unsyncedAgent(this.ids.next(), corpId, e.userId, at);
        await repo.insertStaff(staff);
      }
      let customer = await repo.customerByExternalId(corpId, e.externalUserId);
      let created = false;
      if (!customer) {
        if (e.kind !== 'contact.added') return null;
        customer = newCustomerRecord({ id: this.ids.next(), corpId, name: e.externalUserId, ownerStaffId: staff.id, createdAt: at });
        await repo.insertCustomer(customer, { id: this.ids.next(), corpId, customerId: customer.id, kind: 'external_userid', value: e.externalUserId, createdAt: at });
        created = true;
      }
      const follow = await repo.follow(customer.id, staff.id);
      const record = (action: string, detail: Record<string, unknown>) =>
        repo.audit(this.ids.next(), at, { corpId, actorType: 'staff', actorId: staff.id, action, targetType: 'customer', targetId: customer.id, detail, ip: null });

      const end = async (status: FollowStatus): Promise<void> => {
        if (follow && follow.status !== status) await repo.updateFollow(follow.id, { status, endedAt: at, updatedAt: at });
      };
      switch (e.kind) {
        case 'contact.added':
          if (!follow) {
            await repo.insertFollow({ id: this.ids.next(), corpId, customerId: customer.id, staffId: staff.id, status: 'active', state: e.state, half: e.half, remark: null, description: null, addWay: null, wecomTagIds: null, addedAt: at, endedAt: null, updatedAt: at });
          } else if (follow.status !== 'active' || follow.half !== e.half) {
            await repo.updateFollow(follow.id, { status: 'active', state: e.state ?? follow.state, half: e.half, addedAt: follow.status === 'active' ? follow.addedAt : at, endedAt: null, updatedAt: at });
          }
          if (!customer.ownerStaffId) await repo.updateCustomer(customer.id, { ownerStaffId: staff.id, updatedAt: at });
          if (!follow || follow.status !== 'active') await record('customer.contact_added', { note: `added by ${e.userId}${e.state ? ` via ${e.state}` : ''}`, state: e.state, half: e.half });
          break;
        case 'contact.edited':
          await record('customer.contact_edited', { note: `edited by ${e.userId}` });
          break;
        case 'contact.deleted_by_agent':
          if (follow?.status === 'active') await record('customer.contact_removed', { note: e.byTransfer ? `handed over from ${e.userId}` : `removed by ${e.userId}` });
          await end(e.byTransfer ? 'transferred' : 'deleted_by_agent');
          break;
        case 'contact.deleted_by_customer':
          if (follow?.status === 'active') await record('customer.churn_signal', { note: `deleted agent ${e.userId}` });
          await end('deleted_by_customer');
          break;
        case 'contact.transfer_failed':
          await record('customer.transfer_failed', { note: `handover to ${e.userId} failed: ${e.reason}` });
          break;
        case 'contact.archive_approved':
          if (!customer.archiveConsent) {
            await repo.updateCustomer(customer.id, { archiveConsent: true, updatedAt: at });
            await record('customer.archive_consent', { note: 'agreed to chat archiving' });
          }
          break;
      }
      return { customerId: customer.id, staffId: staff.id, created };
    });
  }
}
