/** The operations of the server's OpenAPI document, as the HTTP tests walk them (fuzz, access matrix). */

type Schema = Record<string, unknown>;

export interface Operation {
  method: string;
  path: string;
  id: string;
  roles: readonly string[] | 'public';
  pathParams: string[];
  queryParams: string[];
  bodyProps: string[] | null;
  /** The request body's schema, with the document's components to resolve its $refs. */
  bodySchema: { schema: Schema; components: Record<string, Schema> } | null;
  /** The response is an event stream: read the headers, then hang up. */
  stream: boolean;
}

export function operationsOf(doc: { paths: Record<string, Record<string, Schema>>; components?: { schemas?: Record<string, Schema> } }): Operation[] {
  const components = doc.components?.schemas ?? {};
  const resolve = (s: Schema | undefined): Schema | undefined => {
    if (!s) return undefined;
    const ref = s.$ref;
    if (typeof ref === 'string') return resolve(components[ref.replace('#/components/schemas/', '')]);
    const variants = (s.anyOf ?? s.oneOf ?? s.allOf) as Schema[] | undefined;
    if (variants && !s.properties) {
      // A union of objects: the fuzz aims at the union of their fields.
      const props = Object.assign({}, ...variants.map((v) => (resolve(v)?.properties ?? {}) as Schema)) as Schema;
      return { type: 'object', properties: props };
    }
    return s;
  };
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const parameters = (op.parameters ?? []) as { name: string; in: string }[];
      const requestBody = op.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined;
      const bodySchema = resolve(requestBody?.content?.['application/json']?.schema);
      const responses = (op.responses ?? {}) as Record<string, { content?: Record<string, unknown> }>;
      ops.push({
        method: method.toUpperCase(),
        path,
        id: String(op.operationId ?? `${method} ${path}`),
        roles: (op['x-roles'] as string[] | undefined) ?? 'public',
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: parameters.filter((p) => p.in === 'query').map((p) => p.name),
        bodyProps: requestBody ? Object.keys((bodySchema?.properties ?? {}) as Schema) : null,
        bodySchema: requestBody?.content?.['application/json']?.schema ? { schema: requestBody.content['application/json'].schema, components } : null,
        stream: Object.values(responses).some((r) => Object.keys(r.content ?? {}).includes('text/event-stream')) || /stream/.test(path),
      });
    }
  }
  return ops;
}
