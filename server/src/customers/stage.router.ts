import { stageRulesSchema, stageRulesUpdateResultSchema, stageRulesViewSchema } from '@lodestar/shared';
import { route, type AnyRoute } from '../platform/http/route';
import type { StageService } from './stage.service';

export function stageRoutes(stages: StageService): AnyRoute[] {
  return [
    route({
      method: 'get',
      path: '/api/stage-rules',
      tag: 'segments',
      summary: 'The corp’s six journey-stage rules, each marked when it is the default',
      access: ['admin', 'team_lead'],
      response: stageRulesViewSchema,
      handler: async ({ principal }) => ({ rules: await stages.rules(principal!.corpId) }),
    }),
    route({
      method: 'put',
      path: '/api/stage-rules',
      tag: 'segments',
      summary: 'Replaces the six journey-stage rules (null: the stage is never derived) and re-derives every customer’s stage',
      access: ['admin'],
      body: stageRulesSchema,
      response: stageRulesUpdateResultSchema,
      handler: ({ principal, body }) => stages.replace(principal!.corpId, principal!.id, body),
    }),
  ];
}
