import { z } from 'zod';
import { buildOpenApi } from './openapi';
import { route } from './route';

const thing = z.object({ id: z.string(), name: z.string() });
const createThing = route({
  method: 'post',
  path: '/things',
  summary: 'Create a thing',
  tag: 'things',
  access: 'public',
  body: z.object({ name: z.string().min(1) }).meta({ id: 'ThingRequest' }),
  response: thing,
  status: 201,
  handler: async ({ body }) => ({ id: 't1', name: body.name }),
});
const getThing = route({
  method: 'get',
  path: '/things/:id',
  summary: 'Read a thing',
  tag: 'things',
  access: ['admin'],
  params: z.object({ id: z.string() }),
  query: z.object({ expand: z.string(), limit: z.coerce.number().optional() }),
  response: thing,
  handler: async ({ params }) => ({ id: params.id, name: 'x' }),
});

type Json = Record<string, any>;  
const doc = buildOpenApi([createThing, getThing], { title: 'Test', version: '1.0.0' }) as Json;

function refs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refs(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

describe('buildOpenApi', () => {
  it('converts :params to {params} and documents path and query parameters', () => {
    expect(Object.keys(doc.paths).sort()).toEqual(['/things', '/things/{id}']);
    const params = doc.paths['/things/{id}'].get.parameters as Json[];
    expect(params.map((p) => [p.name, p.in, p.required])).toEqual([
      ['id', 'path', true],
      ['expand', 'query', true],
      ['limit', 'query', false],
    ]);
  });

  it('moves named schemas into components and every $ref resolves inside the document', () => {
    expect(doc.components.schemas.ThingRequest).toMatchObject({ type: 'object', required: ['name'] });
    expect(doc.components.schemas.ErrorBody).toBeDefined();
    const all = refs(doc);
    expect(all).toContain('#/components/schemas/ThingRequest');
    for (const ref of all) {
      expect(ref.startsWith('#/')).toBe(true);
      const target = ref.slice(2).split('/').reduce<unknown>((n, key) => (n as Json | undefined)?.[key], doc);
      expect(target).toBeDefined();
    }
  });

  it('marks a public route as needing no token and documents its status and body', () => {
    const post = doc.paths['/things'].post;
    expect(post.security).toEqual([]);
    expect(post.requestBody.required).toBe(true);
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['201', '400', '500']));
    expect(post.responses['401']).toBeUndefined();
    expect(post.responses['403']).toBeUndefined();
  });

  it('documents 401 and 403 on a role-restricted route', () => {
    const get = doc.paths['/things/{id}'].get;
    expect(get.security).toBeUndefined();
    expect(get['x-roles']).toEqual(['admin']);
    expect(get.responses['401'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ErrorBody' });
    expect(get.responses['403']).toBeDefined();
    expect(get.operationId).toBe('getThingsId');
  });
});
