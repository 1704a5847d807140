import { z } from 'zod';

/** A half-open period [from, to) as ISO instants; analytics days are the corp's local days. */
export const analyticsPeriodQuerySchema = z.object({
  from: z.iso.datetime({ offset: true }).describe('start (inclusive)'),
  to: z.iso.datetime({ offset: true }).describe('end (exclusive)'),
  teamId: z.string().min(1).max(64).optional().describe('only this team’s customers (a team lead is always limited to their own team)'),
  segmentId: z.string().min(1).max(64).optional().describe('only this segment’s members (their membership now)'),
});
export type AnalyticsPeriodQuery = z.infer<typeof analyticsPeriodQuerySchema>;

/** A rate with what it was computed from; `value` is null when the denominator is 0. */
export const ratioSchema = z.object({ numerator: z.number(), denominator: z.number(), value: z.number().nullable() });
export type Ratio = z.infer<typeof ratioSchema>;
