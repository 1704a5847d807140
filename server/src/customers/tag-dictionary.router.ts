import { z } from 'zod';
import { tagSourceSchema } from '@lodestar/shared';
import { route, type AnyRoute } from '../platform/http/route';
import type { TagDictionaryService } from './tag-dictionary.service';

const staff = ['admin', 'team_lead', 'agent'] as const;
const admin = ['admin'] as const;

/** WeCom caps corp tag and group names at 30 characters; the dictionary keeps to that. */
const tagName = z.string().trim().min(1).max(30);
const id = z.object({ id: z.string().min(1).max(64) });

const tagSchema = z
  .object({ id: z.string(), name: z.string(), sort: z.number().int(), wecomTagId: z.string().nullable(), customers: z.number().int().describe('customers carrying it') })
  .meta({ id: 'DictionaryTag' });
const tagGroupSchema = z
  .object({ id: z.string(), key: z.string(), name: z.string(), source: tagSourceSchema, sort: z.number().int(), wecomGroupId: z.string().nullable(), tags: z.array(tagSchema) })
  .meta({ id: 'DictionaryTagGroup' });
const tagWithGroupSchema = tagSchema.extend({ groupId: z.string() }).meta({ id: 'DictionaryTagInGroup' });

export const tagGroupInputSchema = z
  .object({
    key: z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9_]{0,63}$/, 'lower-case letters, digits and _, starting with a letter (at most 64)'),
    name: tagName,
    source: tagSourceSchema.describe('where tags of this group usually come from'),
  })
  .strict();
export const tagGroupPatchSchema = z.object({ name: tagName.optional(), source: tagSourceSchema.optional(), sort: z.number().int().min(0).max(10_000).optional() }).strict();
export const tagInputSchema = z.object({ groupId: z.string().min(1).max(64), name: tagName }).strict();
export const tagPatchSchema = z.object({ name: tagName.optional(), sort: z.number().int().min(0).max(10_000).optional() }).strict();

export function tagDictionaryRoutes(dictionary: TagDictionaryService): AnyRoute[] {
  return [
    route({
      method: 'get',
      path: '/api/tags',
      tag: 'tags',
      summary: 'The tag dictionary: groups with their tags, each with how many customers carry it',
      access: staff,
      response: z.object({ groups: z.array(tagGroupSchema) }),
      handler: async ({ principal }) => ({ groups: await dictionary.list(principal!.corpId) }),
    }),
    route({
      method: 'post',
      path: '/api/tag-groups',
      tag: 'tags',
      summary: 'Adds a tag group (its key never changes; names are unique in the corp)',
      access: admin,
      body: tagGroupInputSchema,
      response: tagGroupSchema,
      status: 201,
      errors: [409],
      handler: ({ principal, body }) => dictionary.createGroup(principal!.corpId, body),
    }),
    route({
      method: 'patch',
      path: '/api/tag-groups/:id',
      tag: 'tags',
      summary: 'Renames, re-sorts or re-sources a tag group; rules naming it follow, and WeCom when it is linked',
      access: admin,
      params: id,
      body: tagGroupPatchSchema,
      response: tagGroupSchema,
      errors: [404, 409],
      handler: ({ principal, params, body }) => dictionary.updateGroup(principal!.corpId, params.id, body),
    }),
    route({
      method: 'post',
      path: '/api/tags',
      tag: 'tags',
      summary: 'Adds a tag to a group (unique within it), in WeCom too when the dictionary is mirrored there',
      access: admin,
      body: tagInputSchema,
      response: tagWithGroupSchema,
      status: 201,
      errors: [404, 409],
      handler: ({ principal, body }) => dictionary.createTag(principal!.corpId, body),
    }),
    route({
      method: 'patch',
      path: '/api/tags/:id',
      tag: 'tags',
      summary: 'Renames or re-sorts a tag; behaviour rules naming it follow the rename',
      access: admin,
      params: id,
      body: tagPatchSchema,
      response: tagWithGroupSchema,
      errors: [404, 409],
      handler: ({ principal, params, body }) => dictionary.updateTag(principal!.corpId, params.id, body),
    }),
    route({
      method: 'delete',
      path: '/api/tags/:id',
      tag: 'tags',
      summary: 'Deletes a tag and takes it off every customer (and WeCom); 409 naming the behaviour rules that give it',
      access: admin,
      params: id,
      response: z.object({ removedFromCustomers: z.number().int() }),
      errors: [404, 409],
      handler: ({ principal, params }) => dictionary.deleteTag(principal!.corpId, params.id),
    }),
  ];
}
