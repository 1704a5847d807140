import { z } from 'zod';
import { sopBoardRowSchema, sopCalendarItemSchema, sopPlanCreateSchema, sopPlanViewSchema, sopTaskStatusSchema, sopTaskViewSchema } from '@lodestar/shared';
import { route, type AnyRoute } from '../platform/http/route';
import type { SopRunner } from './sop-runner';
import type { SopService } from './sop.service';

const id = z.object({ id: z.string().min(1).max(64) });
const period = {
  from: z.iso.datetime({ offset: true }).describe('start (inclusive)'),
  to: z.iso.datetime({ offset: true }).describe('end (exclusive)'),
};

/** Group SOP plans, their calendar and completion board, and the owners' tasks. */
export function sopRoutes(d: { sops: SopService; runner: SopRunner }): AnyRoute[] {
  const transition = (action: 'publish' | 'pause' | 'resume' | 'archive', summary: string): AnyRoute =>
    route({
      method: 'post',
      path: `/api/sop/plans/:id/${action}`,
      tag: 'sop',
      summary,
      access: ['admin'],
      params: id,
      response: sopPlanViewSchema,
      errors: [404, 409],
      handler: ({ principal, params }) => d.sops.transition(principal!.corpId, params.id, action),
    });
  return [
    route({ method: 'get', path: '/api/sop/plans', tag: 'sop', summary: 'The corp’s SOP plans', access: ['team_lead', 'admin'], response: z.object({ items: z.array(sopPlanViewSchema) }), handler: async ({ principal }) => ({ items: await d.sops.list(principal!.corpId) }) }),
    route({
      method: 'post',
      path: '/api/sop/plans',
      tag: 'sop',
      summary: 'Saves a plan as a draft: targets, steps with their time or event rule and content (checked against the compliance list)',
      access: ['admin'],
      body: sopPlanCreateSchema,
      response: sopPlanViewSchema,
      status: 201,
      errors: [400],
      handler: ({ principal, body }) => d.sops.create(principal!, body),
    }),
    route({ method: 'get', path: '/api/sop/plans/:id', tag: 'sop', summary: 'One plan', access: ['team_lead', 'admin'], params: id, response: sopPlanViewSchema, errors: [404], handler: ({ principal, params }) => d.sops.get(principal!.corpId, params.id) }),
    route({
      method: 'put',
      path: '/api/sop/plans/:id',
      tag: 'sop',
      summary: 'Changes a draft or paused plan',
      access: ['admin'],
      params: id,
      body: sopPlanCreateSchema,
      response: sopPlanViewSchema,
      errors: [400, 404, 409],
      handler: ({ principal, params, body }) => d.sops.update(principal!.corpId, params.id, body),
    }),
    transition('publish', 'Publishes a draft: occurrences from now on create tasks'),
    transition('pause', 'Pauses a live plan: no new tasks'),
    transition('resume', 'Resumes a paused plan; what fell due meanwhile follows the plan’s missed rule'),
    transition('archive', 'Archives a plan; its pending tasks are cancelled'),
    route({
      method: 'get',
      path: '/api/sop/calendar',
      tag: 'sop',
      summary: 'What each plan sent and will send per group between two times (at most 62 days): tasks, and planned occurrences of live plans',
      access: ['agent', 'team_lead', 'admin'],
      query: z.object({ ...period, planId: z.string().min(1).max(64).optional(), targetId: z.string().min(1).max(64).optional() }),
      response: z.object({ items: z.array(sopCalendarItemSchema) }),
      errors: [400],
      handler: async ({ principal, query }) => ({
        items: await d.sops.calendar(principal!, new Date(query.from), new Date(query.to), { ...(query.planId ? { planId: query.planId } : {}), ...(query.targetId ? { targetId: query.targetId } : {}) }),
      }),
    }),
    route({
      method: 'get',
      path: '/api/sop/board',
      tag: 'sop',
      summary: 'Completion of the tasks due between two times, per plan, agent or team (a team lead sees their team, an agent themselves)',
      access: ['agent', 'team_lead', 'admin'],
      query: z.object({ ...period, by: z.enum(['plan', 'agent', 'team']).default('plan') }),
      response: z.object({ items: z.array(sopBoardRowSchema) }),
      errors: [400],
      handler: async ({ principal, query }) => ({ items: await d.sops.board(principal!, new Date(query.from), new Date(query.to), query.by) }),
    }),
    route({
      method: 'get',
      path: '/api/sop/tasks',
      tag: 'sop',
      summary: 'SOP tasks due between two times, newest first: an agent’s own (the sidebar’s list), a team lead’s team, all for an admin',
      access: ['agent', 'team_lead', 'admin'],
      query: z.object({ ...period, status: z.array(sopTaskStatusSchema).or(sopTaskStatusSchema.transform((s) => [s])).optional() }),
      response: z.object({ items: z.array(sopTaskViewSchema) }),
      handler: async ({ principal, query }) => ({ items: await d.sops.tasks(principal!, { from: new Date(query.from), to: new Date(query.to), ...(query.status ? { statuses: query.status } : {}) }) }),
    }),
    route({
      method: 'post',
      path: '/api/sop/tasks/:id/sent',
      tag: 'sop',
      summary: 'The owner sent a manual task from the sidebar',
      access: ['agent', 'team_lead', 'admin'],
      params: id,
      response: sopTaskViewSchema,
      errors: [404, 409],
      handler: ({ principal, params }) => d.sops.finish(principal!, params.id, 'sent'),
    }),
    route({
      method: 'post',
      path: '/api/sop/tasks/:id/skip',
      tag: 'sop',
      summary: 'Skips a task that should not go out, with a reason',
      access: ['agent', 'team_lead', 'admin'],
      params: id,
      body: z.object({ reason: z.string().min(1).max(300) }),
      response: sopTaskViewSchema,
      errors: [404, 409],
      handler: ({ principal, params, body }) => d.sops.finish(principal!, params.id, 'skipped', body.reason),
    }),
    route({
      method: 'post',
      path: '/api/sop/run',
      tag: 'sop',
      summary: 'Runs the SOP plans now: creates due tasks, hands them to WeCom and the sidebar, reads results (also every minute)',
      access: ['admin'],
      response: z.object({ created: z.number().int(), skipped: z.number().int(), ended: z.number().int(), handed: z.number().int(), failed: z.number().int(), sent: z.number().int(), reminded: z.number().int(), escalated: z.number().int() }),
      handler: ({ principal }) => d.runner.runOnce(principal!.corpId),
    }),
  ];
}
