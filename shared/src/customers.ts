import { z } from 'zod';
import { personalDataFieldSchema } from './personal-data';
import { tagSourceSchema } from './tags';

export const journeyStages = ['interest', 'online_interaction', 'analysis', 'need_clarified', 'purchase', 'referral'] as const;
export const journeyStageSchema = z.enum(journeyStages);
export type JourneyStage = z.infer<typeof journeyStageSchema>;

export const leadGrades = ['A', 'B', 'C', 'D'] as const;
export const leadGradeSchema = z.enum(leadGrades);
export type LeadGrade = z.infer<typeof leadGradeSchema>;

export const identityKinds = ['external_userid', 'openid', 'unionid', 'oa_openid', 'distinct_id', 'login_id', 'anonymous_id', 'phone_hash'] as const;
export const identityKindSchema = z.enum(identityKinds);
export type IdentityKind = z.infer<typeof identityKindSchema>;

export const customerListQuerySchema = z
  .object({
    q: z.string().trim().min(1).max(64).optional().describe('name or city contains'),
    externalUserId: z.string().min(1).max(64).optional(),
    distinctId: z.string().min(1).max(128).optional(),
    tag: z.string().min(1).max(64).optional().describe('tag name'),
    grade: leadGradeSchema.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();
export type CustomerListQuery = z.infer<typeof customerListQuerySchema>;

export const leadSummarySchema = z.object({ score: z.number(), grade: leadGradeSchema }).nullable();

export const customerListItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  externalUserId: z.string().nullable(),
  city: z.string().nullable(),
  stage: journeyStageSchema,
  ownerStaffId: z.string().nullable(),
  tags: z.array(z.string()),
  lead: leadSummarySchema,
});
export type CustomerListItem = z.infer<typeof customerListItemSchema>;

export const customerListSchema = z
  .object({ items: z.array(customerListItemSchema), total: z.number().int() })
  .meta({ id: 'CustomerList' });
export type CustomerList = z.infer<typeof customerListSchema>;

export const customerViewSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    gender: z.enum(['male', 'female', 'unknown']),
    birthDate: z.string().nullable(),
    city: z.string().nullable(),
    stage: journeyStageSchema,
    stageChangedAt: z.string().nullable(),
    phone: z.string().nullable().describe('masked (138****5678); the number itself is kept encrypted'),
    idNumber: z.string().nullable().describe('ID number masked (110101********1234); kept encrypted, revealed only through POST /api/customers/{id}/personal-data/reveal'),
    revealable: z
      .array(personalDataFieldSchema)
      .describe('the fields the caller’s role may reveal for this customer (POST /api/customers/{id}/personal-data/reveal), decided by the same rule table and corp settings as the reveal itself'),
    profile: z.record(z.string(), z.unknown()).describe('profile properties from the tracking SDKs'),
    segments: z.array(z.object({ id: z.string(), name: z.string(), enteredAt: z.string() })),
    owner: z.object({ id: z.string(), name: z.string() }).nullable(),
    identities: z.array(z.object({ kind: identityKindSchema, value: z.string() })),
    tags: z.array(
      z.object({
        tagId: z.string(),
        name: z.string(),
        group: z.string(),
        source: tagSourceSchema,
        evidence: z.string().nullable(),
        confidence: z.number().nullable(),
        at: z.string(),
      }),
    ),
    policies: z.array(
      z.object({
        policyNo: z.string(),
        product: z.string(),
        productLine: z.string(),
        coverAmount: z.number(),
        annualPremium: z.number(),
        status: z.string(),
        startDate: z.string(),
        endDate: z.string().nullable(),
        orphan: z.boolean(),
      }),
    ),
    lead: leadSummarySchema.and(z.object({ reasons: z.array(z.string()) }).partial()).nullable(),
    relationships: z
      .array(
        z.object({
          agent: z.object({ id: z.string(), name: z.string(), userId: z.string() }),
          status: z.enum(['active', 'deleted_by_agent', 'deleted_by_customer', 'transferred']),
          remark: z.string().nullable(),
          description: z.string().nullable(),
          state: z.string().nullable().describe('the channel code or acquisition link the customer came through'),
          addedAt: z.string(),
          endedAt: z.string().nullable(),
        }),
      )
      .describe('the customer’s WeCom relationships with agents, present and past'),
    groups: z
      .array(z.object({ groupId: z.string(), chatId: z.string(), name: z.string(), kind: z.enum(['join', 'quit']), scene: z.number().int().nullable(), at: z.string() }))
      .describe('joins and quits of customer groups, newest first'),
    journeys: z.array(z.object({ journeyId: z.string(), name: z.string(), step: z.string() })),
    timeline: z
      .array(z.object({ at: z.string(), kind: z.string(), summary: z.string() }))
      .describe('newest first: tracking events (kind event.<name>), agent and system actions, WeCom relationship and group changes'),
  })
  .meta({ id: 'CustomerView' });
export type CustomerView = z.infer<typeof customerViewSchema>;
