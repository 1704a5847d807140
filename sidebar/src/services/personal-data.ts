import type {
  MaskedPersonalData,
  PersonalDataAuditAction,
  PersonalDataAuditList,
  PersonalDataField,
  PersonalDataSettings,
  PersonalDataSettingsPatch,
  PiplDeleteResult,
  RevealedPersonalData,
} from '@lodestar/shared';
import { get, patch, post, put, seg } from './http';

/** Who saw or exported whose personal data (admins). */
export const personalDataAudit = (q: { customerId?: string; actorId?: string; action?: PersonalDataAuditAction; from?: string; to?: string; limit?: number; offset?: number }): Promise<PersonalDataAuditList> =>
  get('/api/audit/personal-data', q);

export const personalDataSettings = (): Promise<PersonalDataSettings> => get('/api/settings/personal-data');
export const savePersonalDataSettings = (p: PersonalDataSettingsPatch): Promise<PersonalDataSettings> => put('/api/settings/personal-data', p);

/** Shows phone or ID number unmasked; the server refuses roles that may not, and audits every reveal. */
export const revealPersonalData = (customerId: string, fields: PersonalDataField[], reason: string): Promise<RevealedPersonalData> =>
  post(`/api/customers/${seg(customerId)}/personal-data/reveal`, { fields, reason });

export const setPersonalData = (customerId: string, p: { idNumber?: string | null; phone?: string | null }): Promise<MaskedPersonalData> => patch(`/api/customers/${seg(customerId)}/personal-data`, p);

export const piplDelete = (customerId: string, reason: string): Promise<PiplDeleteResult> => post(`/api/customers/${seg(customerId)}/pipl-delete`, { confirm: customerId, reason });
