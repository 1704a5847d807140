import { z } from 'zod';
import { isoTime, mpPhoneInputSchema, mpRequestIdSchema } from './common';

/** Activities (customer and staff side) (see index.ts). */
export const activityKindSchema = z.enum(['online', 'offline']);
export type ActivityKind = z.infer<typeof activityKindSchema>;
export const activityTypeSchema = z.enum(['lottery', 'quiz', 'checkin_challenge', 'seminar', 'health_talk']);
export type ActivityType = z.infer<typeof activityTypeSchema>;
export const activityStatusSchema = z.enum(['draft', 'published', 'closed']);
export type ActivityStatus = z.infer<typeof activityStatusSchema>;
export const signupStatusSchema = z.enum(['confirmed', 'waitlisted', 'cancelled', 'attended']);
export type SignupStatus = z.infer<typeof signupStatusSchema>;

export const mpMySignupSchema = z
  .object({
    status: signupStatusSchema,
    ticketCode: z.string().nullable().describe('only while confirmed or attended'),
    position: z.number().int().nullable().describe('1-based place on the waitlist, only while waitlisted'),
  })
  .meta({ id: 'MpMySignup' });
export type MpMySignup = z.infer<typeof mpMySignupSchema>;

export const activityCardSchema = z
  .object({
    id: z.string(),
    kind: activityKindSchema,
    type: activityTypeSchema,
    title: z.string(),
    description: z.string(),
    startsAt: isoTime,
    endsAt: isoTime,
    location: z.string().nullable(),
    capacity: z.number().int().nullable().describe('null: unlimited'),
    seatsLeft: z.number().int().nullable().describe('null: unlimited'),
    coverUrl: z.string().nullable(),
    status: activityStatusSchema,
    mySignup: mpMySignupSchema.nullable(),
  })
  .meta({ id: 'ActivityCard' });
export type ActivityCard = z.infer<typeof activityCardSchema>;

export const mpActivityListQuerySchema = z.object({ kind: activityKindSchema.optional() }).strict();
export type MpActivityListQuery = z.infer<typeof mpActivityListQuerySchema>;
export const mpActivityListSchema = z.object({ items: z.array(activityCardSchema).describe('soonest first') }).meta({ id: 'MpActivityList' });
export type MpActivityList = z.infer<typeof mpActivityListSchema>;

export const formFieldSchema = z
  .object({
    name: z.enum(['name', 'phone', 'companions', 'note']),
    label: z.string(),
    type: z.enum(['text', 'phone', 'number', 'textarea']),
    required: z.boolean(),
    max: z.number().int().optional().describe('the highest number (number fields) or the longest text'),
  })
  .meta({ id: 'FormField' });
export type FormField = z.infer<typeof formFieldSchema>;

export const quizQuestionSchema = z
  .object({ question: z.string(), options: z.array(z.string()).min(2).max(6) })
  .meta({ id: 'QuizQuestion' });
export type QuizQuestion = z.infer<typeof quizQuestionSchema>;

export const lotteryPrizeSchema = z.object({ name: z.string(), points: z.number().int().describe('points it adds to the balance (0 for a gift)') }).meta({ id: 'LotteryPrize' });
export type LotteryPrize = z.infer<typeof lotteryPrizeSchema>;

export const mpActivityDetailQuerySchema = z
  .object({ inviter: z.string().min(1).max(64).optional().describe('the staff id or referral code that shared the activity') })
  .strict();
export type MpActivityDetailQuery = z.infer<typeof mpActivityDetailQuerySchema>;

export const mpActivityDetailSchema = activityCardSchema
  .extend({
    form: z.array(formFieldSchema).describe('the sign-up form (offline activities); empty for online ones'),
    quiz: z.array(quizQuestionSchema).optional().describe('quiz activities: the questions, without the answers'),
    prizes: z.array(lotteryPrizeSchema).optional().describe('lottery activities: what can be won'),
    played: z.boolean().optional().describe('online activities: whether the customer has played already'),
  })
  .meta({ id: 'MpActivityDetail' });
export type MpActivityDetail = z.infer<typeof mpActivityDetailSchema>;

export const mpSignupFormSchema = z
  .object({
    name: z.string().trim().min(1).max(32),
    phone: mpPhoneInputSchema.optional(),
    companions: z.number().int().min(0).max(3).optional().describe('people coming along; each takes a seat'),
    note: z.string().max(200).optional(),
  })
  .strict();
export type MpSignupForm = z.infer<typeof mpSignupFormSchema>;

export const mpSignupRequestSchema = z.object({ requestId: mpRequestIdSchema, form: mpSignupFormSchema }).strict().meta({ id: 'MpSignupRequest' });
export type MpSignupRequest = z.infer<typeof mpSignupRequestSchema>;

export const mpSignupResultSchema = z
  .object({
    status: z.enum(['confirmed', 'waitlisted']),
    ticket: z.object({ code: z.string(), activityId: z.string() }).nullable(),
    position: z.number().int().nullable().describe('1-based place on the waitlist'),
  })
  .meta({ id: 'MpSignupResult' });
export type MpSignupResult = z.infer<typeof mpSignupResultSchema>;

export const mpCancelResultSchema = z.object({ status: z.literal('cancelled') }).meta({ id: 'MpCancelResult' });
export type MpCancelResult = z.infer<typeof mpCancelResultSchema>;

/** What the ticket's QR code encodes; the agent's sidebar scans it. */
export const ticketQrPrefix = 'lodestar:ticket:';

export const mpTicketSchema = z
  .object({
    code: z.string(),
    activity: activityCardSchema,
    status: signupStatusSchema,
    qrPayload: z.string().describe('lodestar:ticket:<code>'),
  })
  .meta({ id: 'MpTicket' });
export type MpTicket = z.infer<typeof mpTicketSchema>;
export const mpTicketListSchema = z.object({ items: z.array(mpTicketSchema) }).meta({ id: 'MpTicketList' });
export type MpTicketList = z.infer<typeof mpTicketListSchema>;

export const mpAttendRequestSchema = z.object({ siteCode: z.string().min(1).max(64).describe('the code printed at the venue') }).strict().meta({ id: 'MpAttendRequest' });
export type MpAttendRequest = z.infer<typeof mpAttendRequestSchema>;
export const mpAttendResultSchema = z.object({ status: z.literal('attended'), ticketCode: z.string() }).meta({ id: 'MpAttendResult' });
export type MpAttendResult = z.infer<typeof mpAttendResultSchema>;

export const mpPlayRequestSchema = z
  .object({
    requestId: mpRequestIdSchema,
    answers: z.array(z.number().int().min(0).max(5)).max(50).optional().describe('quiz: the chosen option per question, in order'),
  })
  .strict()
  .meta({ id: 'MpPlayRequest' });
export type MpPlayRequest = z.infer<typeof mpPlayRequestSchema>;

export const mpPlayResultSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('lottery'), prize: lotteryPrizeSchema.nullable(), pointsAwarded: z.number().int(), already: z.boolean() }),
    z.object({ kind: z.literal('quiz'), score: z.number().int(), total: z.number().int(), pointsAwarded: z.number().int(), already: z.boolean() }),
  ])
  .describe('once per customer: playing again returns the first result with already: true')
  .meta({ id: 'MpPlayResult' });
export type MpPlayResult = z.infer<typeof mpPlayResultSchema>;

// Staff side of activities

export const activityInputSchema = z
  .object({
    kind: activityKindSchema,
    type: activityTypeSchema,
    title: z.string().trim().min(1).max(120),
    description: z.string().max(500),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    location: z.string().max(200).nullable().default(null),
    capacity: z.number().int().min(1).max(100_000).nullable().default(null),
    coverUrl: z.string().max(500).nullable().default(null),
    status: activityStatusSchema.default('draft'),
    siteCode: z.string().min(4).max(64).nullable().default(null).describe('the on-site code customers scan to attend (offline)'),
    quiz: z
      .array(quizQuestionSchema.extend({ answer: z.number().int().min(0).max(5) }))
      .max(50)
      .nullable()
      .default(null),
    prizes: z
      .array(lotteryPrizeSchema.extend({ weight: z.number().int().min(1).max(10_000) }))
      .max(20)
      .nullable()
      .default(null)
      .describe('lottery: prizes with weights; the rest of the draws win nothing (weight of "no prize" = missWeight)'),
    missWeight: z.number().int().min(0).max(100_000).default(0),
    quizPointsPerAnswer: z.number().int().min(0).max(1000).default(10),
  })
  .strict()
  .refine((a) => Date.parse(a.endsAt) > Date.parse(a.startsAt), { message: 'endsAt must be after startsAt', path: ['endsAt'] })
  .meta({ id: 'ActivityInput' });
export type ActivityInput = z.infer<typeof activityInputSchema>;

export const staffActivitySchema = activityCardSchema
  .omit({ mySignup: true })
  .extend({
    siteCode: z.string().nullable(),
    quiz: z.array(quizQuestionSchema.extend({ answer: z.number().int() })).nullable(),
    prizes: z.array(lotteryPrizeSchema.extend({ weight: z.number().int() })).nullable(),
    missWeight: z.number().int(),
    quizPointsPerAnswer: z.number().int(),
    confirmed: z.number().int().describe('seats taken (companions included)'),
    waitlisted: z.number().int(),
  })
  .meta({ id: 'StaffActivity' });
export type StaffActivity = z.infer<typeof staffActivitySchema>;

export const staffActivityListQuerySchema = z
  .object({ kind: activityKindSchema.optional(), status: activityStatusSchema.optional() })
  .strict();
export type StaffActivityListQuery = z.infer<typeof staffActivityListQuerySchema>;
export const staffActivityListSchema = z.object({ items: z.array(staffActivitySchema) }).meta({ id: 'StaffActivityList' });
export type StaffActivityList = z.infer<typeof staffActivityListSchema>;

export const activitySignupRowSchema = z
  .object({
    customer: z.object({ id: z.string(), name: z.string() }),
    status: signupStatusSchema,
    ticketCode: z.string().nullable(),
    position: z.number().int().nullable(),
    companions: z.number().int(),
    signedUpAt: isoTime,
    attendedAt: isoTime.nullable(),
  })
  .meta({ id: 'ActivitySignupRow' });
export type ActivitySignupRow = z.infer<typeof activitySignupRowSchema>;

export const activitySignupsSchema = z
  .object({
    activity: staffActivitySchema,
    counts: z
      .object({
        invited: z.number().int().describe('customers who opened it through a staff member’s or customer’s invitation'),
        viewed: z.number().int().describe('customers who opened it'),
        booked: z.number().int().describe('sign-ups ever confirmed or waitlisted (not cancelled)'),
        attended: z.number().int(),
        waitlisted: z.number().int(),
        viewedNotBooked: z.number().int(),
      })
      .describe('distinct customers'),
    items: z.array(activitySignupRowSchema).describe('the caller’s customers only, for an agent'),
  })
  .meta({ id: 'ActivitySignups' });
export type ActivitySignups = z.infer<typeof activitySignupsSchema>;

export const attendanceRequestSchema = z
  .object({ ticketCode: z.string().min(1).max(80).describe('the ticket code, or the whole QR payload lodestar:ticket:<code>') })
  .strict()
  .meta({ id: 'AttendanceRequest' });
export type AttendanceRequest = z.infer<typeof attendanceRequestSchema>;
export const attendanceResultSchema = z
  .object({ customer: z.object({ id: z.string(), name: z.string() }), status: z.literal('attended'), already: z.boolean() })
  .meta({ id: 'AttendanceResult' });
export type AttendanceResult = z.infer<typeof attendanceResultSchema>;
