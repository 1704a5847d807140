import { z } from 'zod';
import { behaviourRuleInputSchema, behaviourRuleSchema } from '@lodestar/shared';
import { route, type AnyRoute } from '../platform/http/route';
import type { BehaviourRuleService } from './behaviour-rule.service';

const id = z.object({ id: z.string().min(1).max(64) });

export function behaviourRuleRoutes(rules: BehaviourRuleService): AnyRoute[] {
  return [
    route({
      method: 'get',
      path: '/api/behaviour-rules',
      tag: 'tags',
      summary: 'Behaviour tag rules ("viewed a critical-illness product twice in 7 days" → 保险需求/重疾险)',
      access: ['admin', 'team_lead', 'agent'],
      response: z.object({ items: z.array(behaviourRuleSchema) }),
      handler: async ({ principal }) => ({ items: await rules.list(principal!.corpId) }),
    }),
    route({
      method: 'post',
      path: '/api/behaviour-rules',
      tag: 'tags',
      summary: 'Adds a behaviour tag rule; its tag must be in the dictionary (400 naming it otherwise)',
      access: ['admin'],
      body: behaviourRuleInputSchema,
      response: behaviourRuleSchema,
      status: 201,
      errors: [409],
      handler: ({ principal, body }) => rules.create(principal!.corpId, body),
    }),
    route({
      method: 'put',
      path: '/api/behaviour-rules/:id',
      tag: 'tags',
      summary: 'Replaces a behaviour tag rule',
      access: ['admin'],
      params: id,
      body: behaviourRuleInputSchema,
      response: behaviourRuleSchema,
      errors: [404, 409],
      handler: ({ principal, params, body }) => rules.replace(principal!.corpId, params.id, body),
    }),
    route({
      method: 'delete',
      path: '/api/behaviour-rules/:id',
      tag: 'tags',
      summary: 'Deletes a behaviour tag rule (the tags it gave stay)',
      access: ['admin'],
      params: id,
      response: z.object({ ok: z.literal(true) }),
      errors: [404],
      handler: async ({ principal, params }) => {
        await rules.remove(principal!.corpId, params.id);
        return { ok: true as const };
      },
    }),
  ];
}
