import { z } from 'zod';
import {
  archiveStatusSchema,
  candidateTagAcceptSchema,
  candidateTagListSchema,
  candidateTagSchema,
  complianceAlertListSchema,
  complianceCheckInputSchema,
  complianceCheckResultSchema,
  complianceRuleInputSchema,
  complianceRuleListSchema,
  complianceRuleSchema,
  conversationListSchema,
  keyNodeReachSchema,
  salesSopInputSchema,
  salesSopListSchema,
  salesSopProductLineSchema,
  salesSopSchema,
  talkScriptSchema,
  talkTrackListSchema,
  talkTrackPromoteSchema,
  type ArchiveStatus,
  type Conversation,
} from '@lodestar/shared';
import { DomainError } from '../platform/errors';
import type { Principal } from '../platform/http/principal';
import { route, type AnyRoute } from '../platform/http/route';
import type { ChatInsightsService } from './chat-insights.service';
import type { ComplianceService } from './compliance.service';

export interface ChatRouteDeps {
  status: (corpId: string) => Promise<ArchiveStatus>;
  pull: (corpId: string) => Promise<{ pages: number; records: number; stored: number; parked: number; cursor: number }>;
  retryParked: (corpId: string) => Promise<{ recovered: number; still: number }>;
  /** A customer's conversations, when the caller may see the customer (404 otherwise). */
  conversations: (principal: Principal, customerId: string, limit: number) => Promise<Conversation[]>;
  compliance: ComplianceService;
  insights: ChatInsightsService;
  candidates: {
    list(corpId: string, status: 'pending' | 'accepted' | 'rejected'): Promise<z.infer<typeof candidateTagSchema>[]>;
    accept(corpId: string, id: string, group: string, name: string | undefined): Promise<z.infer<typeof candidateTagSchema>>;
    reject(corpId: string, id: string): Promise<z.infer<typeof candidateTagSchema>>;
  };
}

const id = z.object({ id: z.string().min(1).max(64) });
const summary = z.object({ pages: z.number().int(), records: z.number().int(), stored: z.number().int(), parked: z.number().int(), cursor: z.number().int() });

/** The chat archive's status, conversations, compliance, key nodes, talk tracks and candidate tags. */
export function chatRoutes(d: ChatRouteDeps): AnyRoute[] {
  return [
    route({ method: 'get', path: '/api/chat/archive/status', tag: 'chat', summary: 'Where the chat archive pull stands: cursor, last error, stored and parked records', access: ['admin'], response: archiveStatusSchema, handler: ({ principal }) => d.status(principal!.corpId) }),
    route({ method: 'post', path: '/api/chat/archive/pull', tag: 'chat', summary: 'Pulls the chat archive now (also done on msgaudit_notify and every minute)', access: ['admin'], response: summary, handler: ({ principal }) => d.pull(principal!.corpId) }),
    route({
      method: 'post',
      path: '/api/chat/archive/retry-parked',
      tag: 'chat',
      summary: 'Decrypts parked records again (after adding the missing private key)',
      access: ['admin'],
      response: z.object({ recovered: z.number().int(), still: z.number().int() }),
      handler: ({ principal }) => d.retryParked(principal!.corpId),
    }),
    route({
      method: 'get',
      path: '/api/customers/:id/conversations',
      tag: 'chat',
      summary: 'A customer’s archived conversations with what mining found and the key nodes reached, newest first',
      access: ['agent', 'team_lead', 'admin'],
      params: id,
      query: z.object({ limit: z.coerce.number().int().min(1).max(50).default(10) }),
      response: conversationListSchema,
      errors: [404],
      handler: async ({ principal, params, query }) => ({ items: await d.conversations(principal!, params.id, query.limit) }),
    }),
    route({ method: 'get', path: '/api/compliance/rules', tag: 'compliance', summary: 'The compliance word and pattern list (built in and added)', access: ['team_lead', 'admin'], response: complianceRuleListSchema, handler: async ({ principal }) => ({ items: await d.compliance.list(principal!.corpId) }) }),
    route({
      method: 'post',
      path: '/api/compliance/rules',
      tag: 'compliance',
      summary: 'Adds a word or a pattern (patterns that could backtrack badly are refused)',
      access: ['admin'],
      body: complianceRuleInputSchema,
      response: complianceRuleSchema,
      status: 201,
      errors: [400, 409],
      handler: ({ principal, body }) => d.compliance.create(principal!.corpId, body),
    }),
    route({
      method: 'put',
      path: '/api/compliance/rules/:id',
      tag: 'compliance',
      summary: 'Changes a rule (built-in ones: on/off and severity only)',
      access: ['admin'],
      params: id,
      body: complianceRuleInputSchema,
      response: complianceRuleSchema,
      errors: [400, 404],
      handler: ({ principal, params, body }) => d.compliance.update(principal!.corpId, params.id, body),
    }),
    route({
      method: 'delete',
      path: '/api/compliance/rules/:id',
      tag: 'compliance',
      summary: 'Deletes an added rule',
      access: ['admin'],
      params: id,
      response: z.object({ deleted: z.literal(true) }),
      errors: [404, 409],
      handler: async ({ principal, params }) => {
        await d.compliance.remove(principal!.corpId, params.id);
        return { deleted: true as const };
      },
    }),
    route({
      method: 'post',
      path: '/api/compliance/check',
      tag: 'compliance',
      summary: 'Checks a text before it is sent (the sidebar shows the hits)',
      access: ['agent', 'team_lead', 'admin'],
      body: complianceCheckInputSchema,
      response: complianceCheckResultSchema,
      handler: async ({ principal, body }) => {
        const hits = await d.compliance.check(principal!.corpId, body.text);
        return { ok: hits.length === 0, hits };
      },
    }),
    route({
      method: 'get',
      path: '/api/compliance/alerts',
      tag: 'compliance',
      summary: 'Agent messages that broke a rule: a team lead’s team, or (admin) all',
      access: ['team_lead', 'admin'],
      query: z.object({ status: z.enum(['open', 'acknowledged', 'all']).default('open'), limit: z.coerce.number().int().min(1).max(500).default(100) }),
      response: complianceAlertListSchema,
      handler: ({ principal, query }) => d.compliance.alerts(principal!, query.status, query.limit),
    }),
    route({
      method: 'post',
      path: '/api/compliance/alerts/:id/acknowledge',
      tag: 'compliance',
      summary: 'Marks an alert as dealt with',
      access: ['team_lead', 'admin'],
      params: id,
      response: z.object({ acknowledged: z.literal(true) }),
      errors: [404],
      handler: async ({ principal, params }) => {
        await d.compliance.acknowledge(principal!, params.id);
        return { acknowledged: true as const };
      },
    }),
    route({ method: 'get', path: '/api/chat/sales-sops', tag: 'chat', summary: 'The sales SOP’s key nodes per product line', access: ['team_lead', 'admin'], response: salesSopListSchema, handler: async ({ principal }) => ({ items: await d.insights.sops(principal!.corpId) }) }),
    route({
      method: 'put',
      path: '/api/chat/sales-sops/:productLine',
      tag: 'chat',
      summary: 'Sets a product line’s key nodes (cues are literal; * stands for up to 6 characters)',
      access: ['admin'],
      params: z.object({ productLine: salesSopProductLineSchema }),
      body: salesSopInputSchema,
      response: salesSopSchema,
      errors: [400],
      handler: ({ principal, params, body }) => d.insights.saveSop(principal!.corpId, params.productLine, body.nodes),
    }),
    route({
      method: 'get',
      path: '/api/chat/key-nodes/reach',
      tag: 'chat',
      summary: 'Key-node reach rate per agent and team, of conversations that started in the period',
      access: ['team_lead', 'admin'],
      query: z.object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) }),
      response: keyNodeReachSchema,
      errors: [400],
      handler: ({ principal, query }) => {
        const from = new Date(query.from);
        const to = new Date(query.to);
        if (to.getTime() <= from.getTime()) throw new DomainError('bad_request', '"to" must come after "from"', [{ path: 'query.to', message: 'before from' }]);
        return d.insights.reach(principal!.corpId, from, to);
      },
    }),
    route({
      method: 'get',
      path: '/api/chat/talk-tracks',
      tag: 'chat',
      summary: 'Agent replies to each objection ranked by the progress that followed (Wilson lower bound)',
      access: ['team_lead', 'admin'],
      query: z.object({ days: z.coerce.number().int().min(1).max(365).default(30), minUses: z.coerce.number().int().min(1).max(100).default(2) }),
      response: talkTrackListSchema,
      handler: async ({ principal, query }) => ({ windowDays: query.days, items: await d.insights.talkTracks(principal!.corpId, query.days, undefined, query.minUses) }),
    }),
    route({
      method: 'post',
      path: '/api/chat/talk-tracks/promote',
      tag: 'chat',
      summary: 'Adds a reply to the script library for its objection',
      access: ['admin'],
      body: talkTrackPromoteSchema,
      response: talkScriptSchema,
      status: 201,
      handler: ({ principal, body }) => d.insights.promote(principal!.corpId, body),
    }),
    route({
      method: 'get',
      path: '/api/chat/candidate-tags',
      tag: 'chat',
      summary: 'Frequent phrases in customers’ messages that no tag covers yet',
      access: ['admin'],
      query: z.object({ status: z.enum(['pending', 'accepted', 'rejected']).default('pending') }),
      response: candidateTagListSchema,
      handler: async ({ principal, query }) => ({ items: await d.candidates.list(principal!.corpId, query.status) }),
    }),
    route({
      method: 'post',
      path: '/api/chat/candidate-tags/refresh',
      tag: 'chat',
      summary: 'Finds candidate tags in the last 30 days of customer messages now (also done daily)',
      access: ['admin'],
      response: z.object({ found: z.number().int() }),
      handler: async ({ principal }) => ({ found: await d.insights.refreshCandidates(principal!.corpId) }),
    }),
    route({
      method: 'post',
      path: '/api/chat/candidate-tags/:id/accept',
      tag: 'chat',
      summary: 'Makes a candidate a dictionary tag in a group',
      access: ['admin'],
      params: id,
      body: candidateTagAcceptSchema,
      response: candidateTagSchema,
      errors: [400, 404, 409],
      handler: ({ principal, params, body }) => d.candidates.accept(principal!.corpId, params.id, body.group, body.name),
    }),
    route({
      method: 'post',
      path: '/api/chat/candidate-tags/:id/reject',
      tag: 'chat',
      summary: 'Dismisses a candidate (it is not proposed again)',
      access: ['admin'],
      params: id,
      response: candidateTagSchema,
      errors: [404],
      handler: ({ principal, params }) => d.candidates.reject(principal!.corpId, params.id),
    }),
  ];
}
