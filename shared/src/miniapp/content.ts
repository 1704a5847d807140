import { z } from 'zod';
import { id, isoTime, mpPhoneInputSchema, mpProductLineSchema, mpRequestIdSchema } from './common';

/** Content, products, leave-contact, proposals, coverage gaps, and the events the mini-program writes (see index.ts). */
export const mpArticleCategorySchema = z.enum(['knowledge', 'local_news', 'product', 'retirement', 'claims']);

export const mpArticleQuerySchema = z
  .object({ tag: z.string().min(1).max(32).optional().describe('a category (knowledge, claims …) or a product line') })
  .strict();
export type MpArticleQuery = z.infer<typeof mpArticleQuerySchema>;

export const mpArticleCardSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    category: mpArticleCategorySchema,
    summary: z.string(),
    productLine: mpProductLineSchema.nullable(),
    publishedAt: isoTime,
  })
  .meta({ id: 'MpArticleCard' });
export type MpArticleCard = z.infer<typeof mpArticleCardSchema>;
export const mpArticleListSchema = z.object({ items: z.array(mpArticleCardSchema).describe('newest first') }).meta({ id: 'MpArticleList' });
export type MpArticleList = z.infer<typeof mpArticleListSchema>;
export const mpArticleSchema = mpArticleCardSchema.extend({ body: z.string() }).meta({ id: 'MpArticle' });
export type MpArticle = z.infer<typeof mpArticleSchema>;

export const mpProductQuerySchema = z.object({ line: mpProductLineSchema.optional() }).strict();
export type MpProductQuery = z.infer<typeof mpProductQuerySchema>;

export const mpProductSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    line: mpProductLineSchema,
    lineName: z.string(),
    minCover: z.number(),
    maxCover: z.number(),
    premiumFrom: z.number().describe('the lowest annual premium'),
    description: z.string(),
  })
  .meta({ id: 'MpProduct' });
export type MpProduct = z.infer<typeof mpProductSchema>;
export const mpProductListSchema = z.object({ items: z.array(mpProductSchema) }).meta({ id: 'MpProductList' });
export type MpProductList = z.infer<typeof mpProductListSchema>;

export const mpLeadRequestSchema = z
  .object({
    requestId: mpRequestIdSchema,
    productId: id.optional(),
    name: z.string().trim().min(1).max(32),
    phone: mpPhoneInputSchema,
    consent: z.literal(true).describe('the customer agreed to be contacted'),
    note: z.string().max(200).optional(),
  })
  .strict()
  .meta({ id: 'MpLeadRequest' });
export type MpLeadRequest = z.infer<typeof mpLeadRequestSchema>;
export const mpLeadResultSchema = z
  .object({ leadId: z.string().nullable().describe('null when the customer already has an open lead of the line or it was not taken (do-not-contact)') })
  .meta({ id: 'MpLeadResult' });
export type MpLeadResult = z.infer<typeof mpLeadResultSchema>;

export const proposalItemSchema = z
  .object({ product: mpProductSchema, cover: z.number(), premium: z.number().describe('annual premium') })
  .meta({ id: 'ProposalItem' });
export const proposalSchema = z
  .object({
    id: z.string(),
    customerId: z.string(),
    agent: z.object({ staffId: z.string(), name: z.string(), title: z.string(), avatarUrl: z.string().nullable() }),
    items: z.array(proposalItemSchema),
    totalPremium: z.number(),
    createdAt: isoTime,
    views: z.number().int().describe('how often the customer opened it'),
  })
  .meta({ id: 'Proposal' });
export type Proposal = z.infer<typeof proposalSchema>;

export const proposalInputSchema = z
  .object({
    customerId: id,
    items: z
      .array(z.object({ productId: id, cover: z.number().int().min(1).max(100_000_000) }).strict())
      .min(1)
      .max(10),
  })
  .strict()
  .meta({ id: 'ProposalInput' });
export type ProposalInput = z.infer<typeof proposalInputSchema>;

/** What an agent can send from the sidebar: content that opens in the mini-program. */
export const shareableKinds = ['article', 'product', 'activity'] as const;
export const shareableKindSchema = z.enum(shareableKinds);
export type ShareableKind = z.infer<typeof shareableKindSchema>;
export const shareableSchema = z
  .object({
    kind: shareableKindSchema,
    id: z.string(),
    title: z.string(),
    summary: z.string(),
    /** The mini-program page that opens it (for a miniprogram message). */
    page: z.string(),
    /** The same page in the H5 build, relative to the server (for a link message). */
    url: z.string(),
  })
  .meta({ id: 'Shareable' });
export type Shareable = z.infer<typeof shareableSchema>;
export const shareableQuerySchema = z.object({ kind: shareableKindSchema.optional(), q: z.string().trim().max(50).optional() }).strict();
export const shareableListSchema = z.object({ items: z.array(shareableSchema) }).meta({ id: 'ShareableList' });
export type ShareableList = z.infer<typeof shareableListSchema>;

export const proposalListQuerySchema = z.object({ customerId: id }).strict();
export const proposalListSchema = z.object({ items: z.array(proposalSchema) }).meta({ id: 'ProposalList' });
export type ProposalList = z.infer<typeof proposalListSchema>;

/** The protection lines the self-assessment looks at. */
export const gapLines = ['critical_illness', 'medical', 'accident', 'life'] as const;
export const gapLineSchema = z.enum(gapLines);
export type GapLine = z.infer<typeof gapLineSchema>;

const amount = z.number().min(0).max(1_000_000_000);
export const assessmentInputSchema = z
  .object({
    age: z.number().int().min(0).max(100),
    annualIncome: amount.describe('yuan per year'),
    dependents: z.number().int().min(0).max(20),
    debts: amount.describe('mortgage and loans outstanding, yuan'),
    existing: z.object({ critical_illness: amount, medical: amount, accident: amount, life: amount }).strict().describe('cover already held per line, yuan'),
  })
  .strict()
  .meta({ id: 'AssessmentInput' });
export type AssessmentInput = z.infer<typeof assessmentInputSchema>;

export const coverageGapSchema = z
  .object({ line: gapLineSchema, recommended: z.number(), existing: z.number(), gap: z.number().describe('recommended − existing, never below 0') })
  .meta({ id: 'CoverageGap' });
export type CoverageGap = z.infer<typeof coverageGapSchema>;

export const assessmentResultSchema = z
  .object({
    id: z.string(),
    gaps: z.array(coverageGapSchema),
    score: z.number().int().min(0).max(100).describe('protection score: 100 = every recommended cover held'),
  })
  .meta({ id: 'AssessmentResult' });
export type AssessmentResult = z.infer<typeof assessmentResultSchema>;

/** Customer events the mini-program writes into the customer view (tracking event names). */
export const miniappEventNames = [
  'check_in',
  'activity_view',
  'activity_signup',
  'activity_attended',
  'referral_joined',
  'referral_qualified',
  'article_viewed',
  'product_viewed',
  'proposal_viewed',
  'gap_assessed',
  'lead_left',
] as const;
export type MiniappEventName = (typeof miniappEventNames)[number];
