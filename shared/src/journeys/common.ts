import { z } from 'zod';

/** A step's id inside one journey: short, stable, readable in stats and logs. */
export const stepIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,40}$/, 'a step id: 1–40 letters, digits, _ or -')
  .describe('unique within the journey');
export type StepId = z.infer<typeof stepIdSchema>;

/** What every step carries. */
export const stepBase = {
  id: stepIdSchema,
  name: z.string().min(1).max(80).optional().describe('what the console shows'),
};

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** A duration in milliseconds: one second up to a year. */
export const durationMsSchema = z.number().int().min(1000).max(366 * DAY_MS);

/** A local wall-clock time, HH:MM (24 h). */
export const localTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a local time HH:MM');

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export const weekdaySchema = z.number().int().min(1).max(7);

/** A property filter on an event: every listed property must equal the value. */
export const journeyEventWhereSchema = z.record(z.string().min(1).max(64), z.union([z.string().max(200), z.number(), z.boolean()]));
export type JourneyEventWhere = z.infer<typeof journeyEventWhereSchema>;

/** An event name as the tracking and engine events carry it. */
export const eventNameSchema = z.string().min(1).max(100);

/** A text with {{name}}-style placeholders, filled from the customer (name, city, agent…). */
export const templateTextSchema = z.string().min(1).max(2000);
