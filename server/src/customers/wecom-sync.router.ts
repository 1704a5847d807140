import { z } from 'zod';
import { handoverBatchSchema, handoverListQuerySchema, handoverListSchema, startHandoverSchema, syncRunSchema } from '@lodestar/shared';
import { route, type AnyRoute } from '../platform/http/route';
import type { ContactSyncService } from './contact-sync.service';
import type { HandoverService } from './handover.service';

/** The full sync from WeCom and handovers: admin work, with progress to watch. */
export function wecomSyncRoutes(sync: ContactSyncService, handovers: HandoverService, kick: () => void): AnyRoute[] {
  return [
    route({
      method: 'post',
      path: '/api/wecom/sync',
      tag: 'wecom',
      summary: 'Starts the full sync of corp tags, every agent’s customers and the groups (or answers the one running; resumes a failed one)',
      access: ['admin'],
      response: syncRunSchema,
      status: 202,
      handler: async ({ principal }) => {
        const run = await sync.start(principal!.corpId, principal!.id);
        kick();
        return run;
      },
    }),
    route({
      method: 'get',
      path: '/api/wecom/sync/:id',
      tag: 'wecom',
      summary: 'A sync run’s progress (percent, agents done, relationships seen); `latest` for the newest',
      access: ['admin', 'team_lead'],
      params: z.object({ id: z.string().min(1).max(64) }),
      response: syncRunSchema,
      errors: [404],
      handler: ({ principal, params }) => sync.get(principal!.corpId, params.id),
    }),
    route({
      method: 'post',
      path: '/api/handovers',
      tag: 'wecom',
      summary: 'Hands an agent’s customers and groups to other agents through WeCom (resigned transfer when the agent has left)',
      access: ['admin'],
      body: startHandoverSchema,
      response: handoverBatchSchema,
      status: 201,
      errors: [404, 409],
      handler: ({ principal, body }) => handovers.start(principal!.corpId, body),
    }),
    route({
      method: 'get',
      path: '/api/handovers',
      tag: 'wecom',
      summary: 'Handovers with their status and, for failed ones, the reason (customer refused, takeover limit…)',
      access: ['admin', 'team_lead'],
      query: handoverListQuerySchema,
      response: handoverListSchema,
      handler: ({ principal, query }) => handovers.list(principal!.corpId, query),
    }),
  ];
}
