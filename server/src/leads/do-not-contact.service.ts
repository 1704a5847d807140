import { maskPhone, normalisePhone } from '../customers';
import { fromDbTime } from '../db/naming';
import type { Clock } from '../platform/clock';
import { DomainError, notFound } from '../platform/errors';
import type { IdGenerator } from '../platform/ids';
import type { DoNotContactRepository } from './do-not-contact.repository';
import type { DoNotContactRecord } from './seat-group.entity';

export interface DoNotContactEntry {
  phoneHash: string;
  phoneMasked: string | null;
  reason: string | null;
  addedBy: string | null;
  addedAt: string;
}

export interface DoNotContactDeps {
  repo: DoNotContactRepository;
  /** The customers domain's PhoneVault: the keyed hash is the only form of the number kept here. */
  vault: { hash(raw: string): string | null };
  clock: Clock;
  ids: IdGenerator;
}

const invalid = (path: string, message: string): DomainError => new DomainError('validation_failed', `${path}: ${message}`, [{ path, message }]);

/**
 * The do-not-contact list (免打扰): numbers nobody may call or message, kept as keyed hashes.
 * Adding one rejects the open leads of every customer with that number that nobody is working on
 * yet (calling, ready, pool); mining rejects new ones (cleaning.plan).
 */
export class DoNotContactService {
  constructor(private readonly d: DoNotContactDeps) {}

  async list(corpId: string): Promise<DoNotContactEntry[]> {
    return (await this.d.repo.list(corpId)).map(entry);
  }

  /**
   * Lists a full phone number, or every number of a customer. Listing a number twice keeps the
   * first entry. Returns the entries and the leads it rejected.
   */
  async add(corpId: string, by: string | null, input: { phone?: string | undefined; customerId?: string | undefined; reason?: string | undefined }): Promise<{ entries: DoNotContactEntry[]; rejectedLeads: string[] }> {
    const numbers: Array<{ hash: string; masked: string | null }> = [];
    if (input.phone !== undefined) {
      const phone = normalisePhone(input.phone);
      const hash = phone ? this.d.vault.hash(phone) : null;
      if (!phone || !hash) throw invalid('body.phone', 'Not a mainland mobile number (11 digits starting with 1, +86 allowed)');
      numbers.push({ hash, masked: maskPhone(phone) });
    } else if (input.customerId !== undefined) {
      const phone = await this.d.repo.customerPhone(corpId, input.customerId);
      if (!phone) throw notFound('Customer');
      if (phone.hashes.length === 0) throw invalid('body.customerId', 'The customer has no phone number on file');
      for (const hash of phone.hashes) numbers.push({ hash, masked: phone.masked });
    } else {
      throw invalid('body', 'Send a phone number or a customerId');
    }
    const at = this.d.clock.now();
    const entries: DoNotContactEntry[] = [];
    const rejectedLeads: string[] = [];
    for (const n of numbers) {
      await this.d.repo.add({ corpId, phoneHash: n.hash, phoneMasked: n.masked, reason: input.reason ?? null, addedBy: by, addedAt: at });
      const row = await this.d.repo.find(corpId, n.hash);
      if (row) entries.push(entry(row));
      const reason = `do_not_contact: the number was put on the do-not-contact list${input.reason ? ` (${input.reason})` : ''}`;
      rejectedLeads.push(...(await this.d.repo.rejectOpenLeads(corpId, n.hash, at, by ?? 'system', reason.slice(0, 500), () => this.d.ids.next())));
    }
    return { entries, rejectedLeads };
  }

  /** Takes a number off the list; leads rejected meanwhile stay rejected, the next mining run may find the customer again. */
  async remove(corpId: string, phoneHash: string): Promise<void> {
    if (!(await this.d.repo.remove(corpId, phoneHash))) throw notFound('Do-not-contact entry');
  }
}

function entry(r: DoNotContactRecord): DoNotContactEntry {
  return { phoneHash: r.phoneHash, phoneMasked: r.phoneMasked, reason: r.reason, addedBy: r.addedBy, addedAt: fromDbTime(r.addedAt).toISOString() };
}
