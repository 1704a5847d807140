import { z } from 'zod';
import {
  customerPersonalDataPatchSchema,
  maskedPersonalDataSchema,
  personalDataAuditListSchema,
  personalDataAuditQuerySchema,
  personalDataRevealSchema,
  personalDataSettingsPatchSchema,
  personalDataSettingsSchema,
  piplDeleteResultSchema,
  piplDeleteSchema,
  piplExportSchema,
  revealedPersonalDataSchema,
} from '@lodestar/shared';
import { route, type AnyRoute } from '../platform/http/route';
import type { PersonalDataService } from './personal-data.service';
import type { PiplService } from './pipl.service';

const idParams = z.object({ id: z.string().min(1).max(64) });

/** Phone and ID number: set, reveal (audited), the audit log, the corp's settings, and PIPL requests. */
export function personalDataRoutes(d: { personalData: PersonalDataService; pipl: PiplService }): AnyRoute[] {
  return [
    route({
      method: 'patch',
      path: '/api/customers/:id/personal-data',
      tag: 'personal data',
      summary: 'Sets or clears a customer’s ID number (checksum checked) or phone; stored encrypted, answered masked',
      access: ['admin', 'agent'],
      params: idParams,
      body: customerPersonalDataPatchSchema,
      response: maskedPersonalDataSchema,
      errors: [404, 409],
      handler: ({ principal, params, body, ip }) => d.personalData.update(principal!, params.id, body, ip),
    }),
    route({
      method: 'post',
      path: '/api/customers/:id/personal-data/reveal',
      tag: 'personal data',
      summary: 'Shows a customer’s phone or ID number unmasked, with a reason; audited. Admins both; the owning agent the phone; others as the corp configures',
      access: ['admin', 'team_lead', 'agent'],
      params: idParams,
      body: personalDataRevealSchema,
      response: revealedPersonalDataSchema,
      errors: [403, 404],
      handler: ({ principal, params, body, ip }) => d.personalData.reveal(principal!, params.id, body, ip),
    }),
    route({
      method: 'get',
      path: '/api/customers/:id/pipl-export',
      tag: 'personal data',
      summary: 'PIPL access request: everything held about the customer, personal data decrypted; audited',
      access: ['admin'],
      params: idParams,
      query: z.object({ reason: z.string().trim().min(1).max(200).optional() }).strict(),
      response: piplExportSchema,
      errors: [404],
      handler: ({ principal, params, query, ip }) => d.pipl.export(principal!, params.id, query.reason ?? null, ip),
    }),
    route({
      method: 'post',
      path: '/api/customers/:id/pipl-delete',
      tag: 'personal data',
      summary: 'PIPL deletion request: erases the customer’s personal data in every table (the row stays, anonymised); confirm by repeating the id; audited; idempotent',
      access: ['admin'],
      params: idParams,
      body: piplDeleteSchema,
      response: piplDeleteResultSchema,
      errors: [400, 404],
      handler: ({ principal, params, body, ip }) => d.pipl.erase(principal!, params.id, body, ip),
    }),
    route({
      method: 'get',
      path: '/api/audit/personal-data',
      tag: 'personal data',
      summary: 'Who revealed or exported whose personal data, when and why; filter by customer, actor, action and time',
      access: ['admin'],
      query: personalDataAuditQuerySchema,
      response: personalDataAuditListSchema,
      handler: ({ principal, query }) => d.personalData.auditLog(principal!, query),
    }),
    route({
      method: 'get',
      path: '/api/settings/personal-data',
      tag: 'personal data',
      summary: 'The corp’s personal-data settings: days archived chats are kept; roles allowed to reveal each field',
      access: ['admin'],
      response: personalDataSettingsSchema,
      handler: ({ principal }) => d.personalData.settings(principal!.corpId),
    }),
    route({
      method: 'put',
      path: '/api/settings/personal-data',
      tag: 'personal data',
      summary: 'Changes the chat retention days or the roles allowed to reveal a field; audited',
      access: ['admin'],
      body: personalDataSettingsPatchSchema,
      response: personalDataSettingsSchema,
      handler: ({ principal, body, ip }) => d.personalData.updateSettings(principal!, body, ip),
    }),
  ];
}
