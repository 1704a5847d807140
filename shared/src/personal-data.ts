import { z } from 'zod';

/** The personal fields Lodestar keeps encrypted and shows masked. */
export const personalDataFields = ['phone', 'idNumber'] as const;
export const personalDataFieldSchema = z.enum(personalDataFields);
export type PersonalDataField = z.infer<typeof personalDataFieldSchema>;

/** Roles a corp may open a configurable field to (the `always` ones need no setting). */
export const revealConfigurableRoleSchema = z.enum(['team_lead', 'agent']);

/** Static data that staff type in for a customer: a new ID number or phone (null clears it). */
export const customerPersonalDataPatchSchema = z
  .object({
    idNumber: z.string().trim().max(32).nullable().optional().describe('居民身份证号 (18 characters, checksum checked); stored encrypted, shown masked'),
    phone: z.string().trim().max(32).nullable().optional().describe('mainland mobile number; stored encrypted, shown masked'),
  })
  .strict()
  .refine((b) => b.idNumber !== undefined || b.phone !== undefined, 'name idNumber or phone');
export type CustomerPersonalDataPatch = z.infer<typeof customerPersonalDataPatchSchema>;

/** What a customer's personal data looks like to someone who has not revealed it. */
export const maskedPersonalDataSchema = z
  .object({ phone: z.string().nullable(), idNumber: z.string().nullable() })
  .meta({ id: 'MaskedPersonalData' });
export type MaskedPersonalData = z.infer<typeof maskedPersonalDataSchema>;

export const personalDataRevealSchema = z
  .object({
    fields: z.array(personalDataFieldSchema).min(1).max(2),
    reason: z.string().trim().min(2, 'say why (at least 2 characters)').max(200),
  })
  .strict();
export type PersonalDataRevealRequest = z.infer<typeof personalDataRevealSchema>;

/** The fields asked for, in clear (null when the customer has none); audited. */
export const revealedPersonalDataSchema = z
  .object({ phone: z.string().nullable().optional(), idNumber: z.string().nullable().optional() })
  .meta({ id: 'RevealedPersonalData' });
export type RevealedPersonalData = z.infer<typeof revealedPersonalDataSchema>;

export const personalDataAuditActions = ['reveal', 'pipl_export', 'pipl_delete', 'export'] as const;
export const personalDataAuditActionSchema = z.enum(personalDataAuditActions);
export type PersonalDataAuditAction = z.infer<typeof personalDataAuditActionSchema>;

export const personalDataAuditQuerySchema = z
  .object({
    customerId: z.string().min(1).max(64).optional(),
    actorId: z.string().min(1).max(64).optional(),
    action: personalDataAuditActionSchema.optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();
export type PersonalDataAuditQuery = z.infer<typeof personalDataAuditQuerySchema>;

export const personalDataAuditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  action: personalDataAuditActionSchema,
  actor: z.object({ id: z.string().nullable(), name: z.string().nullable(), role: z.string().nullable() }),
  customerId: z.string().nullable(),
  customerName: z.string().nullable(),
  fields: z.array(z.string()),
  reason: z.string().nullable(),
  ip: z.string().nullable(),
});
export type PersonalDataAuditEntry = z.infer<typeof personalDataAuditEntrySchema>;

export const personalDataAuditListSchema = z
  .object({ items: z.array(personalDataAuditEntrySchema), total: z.number().int() })
  .meta({ id: 'PersonalDataAuditList' });
export type PersonalDataAuditList = z.infer<typeof personalDataAuditListSchema>;

export const personalDataSettingsSchema = z
  .object({
    chatRetentionDays: z.number().int().min(1).max(3650).describe('archived chat messages older than this are deleted by the worker'),
    revealRoles: z
      .object({ phone: z.array(revealConfigurableRoleSchema).max(2), idNumber: z.array(revealConfigurableRoleSchema).max(2) })
      .describe('roles allowed to reveal a field beyond those that always may (admin both; the owning agent the phone)'),
  })
  .meta({ id: 'PersonalDataSettings' });
export type PersonalDataSettings = z.infer<typeof personalDataSettingsSchema>;

export const personalDataSettingsPatchSchema = z
  .object({
    chatRetentionDays: z.number().int().min(1).max(3650).optional(),
    revealRoles: z.object({ phone: z.array(revealConfigurableRoleSchema).max(2).optional(), idNumber: z.array(revealConfigurableRoleSchema).max(2).optional() }).strict().optional(),
  })
  .strict();
export type PersonalDataSettingsPatch = z.infer<typeof personalDataSettingsPatchSchema>;

/** Everything held about one person (a PIPL access request), personal data decrypted. */
export const piplExportSchema = z
  .object({
    customerId: z.string(),
    exportedAt: z.string(),
    erasedAt: z.string().nullable(),
    profile: z.record(z.string(), z.unknown()),
    sections: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))).describe('rows per kind of data: identities, tags, events, policies, chatMessages, leads, miniProgram…'),
  })
  .meta({ id: 'PiplExport' });
export type PiplExport = z.infer<typeof piplExportSchema>;

export const piplDeleteSchema = z
  .object({
    confirm: z.string().min(1).max(64).describe('the customer id again, to confirm'),
    reason: z.string().trim().min(2).max(200),
  })
  .strict();
export type PiplDeleteRequest = z.infer<typeof piplDeleteSchema>;

export const piplDeleteResultSchema = z
  .object({
    customerId: z.string(),
    erasedAt: z.string(),
    alreadyErased: z.boolean(),
    rows: z.record(z.string(), z.number().int()).describe('rows deleted or anonymised per table'),
  })
  .meta({ id: 'PiplDeleteResult' });
export type PiplDeleteResult = z.infer<typeof piplDeleteResultSchema>;
