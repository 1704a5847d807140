import { z } from 'zod';
import { groupDetailSchema, groupListQuerySchema, groupListSchema, groupSchema, groupTagsSchema, type GroupView } from '@lodestar/shared';
import { route, type AnyRoute } from '../platform/http/route';
import type { CustomerGroup } from './customer-group.entity';
import type { GroupService } from './group.service';

const staff = ['admin', 'team_lead', 'agent'] as const;

const view = (g: CustomerGroup): GroupView => ({
  id: g.id,
  chatId: g.chatId,
  name: g.name,
  ownerUserId: g.ownerUserId,
  ownerStaffId: g.ownerStaffId,
  status: g.status,
  tags: g.tags ?? [],
  memberCount: g.memberCount,
  customerCount: g.customerCount,
  notice: g.notice,
  createdAt: g.createdAt.toISOString(),
  syncedAt: g.syncedAt.toISOString(),
});

export function groupRoutes(groups: GroupService): AnyRoute[] {
  return [
    route({
      method: 'get',
      path: '/api/groups',
      tag: 'groups',
      summary: 'Customer groups the caller may see (agents their own, team leads their team’s), by status, tag or name',
      access: staff,
      query: groupListQuerySchema,
      response: groupListSchema,
      handler: async ({ principal, query }) => {
        const owners = await groups.visibleOwners(principal!);
        const { rows, total } = await groups.list(principal!.corpId, { ...query, ...(owners ? { ownerStaffIds: owners } : {}) });
        return { items: rows.map(view), total };
      },
    }),
    route({
      method: 'get',
      path: '/api/groups/:id',
      tag: 'groups',
      summary: 'A group with its members (present and past) and its join/quit history',
      access: staff,
      params: z.object({ id: z.string().min(1).max(64) }),
      response: groupDetailSchema,
      errors: [404],
      handler: async ({ principal, params }) => {
        const { group, members, events } = await groups.detail(principal!.corpId, params.id, await groups.visibleOwners(principal!));
        return {
          ...view(group),
          members: members.map((m) => ({ memberId: m.memberId, kind: m.kind, customerId: m.customerId, name: m.name, status: m.status, joinScene: m.joinScene, joinedAt: m.joinedAt.toISOString(), leftAt: m.leftAt?.toISOString() ?? null })),
          history: events.map((e) => ({ memberId: e.memberId, customerId: e.customerId, kind: e.kind, scene: e.scene, at: e.at.toISOString() })),
        };
      },
    }),
    route({
      method: 'put',
      path: '/api/groups/:id/tags',
      tag: 'groups',
      summary: 'Sets the group’s own tags (city, product, policy expiry…) that SOP plans target',
      access: ['admin', 'team_lead'],
      params: z.object({ id: z.string().min(1).max(64) }),
      body: groupTagsSchema,
      response: groupSchema,
      errors: [404],
      handler: async ({ principal, params, body }) => view(await groups.setTags(principal!.corpId, params.id, body.tags)),
    }),
  ];
}
