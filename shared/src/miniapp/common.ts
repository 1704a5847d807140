import { z } from 'zod';

/** Ids and instants as the schemas below use them (kept inside the package's mini-program files). */
export const id = z.string().min(1).max(64);
export const isoTime = z.string().describe('ISO 8601 instant');
export const mpLocalDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a local date YYYY-MM-DD')
  .describe('a date in the customer’s time zone');
export const mpMonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM');
/** A client-chosen key that makes a retried POST a no-op (8–64 letters, digits, _ or -). */
export const mpRequestIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'a request id: 8–64 letters, digits, _ or -')
  .describe('chosen by the client; the same id again returns the first answer');
/** A mainland mobile number as the customer types it (spaces and dashes allowed, +86 optional). */
export const mpPhoneInputSchema = z
  .string()
  .trim()
  .regex(/^(\+?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}$/, 'a mainland mobile number');

/** The product lines a mini-program page shows (education is shown too when the catalogue has it). */
export const mpProductLines = ['critical_illness', 'medical', 'accident', 'travel_accident', 'life', 'annuity', 'education'] as const;
export const mpProductLineSchema = z.enum(mpProductLines);
export type MpProductLine = z.infer<typeof mpProductLineSchema>;

/** What each line is called in the app. */
export const mpProductLineLabels: Record<MpProductLine, string> = {
  critical_illness: '重疾险',
  medical: '医疗险',
  accident: '意外险',
  travel_accident: '旅行意外险',
  life: '寿险',
  annuity: '年金险',
  education: '教育金',
};
