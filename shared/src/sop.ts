import { z } from 'zod';
import { eventNameSchema, localTimeSchema, weekdaySchema } from './journeys/common';

/**
 * Group and customer SOP plans (issue 8): who a plan targets, when each step falls due, what it
 * sends and how, when a target leaves the plan early, and the views of tasks, calendar and board.
 *
 * A plan is a list of steps. Each step has a `when`, wrapped so that time rules and event rules
 * stay two closed unions of their own:
 *
 *   when: { kind: 'time',  rule: { type: 'weekly', weekdays: [1], at: '09:00' } }
 *   when: { kind: 'event', rule: { type: 'member_joined', debounceMinutes: 10 } }
 *
 * Time rules are read in the plan's time zone, once per target (group or customer). Event rules are
 * group events only, so customer plans cannot use them.
 */

// ---------------------------------------------------------------------------------------------
// Holidays

/** Public and traditional holidays a step can fall due on (dates per year: server/src/sop/holiday-calendar.ts). */
export const holidayKeys = [
  'new_year',
  'spring_festival',
  'lantern',
  'womens_day',
  'qingming',
  'labor_day',
  'mothers_day',
  'dragon_boat',
  'fathers_day',
  'mid_autumn',
  'national_day',
  'double_ninth',
  'winter_solstice',
  'laba',
] as const;
export const holidayKeySchema = z.enum(holidayKeys).describe('a holiday; 除夕 is spring_festival with offsetDays −1');
export type HolidayKey = z.infer<typeof holidayKeySchema>;

/** What the console shows for each holiday. */
export const holidayLabels: Record<HolidayKey, string> = {
  new_year: '元旦',
  spring_festival: '春节',
  lantern: '元宵节',
  womens_day: '妇女节',
  qingming: '清明节',
  labor_day: '劳动节',
  mothers_day: '母亲节',
  dragon_boat: '端午节',
  fathers_day: '父亲节',
  mid_autumn: '中秋节',
  national_day: '国庆节',
  double_ninth: '重阳节',
  winter_solstice: '冬至',
  laba: '腊八节',
};

// ---------------------------------------------------------------------------------------------
// Small pieces

/** A step's id inside one plan. At most 39 characters so that `${stepId}@${ISO instant}` (a task's key) fits in 64. */
export const sopStepIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,39}$/, 'a step id: 1–39 letters, digits, _ or -')
  .describe('unique within the plan; part of each task’s key, so keep it when editing a step');
export type SopStepId = z.infer<typeof sopStepIdSchema>;

const idSchema = z.string().min(1).max(64);
const tagNameSchema = z.string().min(1).max(64);

/** A calendar date, YYYY-MM-DD, that exists (no 2026-02-30). */
export const sopDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    const t = new Date(Date.UTC(y, m - 1, d));
    return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
  }, 'not a calendar date');

/**
 * An IANA time zone. Checked with Intl where the runtime has it (Node, browsers); elsewhere only the
 * shape is checked and the server, which always has Intl, rejects an unknown zone.
 */
export const sopTimeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/, 'an IANA time zone such as Asia/Shanghai')
  .refine((zone) => {
    if (typeof Intl === 'undefined' || typeof Intl.DateTimeFormat !== 'function') return true;
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'an unknown time zone')
  .describe('IANA zone, e.g. Asia/Shanghai');

const unique = <T>(xs: readonly T[]): boolean => new Set(xs).size === xs.length;

// ---------------------------------------------------------------------------------------------
// Targets

export const sopTargetKinds = ['groups', 'customers'] as const;
export const sopTargetKindSchema = z.enum(sopTargetKinds);
export type SopTargetKind = z.infer<typeof sopTargetKindSchema>;

/**
 * Which customer groups a group plan runs in. Criteria combine with AND; inside one list any
 * entry matches (any of the tags, any of the owners, any of the teams). `all: true` takes every
 * group and stands alone.
 */
export const sopGroupTargetSchema = z
  .object({
    kind: z.literal('groups'),
    all: z.literal(true).optional().describe('every customer group; no other criterion may be given'),
    groupTags: z.array(tagNameSchema).min(1).max(50).optional().describe('group tag names: the group has any of them'),
    namePattern: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .describe('a plain substring of the group name, or a glob where * is any run of characters (anchored); not a regex; case-insensitive'),
    ownerIds: z.array(idSchema).min(1).max(500).optional().describe('staff ids: the group owner is any of them'),
    teamIds: z.array(idSchema).min(1).max(100).optional().describe('the owner’s team is any of them'),
  })
  .strict()
  .refine((t) => t.all === true || t.groupTags !== undefined || t.namePattern !== undefined || t.ownerIds !== undefined || t.teamIds !== undefined, {
    message: 'Give at least one criterion (group tags, name pattern, owners, teams) or all: true',
    path: ['all'],
  })
  .refine((t) => t.all !== true || (t.groupTags === undefined && t.namePattern === undefined && t.ownerIds === undefined && t.teamIds === undefined), {
    message: 'all: true takes every group; remove the other criteria',
    path: ['all'],
  })
  .describe('customer groups by tag, name, owner or team');

/** The customers of a segment, one by one (1:1 mass sends, chat_type single). */
export const sopCustomerTargetSchema = z
  .object({ kind: z.literal('customers'), segmentId: idSchema })
  .strict()
  .describe('the customers of a segment; each one enters when they join the segment');

export const sopTargetSchema = z.discriminatedUnion('kind', [sopGroupTargetSchema, sopCustomerTargetSchema]);
export type SopTarget = z.infer<typeof sopTargetSchema>;
export type SopGroupTarget = z.infer<typeof sopGroupTargetSchema>;
export type SopCustomerTarget = z.infer<typeof sopCustomerTargetSchema>;

// ---------------------------------------------------------------------------------------------
// When: time rules

const at = localTimeSchema.describe('local time HH:MM in the plan’s time zone');

/**
 * When a step falls due, on the calendar of the plan's time zone, for each target separately.
 * A local time skipped by a DST jump falls due at the first minute after the jump; a repeated one
 * on its first occurrence. Nothing falls due before the target entered the plan (group created,
 * customer joined the segment) or before the plan was published.
 */
export const sopTimeRuleSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('daily'), at }).strict().describe('every day'),
  z
    .object({
      type: z.literal('weekly'),
      weekdays: z.array(weekdaySchema).min(1).max(7).refine(unique, 'each weekday once').describe('ISO weekdays, 1 = Monday … 7 = Sunday'),
      at,
    })
    .strict()
    .describe('on these weekdays'),
  z
    .object({
      type: z.literal('monthly'),
      days: z
        .array(z.union([z.number().int().min(1).max(31), z.literal(-1)]))
        .min(1)
        .max(32)
        .refine(unique, 'each day once')
        .describe('days of the month, −1 = the last day; a day the month does not have (31 in April) is skipped that month'),
      at,
    })
    .strict()
    .describe('on these days of each month'),
  z
    .object({ type: z.literal('dates'), dates: z.array(sopDateSchema).min(1).max(366).refine(unique, 'each date once'), at })
    .strict()
    .describe('on these calendar dates'),
  z
    .object({
      type: z.literal('holidays'),
      holidays: z.array(holidayKeySchema).min(1).max(holidayKeys.length).refine(unique, 'each holiday once'),
      at,
      offsetDays: z.number().int().min(-7).max(7).optional().describe('days before (−) or after (+) the holiday; unset: on the day'),
    })
    .strict()
    .describe('on holidays (lunar ones from a table of years)'),
  z
    .object({ type: z.literal('after_created'), days: z.number().int().min(0).max(365), at })
    .strict()
    .describe('N local days after the group was created (customer plans: after the customer joined the segment); day 0 only when `at` is still ahead'),
  z
    .object({ type: z.literal('after_joined'), days: z.number().int().min(0).max(365), at })
    .strict()
    .describe('N local days after each member joined the group, sent to the group (customer plans: after the customer was added as a contact)'),
]);
export type SopTimeRule = z.infer<typeof sopTimeRuleSchema>;
export type SopTimeRuleType = SopTimeRule['type'];

// ---------------------------------------------------------------------------------------------
// When: event rules

/** Group events. */
export const sopEventRuleSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('member_joined'),
      debounceMinutes: z
        .number()
        .int()
        .min(0)
        .max(1440)
        .default(10)
        .describe('joins less than this far apart are one burst; the step runs once per burst, this long after its last join'),
    })
    .strict()
    .describe('members joined the group'),
  z
    .object({ type: z.literal('member_count'), reaches: z.number().int().min(2).max(2000) })
    .strict()
    .describe('once, when the group first reaches this many members'),
]);
export type SopEventRule = z.infer<typeof sopEventRuleSchema>;
export type SopEventRuleInput = z.input<typeof sopEventRuleSchema>;

export const sopWhenSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('time'), rule: sopTimeRuleSchema }).strict(),
  z.object({ kind: z.literal('event'), rule: sopEventRuleSchema }).strict(),
]);
export type SopWhen = z.infer<typeof sopWhenSchema>;
export type SopWhenInput = z.input<typeof sopWhenSchema>;

// ---------------------------------------------------------------------------------------------
// Content (mirrors add_msg_template: text plus up to 9 attachments)

export const sopAttachmentSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('image'),
      mediaUrl: z.string().url().max(1000).optional().describe('a picture URL (pic_url)'),
      mediaId: z.string().min(1).max(256).optional().describe('an uploaded temporary media id'),
    })
    .strict()
    .refine((a) => a.mediaUrl !== undefined || a.mediaId !== undefined, { message: 'An image needs mediaUrl or mediaId', path: ['mediaUrl'] })
    .describe('an image'),
  z
    .object({
      type: z.literal('link'),
      title: z.string().min(1).max(128),
      url: z.string().url().max(2048),
      desc: z.string().max(512).optional(),
      picUrl: z.string().url().max(2048).optional(),
    })
    .strict()
    .describe('a link card'),
  z
    .object({
      type: z.literal('miniprogram'),
      title: z.string().min(1).max(64),
      appid: z.string().min(1).max(64).describe('the mini-program’s appid (bound to the corp)'),
      page: z.string().min(1).max(256).describe('the page path; WeCom wants it to end in .html'),
      picMediaId: z.string().min(1).max(256).optional().describe('the cover; unset: the server uses the default cover'),
    })
    .strict()
    .describe('a mini-program card'),
  z
    .object({ type: z.literal('article'), articleId: idSchema })
    .strict()
    .describe('content from the library: the server expands it into a link card and runs the compliance check first'),
]);
export type SopAttachment = z.infer<typeof sopAttachmentSchema>;

export const sopContentSchema = z
  .object({
    text: z.string().min(1).max(4000).optional().describe('the message text (WeCom counts 4000 bytes); required unless there are attachments'),
    attachments: z.array(sopAttachmentSchema).max(9).optional(),
  })
  .strict()
  .refine((c) => c.text !== undefined || (c.attachments !== undefined && c.attachments.length > 0), {
    message: 'Write a text or add an attachment',
    path: ['text'],
  });
export type SopContent = z.infer<typeof sopContentSchema>;

// ---------------------------------------------------------------------------------------------
// Steps

export const sopStepModes = ['mass', 'manual'] as const;
export const sopStepModeSchema = z
  .enum(sopStepModes)
  .describe('mass: a WeCom mass-send task (add_msg_template) the owner confirms; manual: a task in the agent’s sidebar with the content ready to send');
export type SopStepMode = z.infer<typeof sopStepModeSchema>;

export const sopStepSchema = z
  .object({
    id: sopStepIdSchema,
    name: z.string().min(1).max(80),
    when: sopWhenSchema,
    content: sopContentSchema,
    mode: sopStepModeSchema.default('mass'),
  })
  .strict();
export type SopStep = z.infer<typeof sopStepSchema>;
export type SopStepInput = z.input<typeof sopStepSchema>;

// ---------------------------------------------------------------------------------------------
// Early end

/**
 * A target leaves the plan (no more tasks) once any given condition holds. groupTag and
 * memberCountAtLeast are for group plans; customerTag and event for customer plans.
 */
export const sopEarlyEndSchema = z
  .object({
    afterDays: z.number().int().min(1).max(3650).optional().describe('days since the group was created / the customer entered the segment'),
    groupTag: tagNameSchema.optional().describe('group plans: the group has this tag'),
    memberCountAtLeast: z.number().int().min(1).max(2000).optional().describe('group plans: the group has at least this many members'),
    customerTag: tagNameSchema.optional().describe('customer plans: the customer has this tag'),
    event: eventNameSchema.optional().describe('customer plans: the customer did this tracking event since entering (e.g. policy_purchased)'),
  })
  .strict()
  .refine((e) => Object.values(e).some((v) => v !== undefined), { message: 'Give at least one early-end condition', path: ['afterDays'] });
export type SopEarlyEnd = z.infer<typeof sopEarlyEndSchema>;

// ---------------------------------------------------------------------------------------------
// The plan

export const sopMissedModes = ['catch_up', 'skip'] as const;
export const sopMissedSchema = z
  .enum(sopMissedModes)
  .describe('catch_up: after downtime, send what fell due within catchUpHours; skip: mark what fell due more than 15 minutes ago skipped');
export type SopMissed = z.infer<typeof sopMissedSchema>;

export const sopReminderSettingsSchema = z
  .object({
    afterHours: z.number().int().min(1).max(72).default(2).describe('remind the owner of an unconfirmed task this long after it was created or last reminded'),
    maxPerDay: z.number().int().min(1).max(3).default(3).describe('reminders per task in any 24 hours (WeCom’s remind_groupmsg_send allows 3)'),
  })
  .strict();
export type SopReminderSettings = z.infer<typeof sopReminderSettingsSchema>;

export const sopPlanDefinitionSchema = z
  .object({
    target: sopTargetSchema,
    steps: z.array(sopStepSchema).min(1).max(50),
    earlyEnd: sopEarlyEndSchema.optional(),
    timezone: sopTimeZoneSchema.default('Asia/Shanghai'),
    missed: sopMissedSchema.default('catch_up'),
    catchUpHours: z.number().int().min(1).max(168).default(24).describe('catch_up: what fell due longer ago than this is skipped all the same'),
    reminders: sopReminderSettingsSchema.default({ afterHours: 2, maxPerDay: 3 }),
    escalateAfterHours: z.number().int().min(1).max(168).default(24).describe('tell the team lead once a task has waited this long for the owner'),
  })
  .strict()
  .superRefine((plan, ctx) => {
    const seen = new Set<string>();
    plan.steps.forEach((step, i) => {
      if (seen.has(step.id)) ctx.addIssue({ code: 'custom', message: `Step id "${step.id}" is used twice`, path: ['steps', i, 'id'] });
      seen.add(step.id);
      if (plan.target.kind === 'customers' && step.when.kind === 'event') {
        ctx.addIssue({ code: 'custom', message: 'Group events (member joined, member count) need a group plan', path: ['steps', i, 'when'] });
      }
    });
    const end = plan.earlyEnd;
    if (!end) return;
    if (plan.target.kind === 'customers') {
      if (end.groupTag !== undefined) ctx.addIssue({ code: 'custom', message: 'groupTag is for group plans; use customerTag', path: ['earlyEnd', 'groupTag'] });
      if (end.memberCountAtLeast !== undefined) ctx.addIssue({ code: 'custom', message: 'memberCountAtLeast is for group plans', path: ['earlyEnd', 'memberCountAtLeast'] });
    } else {
      if (end.customerTag !== undefined) ctx.addIssue({ code: 'custom', message: 'customerTag is for customer plans; use groupTag', path: ['earlyEnd', 'customerTag'] });
      if (end.event !== undefined) ctx.addIssue({ code: 'custom', message: 'event is for customer plans', path: ['earlyEnd', 'event'] });
    }
  });
export type SopPlanDefinition = z.infer<typeof sopPlanDefinitionSchema>;
export type SopPlanDefinitionInput = z.input<typeof sopPlanDefinitionSchema>;

// ---------------------------------------------------------------------------------------------
// API

export const sopPlanStatuses = ['draft', 'live', 'paused', 'archived'] as const;
export const sopPlanStatusSchema = z.enum(sopPlanStatuses);
export type SopPlanStatus = z.infer<typeof sopPlanStatusSchema>;

export const sopPlanCreateSchema = z
  .object({ name: z.string().min(1).max(100), description: z.string().max(1000).optional(), definition: sopPlanDefinitionSchema })
  .strict()
  .meta({ id: 'SopPlanCreate' });
export type SopPlanCreate = z.infer<typeof sopPlanCreateSchema>;
export type SopPlanCreateInput = z.input<typeof sopPlanCreateSchema>;

export const sopPlanViewSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    status: sopPlanStatusSchema,
    definition: sopPlanDefinitionSchema,
    version: z.number().int().min(0).describe('the published version; 0 while never published'),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'SopPlanView' });
export type SopPlanView = z.infer<typeof sopPlanViewSchema>;

/**
 * A task's life:
 * planned      the calendar's forecast; no task exists yet
 * pending      created, due (or due soon), not handed to WeCom / the sidebar yet
 * sending      being created in WeCom (add_msg_template)
 * awaiting     waiting for the owner to confirm in the WeCom client (mass) or send from the sidebar (manual)
 * sent         sent to every recipient
 * partly_sent  sent to some recipients (others not friends, over the limit, or not confirmed)
 * failed       WeCom refused it, or the content failed the compliance check
 * skipped      fell due while nothing ran and the plan skips missed sends, or beyond catchUpHours
 * overdue      still not confirmed after escalateAfterHours; the team lead was told
 * cancelled    withdrawn (plan paused or archived, step removed, cancel_groupmsg_send)
 * ended        the target met the plan's early-end condition before it went out
 */
export const sopTaskStatuses = ['planned', 'pending', 'sending', 'awaiting', 'sent', 'partly_sent', 'failed', 'skipped', 'overdue', 'cancelled', 'ended'] as const;
export const sopTaskStatusSchema = z.enum(sopTaskStatuses);
export type SopTaskStatus = z.infer<typeof sopTaskStatusSchema>;

export const sopTaskViewSchema = z
  .object({
    id: z.string(),
    planId: z.string(),
    planName: z.string(),
    stepId: z.string(),
    stepName: z.string(),
    mode: sopStepModeSchema,
    targetKind: sopTargetKindSchema,
    targetId: z.string(),
    targetName: z.string(),
    ownerId: z.string(),
    ownerName: z.string(),
    dueAt: z.string(),
    status: sopTaskStatusSchema,
    reason: z.string().nullable().describe('why it was skipped, failed, cancelled or ended'),
    content: sopContentSchema,
    createdAt: z.string(),
    sentAt: z.string().nullable(),
    remindedCount: z.number().int().min(0),
    escalatedAt: z.string().nullable(),
    result: z
      .object({ sent: z.number().int(), unsent: z.number().int(), failed: z.number().int() })
      .nullable()
      .describe('per recipient (get_groupmsg_send_result): went out, not confirmed yet, refused (not a friend, limit reached); null before WeCom answered'),
  })
  .meta({ id: 'SopTaskView' });
export type SopTaskView = z.infer<typeof sopTaskViewSchema>;

/** One line of the calendar: a forecast (status planned, no taskId) or an existing task. */
export const sopCalendarItemSchema = z
  .object({
    planId: z.string(),
    planName: z.string(),
    stepId: z.string(),
    stepName: z.string(),
    targetKind: sopTargetKindSchema,
    targetId: z.string(),
    targetName: z.string(),
    ownerId: z.string(),
    ownerName: z.string(),
    dueAt: z.string(),
    status: sopTaskStatusSchema,
    taskId: z.string().optional().describe('absent for a forecast'),
  })
  .meta({ id: 'SopCalendarItem' });
export type SopCalendarItem = z.infer<typeof sopCalendarItemSchema>;

/**
 * One row of the completion board, per plan, agent or team (server/src/sop/sop-completion.plan.ts
 * says exactly what counts). due = sent + failed + skipped + overdue + awaiting + pending.
 */
export const sopBoardRowSchema = z
  .object({
    key: z.string().describe('the plan, agent or team id'),
    name: z.string(),
    due: z.number().int().describe('tasks that fell due: every status but planned, cancelled, ended and pending ones not due yet'),
    sent: z.number().int().describe('sent or partly sent: the done ones'),
    partlySent: z.number().int().describe('of sent, those that reached only some recipients'),
    failed: z.number().int(),
    skipped: z.number().int(),
    overdue: z.number().int(),
    awaiting: z.number().int().describe('waiting for the owner (awaiting, sending)'),
    pending: z.number().int().describe('due but not handed to WeCom yet'),
    completionRate: z.number().min(0).max(1).describe('sent / due, 0 when nothing is due; four decimals'),
  })
  .meta({ id: 'SopBoardRow' });
export type SopBoardRow = z.infer<typeof sopBoardRowSchema>;
