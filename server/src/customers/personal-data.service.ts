import type {
  CustomerPersonalDataPatch,
  MaskedPersonalData,
  PersonalDataAuditAction,
  PersonalDataAuditList,
  PersonalDataAuditQuery,
  PersonalDataField,
  PersonalDataRevealRequest,
  PersonalDataSettings,
  PersonalDataSettingsPatch,
  RevealedPersonalData,
} from '@lodestar/shared';
import { personalDataAuditActions } from '@lodestar/shared';
import type { AuditLogRepository } from '../db/audit-log.repository';
import type { Clock } from '../platform/clock';
import { DomainError, forbidden, notFound } from '../platform/errors';
import type { Principal } from '../platform/http/principal';
import type { IdGenerator } from '../platform/ids';
import { customerScope } from './customer-scope';
import type { Customer } from './customer.entity';
import type { CustomerRepository } from './customer.repository';
import { demoIdNumbers } from './demo-id-numbers';
import { idNumberProblem } from './id-number';
import type { IdNumberVault } from './id-number-vault';
import { defaultRevealSettings, grantableRoles, refusedFields, type RevealSettings } from './personal-data-access.plan';
import type { PersonalDataRepository } from './personal-data.repository';
import type { PhoneVault } from './phone-vault';

export const defaultChatRetentionDays = 180;

/** The audit action of each kind of personal-data access (audit_log.action). */
export const personalDataAuditAction = (a: PersonalDataAuditAction): string => `personal_data.${a}`;

export interface PersonalDataDeps {
  customers: CustomerRepository;
  repo: PersonalDataRepository;
  phones: PhoneVault;
  idNumbers: IdNumberVault;
  audit: AuditLogRepository;
  clock: Clock;
  ids: IdGenerator;
}

/**
 * Phone and ID number of a customer: set (encrypted), shown masked, revealed only to the roles the
 * rule table allows and always audited; the audit log read back; the corp's settings.
 */
export class PersonalDataService {
  constructor(private readonly d: PersonalDataDeps) {}

  async update(principal: Principal, customerId: string, patch: CustomerPersonalDataPatch, ip: string | null): Promise<MaskedPersonalData> {
    const c = await this.visible(principal, customerId);
    if (c.erasedAt) throw new DomainError('conflict', 'This customer’s personal data was erased on request; it cannot be set again');
    const now = this.d.clock.now();
    const fields: PersonalDataField[] = [];
    if (patch.idNumber !== undefined) {
      const raw = patch.idNumber;
      const problem = raw === null || raw === '' ? null : idNumberProblem(raw);
      if (problem) throw new DomainError('validation_failed', `The ID number ${problem}`, [{ path: 'body.idNumber', message: problem }]);
      await this.d.repo.setIdNumber(c.id, raw ? this.d.idNumbers.protect(raw) : null, now);
      fields.push('idNumber');
    }
    if (patch.phone !== undefined) {
      const raw = patch.phone;
      const p = raw ? this.d.phones.protect(raw) : null;
      if (raw && !p) throw new DomainError('validation_failed', 'The phone must be a mainland mobile number (11 digits starting with 1)', [{ path: 'body.phone', message: 'not a mainland mobile number' }]);
      await this.d.repo.setPhone(c.id, p, now);
      fields.push('phone');
    }
    // The values never go into the audit log: only which fields changed.
    await this.record(principal, 'customer.personal_data_updated', c.id, { fields }, ip, now);
    const fresh = await this.visible(principal, customerId);
    return masked(fresh);
  }

  /** Demo data: valid ID numbers for about half of the customers with a birth date. Returns how many. */
  async seedDemoIdNumbers(corpId: string): Promise<number> {
    const now = this.d.clock.now();
    const picked = demoIdNumbers(await this.d.repo.withoutIdNumber(corpId));
    for (const p of picked) await this.d.repo.setIdNumber(p.id, this.d.idNumbers.protect(p.idNumber), now);
    return picked.length;
  }

  async reveal(principal: Principal, customerId: string, req: PersonalDataRevealRequest, ip: string | null): Promise<RevealedPersonalData> {
    // Out of scope and absent look the same (404) before the role is looked at.
    const c = await this.visible(principal, customerId);
    const fields = [...new Set(req.fields)];
    const refused = refusedFields(principal.role, fields, await this.revealSettings(principal.corpId));
    if (refused.length) throw forbidden(`Your role may not see ${refused.map((f) => fieldNames[f]).join(' or ')} unmasked`);
    const out: RevealedPersonalData = {};
    if (fields.includes('phone')) out.phone = c.phoneCipher ? this.d.phones.decrypt(c.phoneCipher) : null;
    if (fields.includes('idNumber')) out.idNumber = c.idNumberCipher ? this.d.idNumbers.decrypt(c.idNumberCipher) : null;
    await this.record(principal, personalDataAuditAction('reveal'), c.id, { fields, reason: req.reason }, ip, this.d.clock.now());
    return out;
  }

  /** An export of personal data made elsewhere (a CSV, a PIPL export): one audit row per customer. */
  async recordExport(principal: Principal, action: PersonalDataAuditAction, customerIds: readonly string[], detail: { fields: string[]; reason?: string | null; what?: string }, ip: string | null): Promise<void> {
    const at = this.d.clock.now();
    for (const id of customerIds) await this.record(principal, personalDataAuditAction(action), id, detail, ip, at);
  }

  async auditLog(principal: Principal, q: PersonalDataAuditQuery): Promise<PersonalDataAuditList> {
    const { rows, total } = await this.d.repo.auditEntries({
      corpId: principal.corpId,
      ...(q.customerId ? { customerId: q.customerId } : {}),
      ...(q.actorId ? { actorId: q.actorId } : {}),
      ...(q.from ? { from: new Date(q.from) } : {}),
      ...(q.to ? { to: new Date(q.to) } : {}),
      actions: (q.action ? [q.action] : personalDataAuditActions).map(personalDataAuditAction),
      limit: q.limit,
      offset: q.offset,
    });
    return {
      total,
      items: rows.map((r) => ({
        id: r.id,
        at: r.at.toISOString(),
        action: r.action.replace(/^personal_data\./, '') as PersonalDataAuditAction,
        actor: { id: r.actorId, name: r.actorName, role: r.actorRole },
        customerId: r.customerId,
        customerName: r.customerName,
        fields: Array.isArray(r.detail?.fields) ? (r.detail.fields as unknown[]).map(String) : [],
        reason: typeof r.detail?.reason === 'string' ? r.detail.reason : null,
        ip: r.ip,
      })),
    };
  }

  async settings(corpId: string): Promise<PersonalDataSettings> {
    const row = await this.d.repo.settings(corpId);
    const roles = row?.revealRoles ? parseRoles(row.revealRoles) : defaultRevealSettings.extraRoles;
    return { chatRetentionDays: row?.chatRetentionDays ?? defaultChatRetentionDays, revealRoles: { phone: [...roles.phone], idNumber: [...roles.idNumber] } };
  }

  async updateSettings(principal: Principal, patch: PersonalDataSettingsPatch, ip: string | null): Promise<PersonalDataSettings> {
    const current = await this.settings(principal.corpId);
    const next: PersonalDataSettings = {
      chatRetentionDays: patch.chatRetentionDays ?? current.chatRetentionDays,
      revealRoles: {
        phone: grantableRoles('phone', patch.revealRoles?.phone ?? current.revealRoles.phone),
        idNumber: grantableRoles('idNumber', patch.revealRoles?.idNumber ?? current.revealRoles.idNumber),
      },
    };
    const now = this.d.clock.now();
    await this.d.repo.saveSettings({ corpId: principal.corpId, chatRetentionDays: next.chatRetentionDays, revealRoles: JSON.stringify(next.revealRoles), updatedBy: principal.id, updatedAt: now });
    await this.record(principal, 'personal_data.settings_changed', null, { from: current, to: next }, ip, now);
    return next;
  }

  async revealSettings(corpId: string): Promise<RevealSettings> {
    return { extraRoles: (await this.settings(corpId)).revealRoles };
  }

  private async visible(principal: Principal, customerId: string): Promise<Customer> {
    const c = await this.d.customers.findInScope(customerScope(principal), customerId);
    if (!c) throw notFound('Customer');
    return c;
  }

  private async record(principal: Principal, action: string, customerId: string | null, detail: Record<string, unknown>, ip: string | null, at: Date): Promise<void> {
    await this.d.audit.record(this.d.ids.next(), at, {
      corpId: principal.corpId,
      actorType: principal.role === 'customer' ? 'customer' : 'staff',
      actorId: principal.id,
      action,
      targetType: customerId ? 'customer' : 'corp',
      targetId: customerId ?? principal.corpId,
      detail,
      ip,
    });
  }
}

const fieldNames: Record<PersonalDataField, string> = { phone: 'the phone number', idNumber: 'the ID number' };

export function masked(c: Pick<Customer, 'phoneMasked' | 'idNumberMasked'>): MaskedPersonalData {
  return { phone: c.phoneMasked ?? null, idNumber: c.idNumberMasked ?? null };
}

function parseRoles(text: string): RevealSettings['extraRoles'] {
  try {
    const v = JSON.parse(text) as Partial<Record<PersonalDataField, unknown>>;
    const pick = (f: PersonalDataField) => grantableRoles(f, Array.isArray(v[f]) ? (v[f] as unknown[]).filter((r): r is 'team_lead' | 'agent' => r === 'team_lead' || r === 'agent') : []);
    return { phone: pick('phone'), idNumber: pick('idNumber') };
  } catch {
    return defaultRevealSettings.extraRoles;
  }
}
