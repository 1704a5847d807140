import { z } from 'zod';
import { isoTime, mpProductLineSchema } from './common';

/** Login and identity (see index.ts). */
export const mpLoginRequestSchema = z
  .object({
    code: z.string().min(1).max(128).describe('the code from wx.login'),
    referrer: z.string().min(1).max(64).optional().describe('a referral code from a share card or a poster scene (r=<code>)'),
    channel: z.string().min(1).max(64).optional().describe('where the customer came from (entry scene, campaign)'),
  })
  .strict()
  .meta({ id: 'MpLoginRequest' });
export type MpLoginRequest = z.infer<typeof mpLoginRequestSchema>;

export const mpCustomerSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    phoneMasked: z.string().nullable().describe('138****5678, or null before the phone is bound'),
    timezone: z.string().describe('IANA zone; check-in days are counted in it'),
  })
  .meta({ id: 'MpCustomer' });
export type MpCustomer = z.infer<typeof mpCustomerSchema>;

export const mpLoginResponseSchema = z
  .object({
    token: z.string().describe('bearer token, role customer'),
    expiresAt: isoTime,
    customer: mpCustomerSchema,
    isNew: z.boolean().describe('true when this login created the customer'),
  })
  .meta({ id: 'MpLoginResponse' });
export type MpLoginResponse = z.infer<typeof mpLoginResponseSchema>;

export const mpPhoneRequestSchema = z
  .object({
    code: z.string().min(1).max(128).describe('the code from the getPhoneNumber button'),
    consent: z.literal(true).describe('the customer agreed to the privacy terms; anything else is refused'),
  })
  .strict()
  .meta({ id: 'MpPhoneRequest' });
export type MpPhoneRequest = z.infer<typeof mpPhoneRequestSchema>;

export const mpPhoneResponseSchema = z.object({ phoneMasked: z.string() }).meta({ id: 'MpPhoneResponse' });
export type MpPhoneResponse = z.infer<typeof mpPhoneResponseSchema>;

export const mpAgentCardSchema = z
  .object({
    staffId: z.string(),
    name: z.string(),
    title: z.string(),
    avatarUrl: z.string().nullable(),
    contactWay: z
      .object({ configId: z.string(), scene: z.literal(1) })
      .nullable()
      .describe('a WeCom contact way of scene 1 (mini-program): pass configId to the add-contact plugin; null when WeCom refused one'),
  })
  .meta({ id: 'MpAgentCard' });
export type MpAgentCard = z.infer<typeof mpAgentCardSchema>;

export const mpMeSchema = z
  .object({
    customer: mpCustomerSchema,
    points: z.object({ balance: z.number().int() }),
    counts: z.object({ tickets: z.number().int(), invitees: z.number().int(), policies: z.number().int() }),
    agent: mpAgentCardSchema.nullable().describe('the customer’s own agent, or null'),
  })
  .meta({ id: 'MpMe' });
export type MpMe = z.infer<typeof mpMeSchema>;

export const mpPolicySchema = z
  .object({
    policyNo: z.string(),
    product: z.string(),
    productLine: mpProductLineSchema,
    coverAmount: z.number(),
    annualPremium: z.number(),
    status: z.enum(['active', 'lapsed', 'expired', 'surrendered']),
    startDate: z.string(),
    endDate: z.string().nullable(),
  })
  .meta({ id: 'MpPolicy' });
export type MpPolicy = z.infer<typeof mpPolicySchema>;

export const mpPolicyListSchema = z.object({ items: z.array(mpPolicySchema) }).meta({ id: 'MpPolicyList' });
export type MpPolicyList = z.infer<typeof mpPolicyListSchema>;
