import { z } from 'zod';
import { agentTaskFinishSchema, agentTaskListSchema, agentTaskSchema } from '@lodestar/shared';
import { route, type AnyRoute } from '../platform/http/route';
import type { AgentTaskService } from './agent-task.service';

/** The calls, chats and invitations journeys ask agents for: the agent's list and closing a task. */
export function agentTaskRoutes(tasks: AgentTaskService): AnyRoute[] {
  return [
    route({
      method: 'get',
      path: '/api/agent-tasks',
      tag: 'journeys',
      summary: 'Tasks from journeys, soonest due first: an agent’s own, a team lead’s team, or (admin) anyone’s',
      access: ['agent', 'team_lead', 'admin'],
      query: z.object({
        status: z.enum(['open', 'done', 'cancelled']).default('open'),
        staffId: z.string().min(1).max(64).optional().describe('team leads and admins: one agent’s tasks'),
        limit: z.coerce.number().int().min(1).max(500).default(100),
      }),
      response: agentTaskListSchema,
      handler: async ({ principal, query }) => ({ items: await tasks.list(principal!, query.status, query.staffId, query.limit) }),
    }),
    route({
      method: 'post',
      path: '/api/agent-tasks/:id/finish',
      tag: 'journeys',
      summary: 'Marks a task done (or cancelled): an agent their own, an admin anyone’s',
      access: ['agent', 'admin'],
      params: z.object({ id: z.string().min(1).max(64) }),
      body: agentTaskFinishSchema,
      response: agentTaskSchema,
      errors: [404, 409],
      handler: ({ principal, params, body }) => tasks.finish(principal!, params.id, body.status),
    }),
  ];
}
