import { z } from 'zod';
import { leadGradeSchema } from './customers';
import { seniorities } from './roles';
import { productLineSchema } from './segments';

/**
 * Lead assignment and SLA settings of a corp.
 *
 * Assignment: an ordered list of rules; the first rule whose `when` holds for a lead decides who
 * may take it (`pool`) and how one of them is chosen (`strategy`). The last rule must be a
 * catch-all (an empty `when`), so every lead matches some rule.
 *
 * SLA: an assigned lead must be touched within `firstTouchHours` (the agent is reminded
 * `remindBeforeHours` before), then stays with the agent for `protectionHours`; each activity
 * pushes that deadline to `activity + extendOnActivityHours`, never past `assignedAt +
 * maxProtectionHours`. When the deadline passes the lead returns to the pool (公海), and the agent
 * who lost it cannot get it back for `cooldownHours`.
 */

export const senioritySchema = z.enum(seniorities);

const id = z.string().min(1).max(64);
const hhmm = /^(?:[01]\d|2[0-3]):[0-5]\d$/;

/**
 * When someone works, in their own time zone. `days` are ISO weekdays (1 = Monday … 7 = Sunday).
 * A shift whose `to` is not after `from` runs past midnight (22:00–06:00) and belongs to the day
 * it starts on; `to` may be '24:00' for a shift that runs to the end of the day.
 */
export const workingHoursSchema = z
  .object({
    timezone: z.string().min(1).max(64).describe('IANA zone, e.g. Asia/Shanghai'),
    days: z
      .array(z.number().int().min(1).max(7))
      .min(1)
      .max(7)
      .refine((d) => new Set(d).size === d.length, { message: 'list each weekday once' })
      .describe('ISO weekdays: 1 = Monday … 7 = Sunday; an overnight shift belongs to the day it starts'),
    from: z.string().regex(hhmm, 'use HH:MM, 00:00 to 23:59').describe('start, HH:MM local time'),
    to: z
      .string()
      .regex(/^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/, 'use HH:MM, 00:00 to 24:00')
      .describe('end (exclusive), HH:MM local time; before or equal to `from` means the next day; 24:00 = midnight'),
  })
  .strict()
  .refine((h) => h.from !== h.to, {
    message: 'from and to must differ (use 00:00 to 24:00 for the whole day)',
  });
export type WorkingHours = z.infer<typeof workingHoursSchema>;

/**
 * Which leads a rule applies to. Every listed condition must hold; a list matches when the lead
 * has any of its values. An empty `when` (no condition at all) is the catch-all.
 */
export const assignmentConditionSchema = z
  .object({
    productLines: z.array(productLineSchema).min(1).optional().describe('the lead is interested in (or holds) any of these lines'),
    grades: z.array(leadGradeSchema).min(1).optional().describe('the lead grade is one of these'),
    sources: z.array(z.string().min(1).max(64)).min(1).optional().describe('where the lead came from, e.g. channel code channel, miniprogram, import'),
    orphanPolicy: z.boolean().optional().describe('true: only leads holding an orphan policy (保单无人服务); false: only leads without'),
    teamIds: z.array(id).min(1).optional().describe('the lead belongs to one of these teams (e.g. the team of its channel code)'),
    minScore: z.number().min(0).max(1000).optional().describe('the lead score is at least this'),
  })
  .strict();
export type AssignmentCondition = z.infer<typeof assignmentConditionSchema>;

/** True when a condition has no constraint at all: the rule matches every lead. */
export function isCatchAll(when: AssignmentCondition): boolean {
  return Object.values(when).every((v) => v === undefined);
}

/**
 * How one agent is chosen from the eligible ones. Agents who left, are outside the pool, are off
 * duty (when the rule respects working hours), are at their own capacity, or lost this very lead
 * within the cooldown are never eligible, whatever the strategy.
 */
export const assignmentStrategySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('round_robin') }).strict().describe('in turn, in a stable order; skips who is not eligible'),
  z
    .object({
      type: z.literal('weighted'),
      weights: z
        .record(id, z.number().int().min(0).max(1000))
        .describe('staff id → share; agents not listed use their own weight, else 1; 0 = never'),
    })
    .strict()
    .describe('smooth weighted round robin: deterministic, weights 3:1 give a a b a a a b a …'),
  z
    .object({
      type: z.literal('least_loaded'),
      capacity: z.number().int().min(1).max(100_000).describe('open leads an agent may hold, unless the agent has a cap of their own'),
    })
    .strict()
    .describe('the agent with the fewest open leads under their cap; ties by id'),
  z
    .object({
      type: z.literal('skill'),
      skills: z.array(z.string().min(1).max(64)).min(1).max(20).describe('the agent must have every one'),
      minSeniority: senioritySchema
        .optional()
        .describe('unset: senior for high-value lines (critical_illness, annuity), no minimum otherwise'),
      among: z.enum(['least_loaded', 'round_robin']).default('least_loaded').describe('how to choose among the qualified agents'),
      capacity: z.number().int().min(1).max(100_000).optional().describe('cap for least_loaded, for agents without a cap of their own'),
      fallback: z
        .enum(['none', 'pool'])
        .default('none')
        .describe('when nobody qualifies: none = leave the lead in the pool (公海); pool = the least loaded eligible agent of the pool'),
    })
    .strict()
    .describe('only agents with the skills and at least the seniority'),
]);
export type AssignmentStrategy = z.infer<typeof assignmentStrategySchema>;

/**
 * Who may take a rule's leads: members of any listed team or any listed staff member (everyone
 * when neither is listed), further narrowed by seniority and skills.
 */
export const assignmentPoolSchema = z
  .object({
    teamIds: z.array(id).min(1).max(100).optional(),
    staffIds: z.array(id).min(1).max(1000).optional(),
    minSeniority: senioritySchema.optional(),
    skills: z.array(z.string().min(1).max(64)).min(1).max(20).optional().describe('the agent must have every one'),
  })
  .strict();
export type AssignmentPool = z.infer<typeof assignmentPoolSchema>;

export const assignmentRuleSchema = z
  .object({
    id,
    name: z.string().min(1).max(100),
    when: assignmentConditionSchema,
    strategy: assignmentStrategySchema,
    pool: assignmentPoolSchema,
    respectWorkingHours: z.boolean().describe('true: only agents on duty now (agents without working hours always are)'),
  })
  .strict()
  .refine((r) => r.when.orphanPolicy !== true || r.pool.teamIds !== undefined, {
    message: 'a rule for orphan policies must name the team (pool.teamIds) that takes them over',
    path: ['pool', 'teamIds'],
  });
export type AssignmentRule = z.infer<typeof assignmentRuleSchema>;

/** The ordered rules: first match wins; the last one, and only the last one, is the catch-all. */
export const assignmentRuleSetSchema = z
  .object({ rules: z.array(assignmentRuleSchema).min(1).max(100) })
  .strict()
  .superRefine(({ rules }, ctx) => {
    const seen = new Set<string>();
    rules.forEach((r, i) => {
      if (seen.has(r.id)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `rule id "${r.id}" is used twice` });
      seen.add(r.id);
    });
    const last = rules[rules.length - 1];
    if (last && !isCatchAll(last.when)) {
      ctx.addIssue({
        code: 'custom',
        path: ['rules'],
        message: 'the last rule must be a catch-all (an empty "when") so that every lead is assigned by some rule',
      });
    }
    rules.slice(0, -1).forEach((r, i) => {
      if (isCatchAll(r.when)) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'when'],
          message: `rule "${r.name}" matches every lead, so the rules after it would never apply; only the last rule may be a catch-all`,
        });
      }
    });
  });
export type AssignmentRuleSet = z.infer<typeof assignmentRuleSetSchema>;

const hours = z.number().positive().max(24 * 366);

/** SLA for assigned leads; all durations in hours. */
export const slaSettingsSchema = z
  .object({
    firstTouchHours: hours.describe('an untouched lead returns to the pool this long after it was assigned'),
    remindBeforeHours: hours.optional().describe('remind the agent this long before the lead would return (unset: no reminder)'),
    protectionHours: hours.describe('how long an agent keeps a touched lead'),
    extendOnActivityHours: z.number().min(0).max(24 * 366).describe('each activity keeps the lead at least this long after it'),
    maxProtectionHours: hours.describe('the lead returns at the latest this long after it was assigned, however active'),
    cooldownHours: z.number().min(0).max(24 * 366).describe('a returned lead cannot go back to the same agent within this'),
  })
  .strict()
  .refine((s) => s.maxProtectionHours >= s.protectionHours, {
    message: 'maxProtectionHours cannot be shorter than protectionHours',
    path: ['maxProtectionHours'],
  })
  .refine((s) => s.firstTouchHours <= s.protectionHours, {
    message: 'firstTouchHours cannot be longer than protectionHours (a lead touched in time would already be out of protection)',
    path: ['firstTouchHours'],
  })
  .refine((s) => s.remindBeforeHours === undefined || s.remindBeforeHours < s.firstTouchHours, {
    message: 'remindBeforeHours must be shorter than firstTouchHours, or the reminder would come before the lead is assigned',
    path: ['remindBeforeHours'],
  });
export type SlaSettings = z.infer<typeof slaSettingsSchema>;
