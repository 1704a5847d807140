import { z } from 'zod';
import { metricKeySchema, metricUnitSchema } from './metrics';

export const evaluationPeriods = ['realtime', 'week', 'month', 'quarter', 'half_year', 'year'] as const;
export const evaluationPeriodSchema = z.enum(evaluationPeriods).describe('realtime: the current month to date, re-evaluated every few minutes');
export type EvaluationPeriod = z.infer<typeof evaluationPeriodSchema>;

export const evaluationTargetInputSchema = z
  .object({
    metric: metricKeySchema,
    period: evaluationPeriodSchema,
    target: z.number().min(0).max(1e9),
    teamId: z.string().min(1).max(64).nullable().default(null).describe('null: the whole corp'),
    tolerance: z.number().min(0).max(1).default(0.1).describe('off track when completion falls below the expected progress by more than this share'),
  })
  .strict()
  .meta({ id: 'EvaluationTargetInput' });
export type EvaluationTargetInput = z.infer<typeof evaluationTargetInputSchema>;

export const evaluationTargetSchema = evaluationTargetInputSchema
  .extend({ id: z.string(), updatedAt: z.string(), updatedBy: z.string().nullable() })
  .meta({ id: 'EvaluationTarget' });
export type EvaluationTarget = z.infer<typeof evaluationTargetSchema>;

export const evaluationRowSchema = z.object({
  metric: metricKeySchema,
  name: z.string(),
  unit: metricUnitSchema,
  teamId: z.string().nullable(),
  value: z.number().nullable(),
  target: z.number(),
  better: z.enum(['higher', 'lower']),
  completion: z.number().nullable().describe('value / target (target / value when lower is better)'),
  expected: z.number().describe('share of the period elapsed when the snapshot was taken (1 for a closed period)'),
  deviation: z.number().nullable().describe('value minus the target pro-rated to `expected` for counts, value minus target for rates'),
  offTrack: z.boolean(),
});
export type EvaluationRow = z.infer<typeof evaluationRowSchema>;

export const evaluationSnapshotSchema = z
  .object({
    id: z.string(),
    period: evaluationPeriodSchema,
    periodStart: z.string(),
    periodEnd: z.string(),
    /** The period's first and last local day (YYYY-MM-DD) in the corp's time zone, for display. */
    firstDay: z.string(),
    lastDay: z.string(),
    takenAt: z.string(),
    trigger: z.enum(['schedule', 'manual']),
    rows: z.array(evaluationRowSchema),
    offTrack: z.number().int(),
  })
  .meta({ id: 'EvaluationSnapshot' });
export type EvaluationSnapshot = z.infer<typeof evaluationSnapshotSchema>;
