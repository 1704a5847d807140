import { z } from 'zod';
import { leadGradeSchema } from './customers';
import { leadStatusSchema } from './leads';
import { productLineSchema } from './segments';

/**
 * Seat groups (坐席组): staff members who call cleaned leads before they go to agents. A lead
 * source may name a group; its cleaned leads wait as `calling` in that group's queue. Each call
 * records whether it connected, the customer's intent and the next step, which moves the lead on:
 *
 * assign          connected and interested: the lead goes to the assignment rules (ready)
 * call_again      try again at `callbackAt` (default: a day later); after too many calls that
 *                 did not connect the lead is closed lost ("3 次未接通")
 * not_interested  connected, no interest: closed lost
 * invalid_number  the number is empty or wrong: rejected (invalid_phone)
 * do_not_contact  the customer asked not to be called: rejected, and the number goes on the
 *                 corp's do-not-contact list so cleaning drops it from now on
 */

const id = z.string().min(1).max(64);
const staffRef = z.object({ id: z.string(), name: z.string() });

export const seatGroupInputSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    memberStaffIds: z
      .array(id)
      .max(500)
      .refine((ids) => new Set(ids).size === ids.length, { message: 'list each staff member once' })
      .describe('the seats: active staff members of the corp'),
  })
  .strict()
  .meta({ id: 'SeatGroupInput' });
export type SeatGroupInput = z.infer<typeof seatGroupInputSchema>;

export const seatGroupSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    members: z.array(staffRef),
    calling: z.number().int().describe('leads waiting in the group (status calling), due or not'),
    queueSize: z.number().int().describe('of those, the ones due now (no callback time, or it has come)'),
    callsToday: z.number().int().describe('calls the group made since local midnight (the corp’s time zone)'),
    connectedToday: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'SeatGroup' });
export type SeatGroup = z.infer<typeof seatGroupSchema>;

export const seatGroupListSchema = z.object({ items: z.array(seatGroupSchema) }).meta({ id: 'SeatGroupList' });

export const callIntents = ['high', 'medium', 'low', 'none'] as const;
export const callIntentSchema = z.enum(callIntents);
export type CallIntent = z.infer<typeof callIntentSchema>;

export const callNextSteps = ['assign', 'call_again', 'not_interested', 'invalid_number', 'do_not_contact'] as const;
export const callNextStepSchema = z.enum(callNextSteps);
export type CallNextStep = z.infer<typeof callNextStepSchema>;

/** Next steps that need someone on the line: only the customer can say they are (not) interested or not to call. */
const needsConnection: readonly CallNextStep[] = ['assign', 'not_interested', 'do_not_contact'];

export const leadCallInputSchema = z
  .object({
    connected: z.boolean().describe('someone answered'),
    intent: callIntentSchema.describe('what the seat heard; none when the call did not connect'),
    nextStep: callNextStepSchema,
    note: z.string().trim().max(1000).optional(),
    durationSeconds: z.number().int().min(0).max(86_400).optional(),
    callbackAt: z.iso
      .datetime({ offset: true })
      .optional()
      .describe('call_again only: when to call next (in the future, within 30 days); unset: 24 hours from now'),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (!c.connected && c.intent !== 'none') ctx.addIssue({ code: 'custom', path: ['intent'], message: 'a call that did not connect has intent none' });
    if (!c.connected && needsConnection.includes(c.nextStep)) ctx.addIssue({ code: 'custom', path: ['nextStep'], message: `${c.nextStep} needs a connected call` });
    if (c.nextStep === 'assign' && c.intent === 'none') ctx.addIssue({ code: 'custom', path: ['intent'], message: 'assign needs an intent (high, medium or low)' });
    if (c.callbackAt !== undefined && c.nextStep !== 'call_again') ctx.addIssue({ code: 'custom', path: ['callbackAt'], message: 'only with nextStep call_again' });
  })
  .meta({ id: 'LeadCallInput' });
export type LeadCallInput = z.infer<typeof leadCallInputSchema>;

export const leadCallSchema = z
  .object({
    id: z.string(),
    leadId: z.string(),
    seatGroupId: z.string(),
    seat: staffRef.describe('the staff member who called'),
    at: z.string(),
    connected: z.boolean(),
    intent: callIntentSchema,
    nextStep: callNextStepSchema,
    note: z.string().nullable(),
    durationSeconds: z.number().int().nullable(),
  })
  .meta({ id: 'LeadCall' });
export type LeadCall = z.infer<typeof leadCallSchema>;

export const leadCallListSchema = z.object({ items: z.array(leadCallSchema) }).meta({ id: 'LeadCallList' });

export const leadCallResultSchema = z
  .object({
    call: leadCallSchema,
    lead: z.object({
      id: z.string(),
      status: leadStatusSchema,
      callbackAt: z.string().nullable(),
      outcome: z.string().nullable(),
      rejectReason: z.string().nullable(),
      attempts: z.number().int().describe('calls made on the lead, this one included'),
    }),
    doNotContact: z.boolean().describe('the customer’s number went on the do-not-contact list'),
  })
  .meta({ id: 'LeadCallResult' });
export type LeadCallResult = z.infer<typeof leadCallResultSchema>;

export const seatQueueQuerySchema = z
  .object({
    includeLater: z.enum(['true', 'false']).optional().describe('true: also the leads whose callback time has not come, after the due ones'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();
export type SeatQueueQuery = z.infer<typeof seatQueueQuerySchema>;

export const seatQueueItemSchema = z.object({
  leadId: z.string(),
  customer: z.object({ id: z.string(), name: z.string() }),
  phone: z.string().nullable().describe('masked'),
  productLine: productLineSchema,
  source: z.object({ id: z.string(), name: z.string() }),
  detail: z.string(),
  grade: leadGradeSchema.nullable(),
  score: z.number().nullable(),
  attempts: z.number().int().describe('calls made on the lead so far'),
  lastCall: z
    .object({ at: z.string(), seat: staffRef, connected: z.boolean(), intent: callIntentSchema, nextStep: callNextStepSchema, note: z.string().nullable() })
    .nullable(),
  callbackAt: z.string().nullable(),
  due: z.boolean().describe('no callback time, or it has come'),
  createdAt: z.string(),
});
export type SeatQueueItem = z.infer<typeof seatQueueItemSchema>;

export const seatQueueSchema = z
  .object({
    items: z.array(seatQueueItemSchema).describe('due leads best first (grade A first, then score, then oldest), then later ones by callback time'),
    total: z.number().int().describe('leads the query covers'),
    due: z.number().int(),
    later: z.number().int(),
  })
  .meta({ id: 'SeatQueue' });
export type SeatQueue = z.infer<typeof seatQueueSchema>;

const dayOrInstant = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })])
  .describe('a day (YYYY-MM-DD, from its midnight in the corp’s time zone) or an instant with its offset');

export const connectRateQuerySchema = z
  .object({
    from: dayOrInstant.describe('start, inclusive'),
    to: dayOrInstant.describe('end, exclusive; at most 366 days after from'),
    seatGroupId: id.optional(),
  })
  .strict();
export type ConnectRateQuery = z.infer<typeof connectRateQuerySchema>;

const rateFields = {
  calls: z.number().int(),
  connected: z.number().int(),
  rate: z.number().nullable().describe('connected / calls; null without calls'),
};

export const connectRateSchema = z
  .object({
    from: z.string().describe('the window’s start, as an instant'),
    to: z.string(),
    groups: z.array(z.object({ id: z.string(), name: z.string(), ...rateFields })),
    seats: z.array(z.object({ id: z.string(), name: z.string(), groupId: z.string(), ...rateFields })).describe('per seat and group; members without calls have rate null'),
    overall: z.object(rateFields),
  })
  .meta({ id: 'ConnectRate' });
export type ConnectRate = z.infer<typeof connectRateSchema>;
