import { z } from 'zod';
import { errorBodySchema } from '@lodestar/shared';
import { statusByCode } from '../errors';
import type { AnyRoute } from './route';

type JsonSchema = Record<string, unknown>;

/** Converts one zod schema; named schemas (zod .meta({ id })) are collected into `components`. */
function toSchema(schema: z.ZodType, io: 'input' | 'output', components: Record<string, JsonSchema>): JsonSchema {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any', reused: 'inline' }) as JsonSchema;
  delete json.$schema;
  delete json.id;
  // zod puts named schemas in $defs; in OpenAPI "#/" is the document root, so they move to components.
  const defs = (json.$defs ?? {}) as Record<string, JsonSchema>;
  delete json.$defs;
  const rewrite = (s: JsonSchema): JsonSchema => JSON.parse(JSON.stringify(s).replace(/"#\/\$defs\//g, '"#/components/schemas/')) as JsonSchema;
  // Named schemas inside named schemas refer to each other through $defs too.
  for (const [name, def] of Object.entries(defs)) components[name] ??= rewrite(def);
  return rewrite(json);
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query', components: Record<string, JsonSchema>): JsonSchema[] {
  if (!schema) return [];
  const json = toSchema(schema, 'input', components);
  const props = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required as string[] | undefined) ?? []);
  return Object.entries(props).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    ...(typeof s.description === 'string' ? { description: s.description } : {}),
    schema: s,
  }));
}

const reasons: Record<number, string> = {
  400: 'The request is invalid; the body says which field and why',
  401: 'No valid bearer token',
  403: 'The caller lacks the role or the scope',
  404: 'Not found',
  409: 'Conflicts with the current state',
  413: 'The body is too large',
  429: 'Too many attempts; see Retry-After',
  503: 'A dependency is unavailable; retry later',
};

/** The OpenAPI 3.1 document of every /api route, generated from the schemas that validate them. */
export function buildOpenApi(routes: readonly AnyRoute[], info: { title: string; version: string }): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  const components: Record<string, JsonSchema> = {};
  toSchema(errorBodySchema, 'output', components);
  for (const r of routes) {
    const path = r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const errorStatuses = new Set<number>([statusByCode.internal_error, ...(r.errors ?? [])]);
    if (r.params || r.query || r.body) errorStatuses.add(400);
    if (r.access !== 'public') {
      errorStatuses.add(401);
      errorStatuses.add(403);
    }
    const responses: Record<string, unknown> = {
      [String(r.status ?? 200)]: { description: 'OK', content: { 'application/json': { schema: toSchema(r.response, 'output', components) } } },
    };
    for (const status of [...errorStatuses].sort()) {
      responses[String(status)] = {
        description: reasons[status] ?? 'Unexpected error',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
      };
    }
    paths[path] = {
      ...paths[path],
      [r.method]: {
        summary: r.summary,
        tags: [r.tag],
        operationId: `${r.method}${path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
        ...(r.access === 'public' ? { security: [] } : { 'x-roles': r.access }),
        parameters: [...parameters(r.params, 'path', components), ...parameters(r.query, 'query', components)],
        ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(r.body, 'input', components) } } } } : {}),
        responses,
      },
    };
  }
  return {
    openapi: '3.1.0',
    info,
    paths,
    components: {
      schemas: components,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
    security: [{ bearer: [] }],
  };
}
