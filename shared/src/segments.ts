import { z } from 'zod';
import { journeyStageSchema, leadGradeSchema, journeyStages } from './customers';
import { tagSourceSchema } from './tags';

export const productLineSchema = z.enum(['critical_illness', 'medical', 'accident', 'travel_accident', 'life', 'annuity', 'education']);
export const policyStatusSchema = z.enum(['active', 'lapsed', 'expired', 'surrendered']);

/** A property filter on an event: every listed property must equal the value. */
export const eventWhereSchema = z.record(z.string().min(1).max(64), z.union([z.string().max(100), z.number(), z.boolean()]));
export type EventWhere = z.infer<typeof eventWhereSchema>;

const attributeFields = ['city', 'gender', 'age', 'has_owner', 'archive_consent', 'has_phone', 'has_wecom'] as const;
const comparison = z.enum(['eq', 'neq', 'in', 'gte', 'lte']);
const scalar = z.union([z.string().max(100), z.number(), z.boolean()]);

/**
 * The segment rule language, also used by journey-stage rules and (later) journey branches.
 * A closed union on `type`; the server compiles it to one SQL condition over the customer.
 */
export type SegmentRule =
  | { type: 'all'; rules: SegmentRule[] }
  | { type: 'any'; rules: SegmentRule[] }
  | { type: 'not'; rule: SegmentRule }
  | { type: 'attribute'; field: (typeof attributeFields)[number]; op: z.infer<typeof comparison>; value: string | number | boolean | string[] }
  | { type: 'profile'; key: string; op: z.infer<typeof comparison>; value: string | number | boolean | string[] }
  /** A tag by name, optionally within one group (name or key); or, with `group` only, any tag of that group. */
  | { type: 'tag'; tag?: string | undefined; group?: string | undefined; sources?: z.infer<typeof tagSourceSchema>[] | undefined }
  | { type: 'event_count'; event: string; where?: EventWhere | undefined; withinDays: number; min: number; max?: number | undefined }
  | { type: 'streak'; event: string; min: number }
  | { type: 'grade'; grades: z.infer<typeof leadGradeSchema>[] }
  /** The lead score (0–100), fit and engagement together. */
  | { type: 'score'; min?: number | undefined; max?: number | undefined }
  /** Membership of a saved segment (journeys branch on it; a segment cannot refer to one). */
  | { type: 'segment'; segmentId: string }
  | { type: 'stage'; stages: z.infer<typeof journeyStageSchema>[] }
  | {
      type: 'policy';
      line?: z.infer<typeof productLineSchema> | undefined;
      status?: z.infer<typeof policyStatusSchema> | undefined;
      orphan?: boolean | undefined;
      coverAtMost?: number | undefined;
      coverAtLeast?: number | undefined;
      /** true: the customer has no policy matching the rest. */
      none?: boolean | undefined;
    };

export const segmentRuleSchema: z.ZodType<SegmentRule> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('all'), rules: z.array(segmentRuleSchema).min(1).max(50) }).strict(),
    z.object({ type: z.literal('any'), rules: z.array(segmentRuleSchema).min(1).max(50) }).strict(),
    z.object({ type: z.literal('not'), rule: segmentRuleSchema }).strict(),
    z.object({ type: z.literal('attribute'), field: z.enum(attributeFields), op: comparison, value: z.union([scalar, z.array(z.string().max(100)).max(100)]) }).strict(),
    z
      .object({ type: z.literal('profile'), key: z.string().regex(/^[A-Za-z_$][A-Za-z0-9_$]{0,63}$/, 'a profile property name'), op: comparison, value: z.union([scalar, z.array(z.string().max(100)).max(100)]) })
      .strict(),
    z
      .object({ type: z.literal('tag'), tag: z.string().min(1).max(64).optional(), group: z.string().min(1).max(64).optional(), sources: z.array(tagSourceSchema).min(1).optional() })
      .strict()
      .refine((r) => r.tag !== undefined || r.group !== undefined, { message: 'Name a tag, a group, or both', path: ['tag'] }),
    z
      .object({
        type: z.literal('event_count'),
        event: z.string().min(1).max(100),
        where: eventWhereSchema.optional(),
        withinDays: z.number().int().min(1).max(366),
        min: z.number().int().min(0).default(1),
        max: z.number().int().min(0).optional(),
      })
      .strict(),
    z.object({ type: z.literal('streak'), event: z.string().min(1).max(100), min: z.number().int().min(1) }).strict(),
    z.object({ type: z.literal('grade'), grades: z.array(leadGradeSchema).min(1) }).strict(),
    z
      .object({ type: z.literal('score'), min: z.number().min(0).max(100).optional(), max: z.number().min(0).max(100).optional() })
      .strict()
      .refine((r) => r.min !== undefined || r.max !== undefined, { message: 'Give a minimum, a maximum, or both', path: ['min'] }),
    z.object({ type: z.literal('segment'), segmentId: z.string().min(1).max(64) }).strict(),
    z.object({ type: z.literal('stage'), stages: z.array(journeyStageSchema).min(1) }).strict(),
    z
      .object({
        type: z.literal('policy'),
        line: productLineSchema.optional(),
        status: policyStatusSchema.optional(),
        orphan: z.boolean().optional(),
        coverAtMost: z.number().min(0).optional(),
        coverAtLeast: z.number().min(0).optional(),
        none: z.boolean().optional(),
      })
      .strict(),
  ]),
).meta({ id: 'SegmentRule' }) as z.ZodType<SegmentRule>;

export const segmentInputSchema = z
  .object({ name: z.string().trim().min(1).max(100), description: z.string().max(500).nullable().optional(), rule: segmentRuleSchema })
  .strict()
  .meta({ id: 'SegmentInput' });
export type SegmentInput = z.infer<typeof segmentInputSchema>;

export const segmentSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    rule: segmentRuleSchema,
    memberCount: z.number().int(),
    refreshedAt: z.string().nullable(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Segment' });
export type SegmentView = z.infer<typeof segmentSchema>;

export const segmentListSchema = z.object({ items: z.array(segmentSchema) }).meta({ id: 'SegmentList' });

export const segmentPreviewInputSchema = z.object({ rule: segmentRuleSchema }).strict().meta({ id: 'SegmentPreviewInput' });

export const segmentMembersQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();
export type SegmentMembersQuery = z.infer<typeof segmentMembersQuerySchema>;

export const segmentMembersSchema = z
  .object({
    items: z.array(z.object({ id: z.string(), name: z.string(), stage: journeyStageSchema, enteredAt: z.string() })),
    /** Members the caller may see (a team lead: their team's customers). */
    total: z.number().int(),
  })
  .meta({ id: 'SegmentMembers' });
export type SegmentMembers = z.infer<typeof segmentMembersSchema>;

export const segmentPreviewSchema = z
  .object({ count: z.number().int(), sample: z.array(z.object({ id: z.string(), name: z.string() })) })
  .meta({ id: 'SegmentPreview' });

/** Journey-stage rules: a customer is in the highest stage whose rule holds (interest when none does). */
export const stageRuleSchema = z.object({ stage: journeyStageSchema, rule: segmentRuleSchema.nullable() });
export const stageRulesSchema = z
  .object({ rules: z.array(stageRuleSchema).length(journeyStages.length) })
  .meta({ id: 'StageRules' });
export type StageRules = z.infer<typeof stageRulesSchema>;

/** A corp's rule for one stage as the console shows it: `isDefault` when the corp has not changed it. */
export const stageRuleViewSchema = z
  .object({ stage: journeyStageSchema, rule: segmentRuleSchema.nullable(), isDefault: z.boolean(), updatedAt: z.string().nullable() })
  .meta({ id: 'StageRuleView' });
export type StageRuleView = z.infer<typeof stageRuleViewSchema>;
export const stageRulesViewSchema = z.object({ rules: z.array(stageRuleViewSchema) }).meta({ id: 'StageRulesView' });
export const stageRulesUpdateResultSchema = z
  .object({ rules: z.array(stageRuleViewSchema), changed: z.number().int().describe('customers whose stage changed under the new rules') })
  .meta({ id: 'StageRulesUpdateResult' });
