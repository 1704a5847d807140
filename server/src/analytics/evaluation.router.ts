import Router from '@koa/router';
import { z } from 'zod';
import { evaluationPeriodSchema, evaluationSnapshotSchema, evaluationTargetInputSchema, evaluationTargetSchema } from '@lodestar/shared';
import { DomainError } from '../platform/errors';
import { requireRole } from '../platform/http/auth.middleware';
import type { Principal } from '../platform/http/principal';
import { route, type AnyRoute } from '../platform/http/route';
import type { EvaluationService } from './evaluation.service';

const id = z.object({ id: z.string().min(1).max(64) });
const tag = 'analytics';
export const evaluationCsvPath = '/api/analytics/evaluations/:id.csv';

/** Targets per metric and period, and the evaluation snapshots taken against them. */
export function evaluationRoutes(d: { evaluations: EvaluationService }): AnyRoute[] {
  return [
    route({
      method: 'get',
      path: '/api/analytics/targets',
      tag,
      summary: 'The targets per metric, period and team',
      access: ['team_lead', 'admin'],
      query: z.object({ period: evaluationPeriodSchema.optional() }),
      response: z.object({ items: z.array(evaluationTargetSchema) }),
      handler: async ({ principal, query }) => ({ items: await d.evaluations.listTargets(principal!.corpId, query.period) }),
    }),
    route({
      method: 'put',
      path: '/api/analytics/targets',
      tag,
      summary: 'Sets the target of a metric for a period (for the whole corp, or a team): created, or changed in place',
      access: ['admin'],
      body: evaluationTargetInputSchema,
      response: evaluationTargetSchema,
      errors: [400, 404],
      handler: ({ principal, body }) => d.evaluations.setTarget(principal!, body),
    }),
    route({
      method: 'delete',
      path: '/api/analytics/targets/:id',
      tag,
      summary: 'Removes a target: later evaluations have no row for it',
      access: ['admin'],
      params: id,
      response: z.object({ ok: z.literal(true) }),
      errors: [404],
      handler: async ({ principal, params }) => {
        await d.evaluations.deleteTarget(principal!.corpId, params.id);
        return { ok: true as const };
      },
    }),
    route({
      method: 'post',
      path: '/api/analytics/evaluations/run',
      tag,
      summary: 'Takes a snapshot now: the current period to date (counts judged against the elapsed share), or with `closed` the last closed period',
      access: ['admin'],
      body: z.object({ period: evaluationPeriodSchema, closed: z.boolean().default(false).describe('evaluate the last closed period instead of the current one') }).strict(),
      response: evaluationSnapshotSchema,
      status: 201,
      errors: [400],
      handler: ({ principal, body }) => d.evaluations.evaluate(principal!.corpId, body.period, { closed: body.closed }),
    }),
    route({
      method: 'get',
      path: '/api/analytics/evaluations',
      tag,
      summary: 'Evaluation snapshots, latest first (a team lead sees the corp’s rows and their own team’s)',
      access: ['team_lead', 'admin'],
      query: z.object({ period: evaluationPeriodSchema.optional(), limit: z.coerce.number().int().min(1).max(100).default(20) }),
      response: z.object({ items: z.array(evaluationSnapshotSchema) }),
      handler: async ({ principal, query }) => ({ items: await d.evaluations.list(principal!, query.period ?? null, query.limit) }),
    }),
    route({
      method: 'get',
      path: '/api/analytics/evaluations/:id',
      tag,
      summary: 'One evaluation snapshot (the CSV export is /api/analytics/evaluations/{id}.csv)',
      access: ['team_lead', 'admin'],
      params: id,
      response: evaluationSnapshotSchema,
      errors: [404],
      handler: ({ principal, params }) => d.evaluations.get(principal!, params.id),
    }),
  ];
}

/**
 * GET /api/analytics/evaluations/:id.csv, the snapshot as a CSV download. route() answers JSON
 * only, so this is a router of its own; mount it after `authenticate` and BEFORE the router of
 * the JSON routes, or `/api/analytics/evaluations/:id` takes `<id>.csv` as an id.
 */
export function evaluationCsvRouter(d: { evaluations: EvaluationService }): Router {
  const router = new Router();
  router.get(evaluationCsvPath, requireRole({ roles: ['team_lead', 'admin'] }), async (ctx) => {
    const parsed = id.safeParse(ctx.params);
    if (!parsed.success) throw new DomainError('validation_failed', 'params.id: a snapshot id');
    const csv = await d.evaluations.csv(ctx.state.principal as Principal, parsed.data.id);
    ctx.status = 200;
    ctx.set('Content-Type', 'text/csv; charset=utf-8');
    ctx.set('Content-Disposition', `attachment; filename="${csv.filename}"`);
    ctx.set('Cache-Control', 'private, no-store');
    ctx.body = csv.body;
  });
  return router;
}

/** The CSV download's entry for the OpenAPI document (route() describes JSON only): merge it into `paths`. */
export const evaluationCsvOpenApi: Record<string, unknown> = {
  '/api/analytics/evaluations/{id}.csv': {
    get: {
      summary: 'One evaluation snapshot as CSV (UTF-8 with BOM, a header row: metric, name, team, value, target, completion, expected, deviation, off_track)',
      tags: [tag],
      operationId: 'getApiAnalyticsEvaluationsIdCsv',
      'x-roles': ['team_lead', 'admin'],
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      responses: {
        '200': { description: 'The CSV file, as an attachment', content: { 'text/csv': { schema: { type: 'string' } } } },
        '401': { description: 'No valid bearer token', content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } } },
        '403': { description: 'Agents have no evaluations', content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } } },
        '404': { description: 'No such snapshot', content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } } },
      },
    },
  },
};
