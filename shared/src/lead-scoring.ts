import { z } from 'zod';
import { journeyStageSchema, leadGradeSchema } from './customers';
import { eventWhereSchema, productLineSchema } from './segments';
import { tagSourceSchema } from './tags';

/** Fit: who the customer is (attributes, policies). Engagement: what they do and say, fading with time. */
export const scoreDimensionSchema = z.enum(['fit', 'engagement']);
export type ScoreDimension = z.infer<typeof scoreDimensionSchema>;

const base = { id: z.string().min(1).max(64), name: z.string().min(1).max(100), points: z.number().min(-100).max(100) };

/** One scoring rule; the closed union is dispatched exhaustively by the scorer. */
export const scoringRuleSchema = z.discriminatedUnion('kind', [
  z
    .object({
      ...base,
      kind: z.literal('age'),
      dimension: z.literal('fit'),
      min: z.number().int().min(0).max(120),
      max: z.number().int().min(0).max(120),
    })
    .strict(),
  z.object({ ...base, kind: z.literal('city'), dimension: z.literal('fit'), cities: z.array(z.string().min(1).max(32)).min(1) }).strict(),
  z.object({ ...base, kind: z.literal('reachable'), dimension: z.literal('fit'), via: z.enum(['wecom', 'phone']) }).strict(),
  z
    .object({
      ...base,
      kind: z.literal('policy'),
      dimension: z.literal('fit'),
      line: productLineSchema.optional(),
      orphan: z.boolean().optional(),
      coverAtMost: z.number().min(0).optional(),
      /** true: points when the customer has NO matching active policy (a coverage gap). */
      none: z.boolean().optional(),
    })
    .strict(),
  z
    .object({
      ...base,
      kind: z.literal('tag'),
      dimension: scoreDimensionSchema,
      tag: z.string().min(1).max(64).optional(),
      group: z.string().min(1).max(64).optional(),
      sources: z.array(tagSourceSchema).min(1).optional(),
      /** Points halve every this many days since the tag was put on (conversation tags go stale). */
      halfLifeDays: z.number().min(1).max(3650).optional(),
    })
    .strict()
    .refine((r) => r.tag !== undefined || r.group !== undefined, { message: 'name a tag, a group, or both' }),
  z
    .object({
      ...base,
      kind: z.literal('event'),
      dimension: z.literal('engagement'),
      event: z.string().min(1).max(100),
      where: eventWhereSchema.optional(),
      withinDays: z.number().int().min(1).max(366),
      /** `points` per occurrence, each fading by `halfLifeDays`, at most `maxPoints` in all. */
      halfLifeDays: z.number().min(0.5).max(366),
      maxPoints: z.number().min(0).max(100),
    })
    .strict(),
  z.object({ ...base, kind: z.literal('stage'), dimension: z.literal('engagement'), stages: z.array(journeyStageSchema).min(1) }).strict(),
]);
export type ScoringRule = z.infer<typeof scoringRuleSchema>;

/**
 * Grades from the two scores, checked in order A, B, C; D otherwise. A grade holds when both
 * scores reach its minimums.
 */
export const gradeThresholdsSchema = z
  .object({
    A: z.object({ fit: z.number().min(0).max(100), engagement: z.number().min(0).max(100) }),
    B: z.object({ fit: z.number().min(0).max(100), engagement: z.number().min(0).max(100) }),
    C: z.object({ fit: z.number().min(0).max(100), engagement: z.number().min(0).max(100) }),
  })
  .strict();
export type GradeThresholds = z.infer<typeof gradeThresholdsSchema>;

export const scoringModelSchema = z
  .object({
    rules: z.array(scoringRuleSchema).max(200),
    grades: gradeThresholdsSchema,
  })
  .strict()
  .meta({ id: 'ScoringModel' });
export type ScoringModel = z.infer<typeof scoringModelSchema>;

/** Why a score is what it is: each rule that fired, with its points. */
export const scoreReasonSchema = z.object({ ruleId: z.string(), rule: z.string(), dimension: scoreDimensionSchema, points: z.number(), detail: z.string() });
export type ScoreReason = z.infer<typeof scoreReasonSchema>;

export const leadScoreSchema = z
  .object({ fit: z.number(), engagement: z.number(), score: z.number(), grade: leadGradeSchema, reasons: z.array(scoreReasonSchema) })
  .meta({ id: 'LeadScore' });
export type LeadScore = z.infer<typeof leadScoreSchema>;
