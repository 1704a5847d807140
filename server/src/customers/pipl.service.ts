import type { PiplDeleteRequest, PiplDeleteResult, PiplExport } from '@lodestar/shared';
import type { Clock } from '../platform/clock';
import { DomainError, notFound } from '../platform/errors';
import type { Principal } from '../platform/http/principal';
import { customerScope } from './customer-scope';
import type { CustomerRepository } from './customer.repository';
import type { IdNumberVault } from './id-number-vault';
import { parseJsonObject } from './json-object';
import type { PersonalDataService } from './personal-data.service';
import type { PhoneVault } from './phone-vault';
import type { PiplRepository, Row } from './pipl.repository';

export interface PiplDeps {
  customers: CustomerRepository;
  repo: PiplRepository;
  personalData: PersonalDataService;
  phones: PhoneVault;
  idNumbers: IdNumberVault;
  clock: Clock;
}

/** PIPL requests of one person: everything held about them, or their erasure. Both audited. */
export class PiplService {
  constructor(private readonly d: PiplDeps) {}

  async export(principal: Principal, customerId: string, reason: string | null, ip: string | null): Promise<PiplExport> {
    const c = await this.d.customers.findInScope(customerScope(principal), customerId);
    if (!c) throw notFound('Customer');
    const held = await this.d.repo.collect(principal.corpId, c.id);
    const [main, ...merged] = held.customers.map((r) => this.decrypted(r));
    const sections: Record<string, Row[]> = { ...held.sections, mergedRecords: merged };
    for (const [k, rows] of Object.entries(sections)) sections[k] = rows.map((r) => this.decrypted(r));
    await this.d.personalData.recordExport(principal, 'pipl_export', [c.id], { fields: ['phone', 'idNumber', 'all'], reason, what: 'PIPL export' }, ip);
    return {
      customerId: c.id,
      exportedAt: this.d.clock.now().toISOString(),
      erasedAt: c.erasedAt ? c.erasedAt.toISOString() : null,
      profile: { ...main, profile: parseJsonObject(typeof main?.profile === 'string' ? main.profile : null) },
      sections,
    };
  }

  async erase(principal: Principal, customerId: string, req: PiplDeleteRequest, ip: string | null): Promise<PiplDeleteResult> {
    if (req.confirm !== customerId) throw new DomainError('bad_request', 'To confirm, repeat the customer id in "confirm"', [{ path: 'body.confirm', message: 'must equal the customer id' }]);
    const c = await this.d.customers.findInScope(customerScope(principal), customerId);
    if (!c) throw notFound('Customer');
    const at = this.d.clock.now();
    const rows = await this.d.repo.erase(principal.corpId, c.id, at);
    await this.d.personalData.recordExport(principal, 'pipl_delete', [c.id], { fields: ['all'], reason: req.reason, what: `rows: ${JSON.stringify(rows)}` }, ip);
    return { customerId: c.id, erasedAt: (c.erasedAt ?? at).toISOString(), alreadyErased: c.erasedAt !== null && c.erasedAt !== undefined, rows };
  }

  /** Cipher columns replaced by their clear values; hashes dropped (they mean nothing to the person). */
  private decrypted(row: Row | undefined): Row {
    if (!row) return {};
    const out: Row = {};
    for (const [k, v] of Object.entries(row)) {
      if (k === 'phone_cipher') out.phone = typeof v === 'string' ? this.d.phones.decrypt(v) : null;
      else if (k === 'id_number_cipher') out.id_number = typeof v === 'string' ? this.d.idNumbers.decrypt(v) : null;
      else if (k === 'id_number_hash') continue;
      else out[k] = v;
    }
    return out;
  }
}
