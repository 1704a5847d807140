import type { TagSource } from '@lodestar/shared';
import type { AuditLogRepository } from '../db/audit-log.repository';
import type { StaffRepository } from '../org';
import type { Clock } from '../platform/clock';
import { DomainError, notFound } from '../platform/errors';
import type { Principal } from '../platform/http/principal';
import type { IdGenerator } from '../platform/ids';
import { customerScope } from './customer-scope';
import type { CustomerRepository } from './customer.repository';
import type { TagDictionaryService } from './tag-dictionary.service';
import type { TaggingService } from './tagging.service';

export interface CustomerTagDeps {
  customers: CustomerRepository;
  dictionary: TagDictionaryService;
  tagging: TaggingService;
  staff: StaffRepository;
  audit: AuditLogRepository;
  clock: Clock;
  ids: IdGenerator;
}

export interface ManualTagResult {
  /** False when the customer carried the tag already (from any source); it is left as it was. */
  added: boolean;
  tag: { id: string; name: string; group: string; source: TagSource };
}

/** Staff putting dictionary tags on and off the customers they may see. */
export class CustomerTagService {
  constructor(private readonly d: CustomerTagDeps) {}

  async add(principal: Principal, customerId: string, input: { tag: string; group?: string | undefined; evidence?: string | undefined }): Promise<ManualTagResult> {
    const customer = await this.d.customers.findInScope(customerScope(principal), customerId);
    // Out of scope and absent look the same, as in the customer view.
    if (!customer) throw notFound('Customer');
    const tag = await this.d.dictionary.resolve(principal.corpId, input.tag, input.group);
    const evidence = input.evidence?.trim() || `added by ${await this.who(principal)}`;
    const now = this.d.clock.now();
    const change = await this.d.tagging.apply(principal.corpId, customer.id, { add: [{ tagId: tag.id, source: 'manual', evidence }] }, now);
    if (!change.added.length) {
      const [carried] = await this.d.tagging.carried([customer.id], [tag.id]);
      return { added: false, tag: { id: tag.id, name: tag.name, group: tag.groupName, source: carried?.source ?? 'manual' } };
    }
    await this.audit(principal, 'customer.tag_added', customer.id, now, { note: `${tag.groupName}/${tag.name}: ${evidence}`, tagId: tag.id });
    return { added: true, tag: { id: tag.id, name: tag.name, group: tag.groupName, source: 'manual' } };
  }

  /** Takes a tag off a customer whatever put it there (an agent correcting a conversation or a rule). */
  async remove(principal: Principal, customerId: string, tagId: string): Promise<void> {
    const customer = await this.d.customers.findInScope(customerScope(principal), customerId);
    if (!customer) throw notFound('Customer');
    const now = this.d.clock.now();
    const change = await this.d.tagging.apply(principal.corpId, customer.id, { remove: [tagId] }, now);
    if (!change.removed.length) throw new DomainError('not_found', 'The customer does not carry this tag');
    await this.audit(principal, 'customer.tag_removed', customer.id, now, { note: `tag ${tagId} removed by ${await this.who(principal)}`, tagId });
  }

  private async who(principal: Principal): Promise<string> {
    const member = await this.d.staff.findById(principal.id);
    return member?.username ?? member?.wecomUserId ?? principal.name;
  }

  private audit(principal: Principal, action: string, customerId: string, at: Date, detail: Record<string, unknown>): Promise<void> {
    return this.d.audit.record(this.d.ids.next(), at, { corpId: principal.corpId, actorType: 'staff', actorId: principal.id, action, targetType: 'customer', targetId: customerId, detail, ip: null });
  }
}
