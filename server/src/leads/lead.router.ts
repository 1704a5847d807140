import { z } from 'zod';
import {
  assignmentRuleSetSchema,
  customerScoreSchema,
  leadActivityInputSchema,
  leadAssignInputSchema,
  leadCloseInputSchema,
  leadDetailSchema,
  leadGradeSchema,
  leadListQuerySchema,
  leadListSchema,
  leadSchema,
  leadSettingsSchema,
  scoringModelSchema,
  slaSettingsSchema,
} from '@lodestar/shared';
import type { Principal } from '../platform/http/principal';
import { route, type AnyRoute } from '../platform/http/route';
import type { IntentModelService } from './intent-model.service';
import type { LeadScoringService } from './lead-scoring.service';
import type { LeadSettingsService } from './lead-settings.service';
import type { LeadService } from './lead.service';

const staff = ['admin', 'team_lead', 'agent'] as const;
const managers = ['admin', 'team_lead'] as const;
const params = z.object({ id: z.string().min(1).max(64) });
const release = z.object({ reason: z.string().trim().min(1).max(500).optional() }).strict();
const modelSchema = z
  .object({
    version: z.number().int(),
    algorithm: z.string(),
    active: z.boolean(),
    trainedAt: z.string(),
    metrics: z
      .object({
        examples: z.number().int(),
        train: z.number().int(),
        test: z.number().int(),
        positiveRate: z.number(),
        auc: z.object({ rules: z.number(), model: z.number() }).describe('held-out AUC of the scoring rules alone and of the model'),
        brier: z.number(),
        logLoss: z.number(),
        calibration: z.array(
          z.object({ bin: z.number().int(), from: z.number(), to: z.number(), n: z.number().int(), meanPredicted: z.number().nullable(), observed: z.number().nullable() }),
        ),
        threshold: z.number(),
        topFeatures: z.array(z.object({ name: z.string(), weight: z.number() })),
        features: z.number().int(),
        activated: z.boolean(),
        reason: z.string().nullable(),
        l2: z.number(),
        epochs: z.number().int(),
      }),
  })
  .meta({ id: 'IntentModel' });
const versionParams = z.object({ version: z.coerce.number().int().min(1) });
const previewSchema = z
  .object({ scored: z.number().int(), grades: z.record(leadGradeSchema, z.number().int()), averageScore: z.number() })
  .meta({ id: 'ScoringPreview' });

export interface LeadRouteDeps {
  leads: LeadService;
  settings: LeadSettingsService;
  scoring: LeadScoringService;
  intentModels: IntentModelService;
  /** Throws not_found unless the caller may see the customer. */
  canSeeCustomer: (p: Principal, customerId: string) => Promise<void>;
  /** Starts a rescore of every customer in the background; resolves when it has started. */
  rescoreAll: (corpId: string) => Promise<{ customers: number }>;
}

/** Leads for the console and the sidebar; register after the other /api/leads/<word> routes. */
export function leadRoutes(d: LeadRouteDeps): AnyRoute[] {
  return [
    route({
      method: 'get',
      path: '/api/leads/settings',
      tag: 'leads',
      summary: 'The scoring model, assignment rules and SLA of the corp',
      access: managers,
      response: leadSettingsSchema,
      handler: ({ principal }) => d.settings.get(principal!.corpId),
    }),
    route({
      method: 'put',
      path: '/api/leads/settings/scoring',
      tag: 'leads',
      summary: 'Replaces the scoring rules and grade thresholds; every customer is rescored',
      access: ['admin'],
      body: scoringModelSchema,
      response: leadSettingsSchema,
      handler: ({ principal, body }) => d.settings.replaceScoring(principal!.corpId, principal!.id, body),
    }),
    route({
      method: 'put',
      path: '/api/leads/settings/assignment',
      tag: 'leads',
      summary: 'Replaces the ordered assignment rules (first match wins; the last is the catch-all)',
      access: ['admin'],
      body: assignmentRuleSetSchema,
      response: leadSettingsSchema,
      handler: ({ principal, body }) => d.settings.replaceAssignment(principal!.corpId, principal!.id, body),
    }),
    route({
      method: 'put',
      path: '/api/leads/settings/sla',
      tag: 'leads',
      summary: 'Replaces the SLA: first touch, reminder, protection and its extension, cooldown',
      access: ['admin'],
      body: slaSettingsSchema,
      response: leadSettingsSchema,
      handler: ({ principal, body }) => d.settings.replaceSla(principal!.corpId, principal!.id, body),
    }),
    route({
      method: 'post',
      path: '/api/leads/scoring/preview',
      tag: 'leads',
      summary: 'How a scoring model would grade the corp’s customers (up to 5,000 of them), without saving it',
      access: managers,
      body: scoringModelSchema,
      response: previewSchema,
      handler: ({ principal, body }) => d.scoring.preview(principal!.corpId, body, 5000),
    }),
    route({
      method: 'post',
      path: '/api/leads/scoring/rescore',
      tag: 'leads',
      summary: 'Rescores every customer of the corp in the background',
      access: ['admin'],
      response: z.object({ customers: z.number().int() }),
      status: 202,
      handler: ({ principal }) => d.rescoreAll(principal!.corpId),
    }),
    route({
      method: 'get',
      path: '/api/leads/models',
      tag: 'leads',
      summary: 'Versions of the high-intent model, newest first, with held-out AUC (rules alone and model) and calibration',
      access: managers,
      response: z.object({ items: z.array(modelSchema) }),
      handler: async ({ principal }) => ({ items: await d.intentModels.list(principal!.corpId) }),
    }),
    route({
      method: 'post',
      path: '/api/leads/models/train',
      tag: 'leads',
      summary: 'Trains a new version on the closed leads; it becomes active only if it beats the rules (npm run model:train does the same with progress)',
      access: ['admin'],
      response: modelSchema,
      status: 201,
      errors: [409],
      handler: ({ principal }) => d.intentModels.train(principal!.corpId),
    }),
    route({
      method: 'post',
      path: '/api/leads/models/:version/activate',
      tag: 'leads',
      summary: 'Makes a saved version the active one (every customer is rescored with it)',
      access: ['admin'],
      params: versionParams,
      response: modelSchema,
      errors: [404],
      handler: ({ principal, params }) => d.intentModels.activate(principal!.corpId, params.version),
    }),
    route({
      method: 'get',
      path: '/api/customers/:id/score',
      tag: 'leads',
      summary: 'A customer’s lead score and grade with the rules that fired, and its history',
      access: staff,
      params,
      response: customerScoreSchema,
      errors: [404],
      handler: async ({ principal, params }) => {
        await d.canSeeCustomer(principal!, params.id);
        return d.scoring.ofCustomer(params.id);
      },
    }),
    route({
      method: 'get',
      path: '/api/leads',
      tag: 'leads',
      summary: 'Leads the caller sees (agents: their own and the pool), hottest first',
      access: staff,
      query: leadListQuerySchema,
      response: leadListSchema,
      handler: ({ principal, query }) => d.leads.list(principal!, query),
    }),
    route({
      method: 'get',
      path: '/api/leads/:id',
      tag: 'leads',
      summary: 'One lead with its score reasons, SLA, every move and every call',
      access: staff,
      params,
      response: leadDetailSchema,
      errors: [404],
      handler: ({ principal, params }) => d.leads.detail(principal!, params.id),
    }),
    route({
      method: 'post',
      path: '/api/leads/:id/claim',
      tag: 'leads',
      summary: 'An agent takes a lead from the pool (公海); refused within the cooldown after losing it',
      access: ['agent'],
      params,
      response: leadSchema,
      errors: [404, 409],
      handler: ({ principal, params }) => d.leads.claim(principal!, params.id),
    }),
    route({
      method: 'post',
      path: '/api/leads/:id/assign',
      tag: 'leads',
      summary: 'A team lead or admin gives the lead to an agent by hand',
      access: managers,
      params,
      body: leadAssignInputSchema,
      response: leadSchema,
      errors: [404, 409],
      handler: ({ principal, params, body }) => d.leads.assign(principal!, params.id, body.staffId, body.reason),
    }),
    route({
      method: 'post',
      path: '/api/leads/:id/release',
      tag: 'leads',
      summary: 'The agent gives the lead back to the pool',
      access: ['agent', 'admin'],
      params,
      body: release,
      response: leadSchema,
      errors: [404, 409],
      handler: ({ principal, params, body }) => d.leads.release(principal!, params.id, body.reason),
    }),
    route({
      method: 'post',
      path: '/api/leads/:id/activities',
      tag: 'leads',
      summary: 'The agent followed the lead up (note, message, call, visit): the SLA deadline moves',
      access: ['agent', 'admin'],
      params,
      body: leadActivityInputSchema,
      response: leadSchema,
      errors: [404, 409],
      handler: ({ principal, params, body }) => d.leads.recordActivity(principal!, params.id, body),
    }),
    route({
      method: 'post',
      path: '/api/leads/:id/close',
      tag: 'leads',
      summary: 'Closes the lead won or lost (the intent model learns from these)',
      access: staff,
      params,
      body: leadCloseInputSchema,
      response: leadSchema,
      errors: [404, 409],
      handler: ({ principal, params, body }) => d.leads.close(principal!, params.id, body.outcome, body.reason),
    }),
  ];
}
