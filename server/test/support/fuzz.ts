import fc from 'fast-check';
import type { Operation } from './openapi-operations';

export { operationsOf, type Operation } from './openapi-operations';

/** Bad inputs for the HTTP fuzz test: seeded fast-check arbitraries over one OpenAPI operation. */

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Schema = Record<string, unknown>;

/** One request to send: everything already encoded. */
export interface FuzzCase {
  label: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

/** A string's percent-encoding that survives lone surrogates (they go as U+FFFD). */
export function enc(value: string): string {
  return encodeURIComponent(value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));
}

const nastyStrings = [
  '../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  'a\u0000b',
  '\u0000',
  "' OR 1=1 --",
  '"; DROP TABLE customer; --',
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  '\uFEFF\u202E\u200B',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🧨👨‍👩‍👧',
  '\uD800',
  'NaN',
  'Infinity',
  '-1',
  '-0',
  '1e309',
  '99999999999999999999999',
  '0x10',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  ' ',
  '',
  '2026-02-30T25:61:61Z',
  '9999-12-31T23:59:59.999Z',
  '0000-00-00',
];

/** Raw, already-encoded path segments, some of them not valid percent-encoding at all. */
const rawSegments = ['..%2F..%2F..%2Fetc%2Fpasswd', '%2e%2e%2f%2e%2e%2f', '%00', 'a%00.json', '%', '%zz', '%C0%AE%C0%AE', '%ED%A0%80', 'x'.repeat(6000), '-1', '0', 'NaN', '%20', '1.5'];

const junkString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...nastyStrings) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(100_000), '保'.repeat(20_000), '\u0000'.repeat(5000)) },
);

const junkNumber = fc.oneof(
  fc.constantFrom(-1, -0, 0.5, -1e308, 1e308, 2 ** 53 + 2, -(2 ** 63), Number.MIN_VALUE, 1e21),
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Any JSON value of the wrong shape, including very deep nesting. */
const junkJson: fc.Arbitrary<Json> = fc.oneof(
  { weight: 3, arbitrary: junkString },
  { weight: 2, arbitrary: junkNumber },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.array(fc.oneof(junkString, junkNumber), { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.json({ maxDepth: 3 }).map((t) => JSON.parse(t) as Json) },
  { weight: 1, arbitrary: fc.constantFrom<Json>(JSON.parse('['.repeat(3000) + ']'.repeat(3000)) as Json, Array.from({ length: 20_000 }, (_, i) => i)) },
);

/** Encoded, at most `max` characters: URLs stay under Node's 16 KB header limit (past it Node answers 431 before the app). */
const encMax = (s: string, max = 2500): string => {
  let e = enc(s);
  while (e.length > max) e = enc((s = s.slice(0, Math.floor(s.length / 2))));
  return e;
};

const queryValue = fc.oneof(
  junkString.map((s) => encMax(s)),
  junkNumber.map((n) => enc(String(n))),
  fc.constantFrom(...rawSegments),
);

const pathValue = fc.oneof({ weight: 2, arbitrary: junkString.map((s) => encMax(s, 6000)) }, { weight: 2, arbitrary: fc.constantFrom(...rawSegments) });

/** Query parameters: every documented one gets junk, some of them twice (an array where a scalar belongs), plus strangers. */
function queryArb(names: string[]): fc.Arbitrary<string> {
  const one = (name: string) =>
    fc.tuple(queryValue, fc.boolean(), queryValue).map(([v, twice, w]) => (twice ? `${name}=${v}&${name}=${w}` : `${name}=${v}`));
  const documented = names.length ? fc.subarray(names, { minLength: 1 }).chain((picked) => fc.tuple(...picked.map(one))) : fc.constant([] as string[]);
  return fc.tuple(documented, fc.boolean(), fc.constantFrom('__proto__[x]=1', 'constructor[prototype][polluted]=1', 'limit[]=1', `q=${'%'}`, 'a[b][c][d][e][f]=1')).map(([parts, extra, stranger]) => [...parts, ...(extra ? [stranger] : [])].join('&'));
}

const edgeText = ['\u0000', '🧨', '保险', '\u202E', "'", '"', '\\', '%', '_', '\n', ' ', 'a'];

/**
 * Values of the right type at the edges of what the schema allows: the longest strings, emoji and NUL
 * in them, the extreme numbers, far dates, the most items. These get past validation to the services
 * and the database, where a column too short or a date out of range would turn into a 500.
 */
export function edgeValue(schema: Schema | undefined, components: Record<string, Schema>, depth = 0): fc.Arbitrary<Json> {
  if (!schema || depth > 6) return fc.constant(null);
  if (typeof schema.$ref === 'string') return edgeValue(components[schema.$ref.replace('#/components/schemas/', '')], components, depth + 1);
  const variants = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (variants?.length) return fc.oneof(...variants.map((v) => edgeValue(v, components, depth + 1)));
  if (Array.isArray(schema.allOf) && schema.allOf.length) return edgeValue(schema.allOf[0] as Schema, components, depth + 1);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as Json[]));
  if ('const' in schema) return fc.constant(schema.const as Json);
  const type = Array.isArray(schema.type) ? (schema.type as string[])[0] : (schema.type as string | undefined);
  switch (type) {
    case 'string': {
      if (schema.format === 'date-time') return fc.constantFrom('9999-12-31T23:59:59.999Z', '1970-01-01T00:00:00Z', '0001-01-01T00:00:00Z', '2038-01-19T03:14:08Z', '2026-03-08T02:30:00+14:00');
      if (schema.format === 'date') return fc.constantFrom('9999-12-31', '1970-01-01', '0001-01-01', '2024-02-29');
      if (typeof schema.pattern === 'string') return fc.stringMatching(new RegExp(schema.pattern as string), { size: 'small' }).map((v) => v as Json);
      const min = Number(schema.minLength ?? 0);
      const max = Number(schema.maxLength ?? 20_000);
      return fc.tuple(fc.constantFrom(...edgeText), fc.constantFrom(min, Math.max(min, 1), max)).map(([unit, len]) => {
        const text = unit.repeat(Math.ceil(len / Math.max(1, unit.length))).slice(0, len);
        return text.length < min ? text.padEnd(min, 'a') : text;
      });
    }
    case 'integer':
    case 'number': {
      const lo = typeof schema.minimum === 'number' ? schema.minimum : typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + 1 : -(2 ** 53 - 1);
      const hi = typeof schema.maximum === 'number' ? schema.maximum : typeof schema.exclusiveMaximum === 'number' ? schema.exclusiveMaximum - 1 : 2 ** 53 - 1;
      return fc.constantFrom(lo, hi, 0 >= lo && 0 <= hi ? 0 : lo, type === 'number' && lo < 0.5 && hi > 0.5 ? 0.5 : hi);
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = edgeValue(schema.items as Schema | undefined, components, depth + 1);
      const min = Number(schema.minItems ?? 0);
      const max = Math.max(min, Math.min(Number(schema.maxItems ?? 200), 500));
      return fc.oneof(fc.array(items, { minLength: min, maxLength: Math.max(min, 3) }), items.map((v) => Array.from({ length: max }, () => v)));
    }
    default: {
      const props = (schema.properties ?? {}) as Record<string, Schema>;
      const required = (schema.required as string[] | undefined) ?? [];
      if (!Object.keys(props).length) return fc.dictionary(fc.constantFrom('a', '🧨', '\u0000', 'x'.repeat(300)), fc.oneof(fc.string({ maxLength: 10 }), fc.integer()), { maxKeys: 3 });
      return fc.record(Object.fromEntries(Object.entries(props).map(([k, v]) => [k, edgeValue(v, components, depth + 1)])), { requiredKeys: required.filter((r) => r in props) }) as fc.Arbitrary<Json>;
    }
  }
}

type BodyVariant = { kind: string; contentType: string; body: string | Buffer; encoding?: string };

/** Bodies: wrong types per field, missing fields, strangers and prototype keys, wrong top-level values, broken JSON, wrong content types. */
function bodyArb(props: string[], schema: Operation['bodySchema']): fc.Arbitrary<BodyVariant> {
  const json = 'application/json';
  const edges = schema ? edgeValue(schema.schema, schema.components) : fc.constant({});
  const fields = props.length ? fc.record(Object.fromEntries(props.map((p) => [p, junkJson])), { requiredKeys: [] }) : fc.dictionary(fc.string({ maxLength: 8 }), junkJson, { maxKeys: 4 });
  return fc.oneof(
    { weight: 5, arbitrary: fields.map((o): BodyVariant => ({ kind: 'wrong types', contentType: json, body: JSON.stringify(o) })) },
    { weight: 5, arbitrary: edges.map((o): BodyVariant => ({ kind: 'edge values', contentType: json, body: JSON.stringify(o) })) },
    { weight: 1, arbitrary: fc.constant<BodyVariant>({ kind: 'missing fields', contentType: json, body: '{}' }) },
    {
      weight: 1,
      arbitrary: fields.map((o): BodyVariant => ({
        kind: 'extra fields',
        contentType: json,
        body: JSON.stringify(o).replace(/^\{/, '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"zzExtra":[1,2,3],'),
      })),
    },
    { weight: 1, arbitrary: junkJson.map((v): BodyVariant => ({ kind: 'wrong top-level value', contentType: json, body: JSON.stringify(v) })) },
    { weight: 1, arbitrary: fc.constantFrom('{"a":', '{', 'nul', '{"a":1,}', "{'a':1}", '\u0000', 'NaN', '[1,2', '{"a":"\\u00"}', '\uFEFF{}').map((b): BodyVariant => ({ kind: 'malformed JSON', contentType: json, body: b })) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<BodyVariant>(
        { kind: 'text/plain', contentType: 'text/plain', body: '{"a":1}' },
        { kind: 'xml', contentType: 'application/xml', body: '<!DOCTYPE a [<!ENTITY b "c">]><a>&b;</a>' },
        { kind: 'form', contentType: 'application/x-www-form-urlencoded', body: 'a=1&a=2&b[c]=3&__proto__[x]=1' },
        { kind: 'multipart', contentType: 'multipart/form-data; boundary=zz', body: '--zz\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--zz--' },
        { kind: 'octet-stream', contentType: 'application/octet-stream', body: Buffer.from([0, 255, 1, 254, 2]) },
        { kind: 'utf-16 JSON', contentType: 'application/json; charset=utf-16', body: Buffer.from('{"a":1}', 'utf16le') },
        { kind: 'unknown charset', contentType: 'application/json; charset=klingon', body: '{}' },
        { kind: 'bad gzip', contentType: json, body: Buffer.from('not gzip at all'), encoding: 'gzip' },
        { kind: 'bad deflate', contentType: json, body: Buffer.from('not deflate at all'), encoding: 'deflate' },
        { kind: 'bad brotli', contentType: json, body: Buffer.from('not brotli at all!!'), encoding: 'br' },
        { kind: 'unknown encoding', contentType: json, body: '{}', encoding: 'zstd-but-not-really' },
      ),
    },
  );
}

/**
 * The seed for one operation: the same cases on every run. FUZZ_SEED (a number) shifts every seed,
 * to explore further by hand: `FUZZ_SEED=7 npx jest server/test/api-fuzz.test.ts …`.
 */
export function seedOf(text: string): number {
  let h = (2166136261 ^ Number(process.env.FUZZ_SEED ?? 0)) >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** `runs` seeded bad requests for one operation (the caller adds the token). */
export function casesFor(op: Operation, runs: number): FuzzCase[] {
  const withBody = op.bodyProps !== null || ['POST', 'PUT', 'PATCH'].includes(op.method);
  const arb = fc.record({
    params: fc.tuple(...op.pathParams.map(() => pathValue), fc.constant('')),
    query: op.queryParams.length ? fc.option(queryArb(op.queryParams), { nil: '', freq: 3 }) : fc.option(queryArb([]), { nil: '', freq: 2 }),
    body: withBody ? bodyArb(op.bodyProps ?? [], op.bodySchema) : fc.constant(undefined),
  });
  return fc.sample(arb, { seed: seedOf(op.id), numRuns: runs }).map((c, i) => {
    let k = 0;
    const path = op.path.replace(/\{[^}]+\}/g, () => c.params[k++] || 'x');
    const headers: Record<string, string> = {};
    if (c.body) {
      headers['content-type'] = c.body.contentType;
      if (c.body.encoding) headers['content-encoding'] = c.body.encoding;
    }
    return { label: `#${i} ${c.body?.kind ?? 'no body'}`, path, query: c.query, headers, ...(c.body ? { body: c.body.body } : {}) };
  });
}
