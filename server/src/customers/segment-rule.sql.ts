import type { SegmentRule } from '@lodestar/shared';
import { toDbTime } from '../db/naming';
import { DomainError } from '../platform/errors';
import { addDays } from '../platform/local-day';
import { counterDefinition, counterKey, eventCounterKey, type CounterDefinition } from './counter-key';
import { placeholders } from '../db/sql-lists';

/**
 * Compiles the segment rule language (shared/src/segments.ts) to ONE SQL boolean condition over
 * the customer alias `c`, with positional `?` parameters, that runs on SQLite and on MySQL/MariaDB.
 *
 * Every condition it produces is two-valued (true or false, never NULL), so `not` is an exact
 * complement: a customer whose city is unknown is not in "city = 上海" and is in "not city = 上海".
 * For the same reason `neq` matches unknown values too ("city is not 上海"), while eq, in, gte and
 * lte need a known value.
 */

export type SqlDialect = 'sqlite' | 'mysql';

export interface RuleContext {
  /** The corp's local day, YYYY-MM-DD: time windows and ages count from it. */
  today: string;
  /** Now, for tags that expire. */
  now: Date;
  dbType: SqlDialect;
  /** Whether `segment` membership may be used (journeys: yes; segments themselves: no). */
  allowSegments?: boolean;
}

/** SQL parameters are strings and numbers only: better-sqlite3 cannot bind booleans. */
export type SqlParam = string | number;

export interface CompiledRule {
  sql: string;
  params: SqlParam[];
}

/** A rule the schema accepts but that makes no sense (an age in a list, min above max…), and where. */
export class RuleError extends Error {
  constructor(
    readonly path: ReadonlyArray<string | number>,
    message: string,
  ) {
    super(message);
    this.name = 'RuleError';
  }
}

/** Bounds that keep the generated SQL well below both databases' expression and parameter limits. */
export const ruleLimits = { depth: 8, conditions: 100 } as const;

type Path = ReadonlyArray<string | number>;
type Scalar = string | number | boolean;
type RuleValue = Scalar | string[];
type Op = 'eq' | 'neq' | 'in' | 'gte' | 'lte';

const frag = (sql: string, ...params: SqlParam[]): CompiledRule => ({ sql, params });
const join = (parts: readonly CompiledRule[], glue: string): CompiledRule => ({ sql: parts.map((p) => p.sql).join(glue), params: parts.flatMap((p) => p.params) });

export function compileRule(rule: SegmentRule, ctx: RuleContext): CompiledRule {
  let conditions = 0;
  const compile = (r: SegmentRule, path: Path, depth: number): CompiledRule => {
    if (depth > ruleLimits.depth) throw new RuleError(path, `Rules nest at most ${ruleLimits.depth} levels deep`);
    if (r.type !== 'all' && r.type !== 'any' && r.type !== 'not' && ++conditions > ruleLimits.conditions) {
      throw new RuleError(path, `A rule has at most ${ruleLimits.conditions} conditions`);
    }
    switch (r.type) {
      case 'all':
      case 'any': {
        const parts = r.rules.map((x, i) => compile(x, [...path, 'rules', i], depth + 1));
        if (parts.length === 1) return parts[0]!;
        const glued = join(parts, r.type === 'all' ? ' AND ' : ' OR ');
        return frag(`(${glued.sql})`, ...glued.params);
      }
      case 'not': {
        const inner = compile(r.rule, [...path, 'rule'], depth + 1);
        return frag(`NOT (${inner.sql})`, ...inner.params);
      }
      case 'attribute':
        return attribute(r, path, ctx);
      case 'profile':
        return profile(r, path, ctx.dbType);
      case 'tag':
        return tag(r, path, ctx);
      case 'event_count':
        return eventCount(r, path, ctx);
      case 'streak':
        return frag(
          'EXISTS (SELECT 1 FROM activity_streak st WHERE st.customer_id = c.id AND st.counter_key = ? AND st.current >= ? AND st.last_day >= ?)',
          eventCounterKey(r.event),
          r.min,
          // A streak is alive while its last day is today or yesterday (today may not have happened yet).
          addDays(ctx.today, -1),
        );
      case 'grade':
        return frag(`EXISTS (SELECT 1 FROM lead_score ls WHERE ls.customer_id = c.id AND ls.grade IN (${placeholders(r.grades.length)}))`, ...r.grades);
      case 'score': {
        if (r.min !== undefined && r.max !== undefined && r.min > r.max) throw new RuleError([...path, 'min'], 'The minimum score is above the maximum');
        const bounds = [...(r.min !== undefined ? [frag('ls.score >= ?', r.min)] : []), ...(r.max !== undefined ? [frag('ls.score <= ?', r.max)] : [])];
        const b = join(bounds, ' AND ');
        return frag(`EXISTS (SELECT 1 FROM lead_score ls WHERE ls.customer_id = c.id AND ${b.sql})`, ...b.params);
      }
      case 'segment':
        if (!ctx.allowSegments) throw new RuleError(path, 'A segment cannot be defined by another segment; journeys can branch on one');
        return frag('EXISTS (SELECT 1 FROM segment_member sm WHERE sm.segment_id = ? AND sm.customer_id = c.id)', r.segmentId);
      case 'stage':
        return frag(`c.stage IN (${placeholders(r.stages.length)})`, ...r.stages);
      case 'policy':
        return policy(r, path);
      default: {
        const unknown: never = r;
        throw new RuleError(path, `Unknown rule type ${(unknown as { type: string }).type}`);
      }
    }
  };
  return compile(rule, [], 0);
}

/** Turns a RuleError into the 400 the HTTP layer shows, its path under `prefix` (e.g. `body.rule`). */
export function ruleValidationError(error: RuleError, prefix: string): DomainError {
  const path = [prefix, ...error.path.map(String)].filter((s) => s !== '').join('.');
  return new DomainError('validation_failed', `${path}: ${error.message}`, [{ path, message: error.message }]);
}

/** Calls `visit` for every rule in the tree, with its path. */
export function walkRule(rule: SegmentRule, visit: (r: SegmentRule, path: Path) => void, path: Path = []): void {
  visit(rule, path);
  if (rule.type === 'all' || rule.type === 'any') rule.rules.forEach((r, i) => walkRule(r, visit, [...path, 'rules', i]));
  if (rule.type === 'not') walkRule(rule.rule, visit, [...path, 'rule']);
}

/**
 * The filtered counters a rule reads (event_count with `where`). Ingest must count them
 * (countersFor) for the rule to see anything; they count from when they are first known, not before.
 */
export function ruleCounters(rule: SegmentRule): CounterDefinition[] {
  const out = new Map<string, CounterDefinition>();
  walkRule(rule, (r) => {
    if (r.type === 'event_count' && r.where && Object.keys(r.where).length > 0) out.set(counterKey(r.event, r.where), counterDefinition(r.event, r.where));
  });
  return [...out.values()];
}

/** The tag conditions of a rule, with their paths (to check the names exist before saving). */
export function ruleTags(rule: SegmentRule): Array<{ path: Path; tag: string | undefined; group: string | undefined }> {
  const out: Array<{ path: Path; tag: string | undefined; group: string | undefined }> = [];
  walkRule(rule, (r, path) => {
    if (r.type === 'tag') out.push({ path, tag: r.tag, group: r.group });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------

function attribute(r: Extract<SegmentRule, { type: 'attribute' }>, path: Path, ctx: RuleContext): CompiledRule {
  const at = [...path, 'value'];
  switch (r.field) {
    case 'city':
      return nullableText('c.city', r.op, r.value, path);
    case 'gender': {
      const values = Array.isArray(r.value) ? r.value : [r.value];
      for (const v of values) if (v !== 'male' && v !== 'female' && v !== 'unknown') throw new RuleError(at, 'gender is male, female or unknown');
      return nullableText('c.gender', r.op, r.value, path);
    }
    case 'age':
      return age(r.op, r.value, path, ctx.today);
    case 'has_owner':
      return flag(r, path, 'c.owner_staff_id IS NOT NULL');
    case 'archive_consent':
      return flag(r, path, 'c.archive_consent = 1');
    case 'has_phone':
      return flag(r, path, 'c.phone_cipher IS NOT NULL');
    case 'has_wecom':
      return flag(r, path, "EXISTS (SELECT 1 FROM customer_identity ci WHERE ci.customer_id = c.id AND ci.kind = 'external_userid')");
    default: {
      const unknown: never = r.field;
      throw new RuleError([...path, 'field'], `Unknown attribute ${String(unknown)}`);
    }
  }
}

/** A yes/no attribute: eq or neq with true or false. */
function flag(r: { op: Op; value: RuleValue }, path: Path, holds: string): CompiledRule {
  if (typeof r.value !== 'boolean') throw new RuleError([...path, 'value'], 'Expected true or false');
  if (r.op !== 'eq' && r.op !== 'neq') throw new RuleError([...path, 'op'], 'A yes/no attribute takes eq or neq');
  return (r.op === 'eq') === r.value ? frag(holds) : frag(`NOT (${holds})`);
}

/** A text column that may be NULL: eq, neq (NULL counts as "not"), in. */
function nullableText(column: string, op: Op, value: RuleValue, path: Path): CompiledRule {
  if (op === 'gte' || op === 'lte') throw new RuleError([...path, 'op'], 'This attribute takes eq, neq or in');
  if (op === 'in') {
    const list = stringList(value, path);
    return frag(`(${column} IS NOT NULL AND ${column} IN (${placeholders(list.length)}))`, ...list);
  }
  if (typeof value !== 'string') throw new RuleError([...path, 'value'], 'Expected a text value');
  const eq = frag(`(${column} IS NOT NULL AND ${column} = ?)`, value);
  return op === 'eq' ? eq : frag(`NOT ${eq.sql}`, ...eq.params);
}

function stringList(value: RuleValue, path: Path): string[] {
  if (!Array.isArray(value)) throw new RuleError([...path, 'value'], 'in takes a list of values');
  if (value.length === 0) throw new RuleError([...path, 'value'], 'in needs at least one value');
  return value;
}

/** The day someone born on it turns `years` old on `today` (29 February → 28 February). */
export function birthdayCutoff(today: string, years: number): string {
  const y = Number(today.slice(0, 4)) - years;
  let md = today.slice(5);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (md === '02-29' && !leap) md = '02-28';
  return `${String(y).padStart(4, '0')}-${md}`;
}

/** Age in whole years on `today`, from birth_date: compared as dates, so an index on it could serve. */
function age(op: Op, value: RuleValue, path: Path, today: string): CompiledRule {
  if (op === 'in') throw new RuleError([...path, 'op'], 'age takes eq, neq, gte or lte');
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 150) throw new RuleError([...path, 'value'], 'age is a whole number of years from 0 to 150');
  // age >= n  ⇔  born on or before the day n years ago; age <= n  ⇔  born after the day n + 1 years ago.
  const atLeast = frag('c.birth_date <= ?', birthdayCutoff(today, value));
  const atMost = frag('c.birth_date > ?', birthdayCutoff(today, value + 1));
  const known = (parts: CompiledRule[]): CompiledRule => {
    const j = join(parts, ' AND ');
    return frag(`(c.birth_date IS NOT NULL AND ${j.sql})`, ...j.params);
  };
  switch (op) {
    case 'gte':
      return known([atLeast]);
    case 'lte':
      return known([atMost]);
    case 'eq':
      return known([atLeast, atMost]);
    case 'neq': {
      const eq = known([atLeast, atMost]);
      return frag(`NOT ${eq.sql}`, ...eq.params);
    }
  }
}

// ---------------------------------------------------------------------------------------------

/**
 * A profile property (customer.profile JSON). SQLite's json_extract returns SQL values (text
 * unquoted, numbers as numbers, true as 1); MySQL's returns JSON (strings still quoted), so MySQL
 * reads through JSON_UNQUOTE and both check the JSON type first. Text values compare as text (42
 * matches "42"), numbers only with JSON numbers, true/false only with JSON booleans. A profile that
 * is not valid JSON is treated as empty rather than failing the query.
 */
function profile(r: Extract<SegmentRule, { type: 'profile' }>, path: Path, dbType: SqlDialect): CompiledRule {
  const jsonPath = `$."${r.key}"`;
  const j = dbType === 'sqlite' ? sqliteJson(jsonPath) : mysqlJson(jsonPath);
  const { op, value } = r;
  const known = (types: readonly string[], cmp: CompiledRule): CompiledRule =>
    frag(`(COALESCE(${j.type.sql}, '') IN (${types.map((t) => `'${t}'`).join(', ')}) AND ${cmp.sql})`, ...j.type.params, ...cmp.params);
  const negate = (x: CompiledRule): CompiledRule => frag(`NOT ${x.sql}`, ...x.params);

  if (op === 'in') {
    const list = stringList(value, path);
    return known(j.scalarTypes, frag(`${j.text.sql} IN (${placeholders(list.length)})`, ...j.text.params, ...list));
  }
  if (Array.isArray(value)) throw new RuleError([...path, 'value'], `${op} takes one value, not a list`);
  if (typeof value === 'boolean') {
    if (op !== 'eq' && op !== 'neq') throw new RuleError([...path, 'op'], 'true/false takes eq or neq');
    const is = j.isBoolean(value);
    return op === 'eq' ? is : negate(is);
  }
  const cmp = op === 'gte' ? '>=' : op === 'lte' ? '<=' : '=';
  const test =
    typeof value === 'number'
      ? known(j.numberTypes, frag(`${j.number.sql} ${cmp} ?`, ...j.number.params, value))
      : known(j.scalarTypes, frag(`${j.text.sql} ${cmp} ?`, ...j.text.params, value));
  return op === 'neq' ? negate(test) : test;
}

interface JsonAccess {
  type: CompiledRule;
  text: CompiledRule;
  number: CompiledRule;
  scalarTypes: readonly string[];
  numberTypes: readonly string[];
  /** The property is the JSON boolean `value` (two-valued). */
  isBoolean(value: boolean): CompiledRule;
}

function sqliteJson(jsonPath: string): JsonAccess {
  const guarded = (fn: string): CompiledRule => frag(`CASE WHEN json_valid(c.profile) THEN ${fn}(c.profile, ?) END`, jsonPath);
  const value = guarded('json_extract');
  const type = guarded('json_type');
  return {
    type,
    text: frag(`CAST(${value.sql} AS TEXT)`, ...value.params),
    number: value,
    scalarTypes: ['text', 'integer', 'real'],
    numberTypes: ['integer', 'real'],
    // json_type names true and false apart.
    isBoolean: (v) => frag(`COALESCE(${type.sql}, '') = '${v ? 'true' : 'false'}'`, ...type.params),
  };
}

function mysqlJson(jsonPath: string): JsonAccess {
  const raw = frag('CASE WHEN JSON_VALID(c.profile) THEN JSON_EXTRACT(c.profile, ?) END', jsonPath);
  const text = frag(`JSON_UNQUOTE(${raw.sql})`, ...raw.params);
  const type = frag(`JSON_TYPE(${raw.sql})`, ...raw.params);
  const numberTypes = ['INTEGER', 'UNSIGNED INTEGER', 'DOUBLE', 'DECIMAL'];
  return {
    type,
    text,
    number: frag(`CAST(${text.sql} AS DECIMAL(38, 10))`, ...text.params),
    scalarTypes: ['STRING', ...numberTypes],
    numberTypes,
    // One BOOLEAN type for both values; the unquoted text tells true from false.
    isBoolean: (v) => frag(`(COALESCE(${type.sql}, '') = 'BOOLEAN' AND ${text.sql} = '${v ? 'true' : 'false'}')`, ...type.params, ...text.params),
  };
}

// ---------------------------------------------------------------------------------------------

function tag(r: Extract<SegmentRule, { type: 'tag' }>, path: Path, ctx: RuleContext): CompiledRule {
  if (r.tag === undefined && r.group === undefined) throw new RuleError([...path, 'tag'], 'Name a tag, a group, or both');
  const where: CompiledRule[] = [frag('ct.customer_id = c.id')];
  if (r.tag !== undefined) where.push(frag('t.name = ?', r.tag));
  if (r.group !== undefined) where.push(frag('(g.name = ? OR g.key = ?)', r.group, r.group));
  if (r.sources?.length) where.push(frag(`ct.source IN (${placeholders(r.sources.length)})`, ...r.sources));
  where.push(frag('(ct.expires_at IS NULL OR ct.expires_at > ?)', toDbTime(ctx.now)));
  const w = join(where, ' AND ');
  const groupJoin = r.group !== undefined ? ' JOIN tag_group g ON g.id = t.group_id' : '';
  return frag(`EXISTS (SELECT 1 FROM customer_tag ct JOIN tag t ON t.id = ct.tag_id${groupJoin} WHERE ${w.sql})`, ...w.params);
}

/**
 * How many times in the last `withinDays` local days (today included) the customer did the event:
 * the sum of activity_count rows. A customer without rows did it 0 times, so min 0 matches them.
 */
function eventCount(r: Extract<SegmentRule, { type: 'event_count' }>, path: Path, ctx: RuleContext): CompiledRule {
  if (r.max !== undefined && r.max < r.min) throw new RuleError([...path, 'max'], 'max is below min');
  const sum = frag(
    'COALESCE((SELECT SUM(ac.count) FROM activity_count ac WHERE ac.customer_id = c.id AND ac.counter_key = ? AND ac.day >= ? AND ac.day <= ?), 0)',
    counterKey(r.event, r.where),
    addDays(ctx.today, -(r.withinDays - 1)),
    ctx.today,
  );
  return r.max === undefined ? frag(`${sum.sql} >= ?`, ...sum.params, r.min) : frag(`${sum.sql} BETWEEN ? AND ?`, ...sum.params, r.min, r.max);
}

/**
 * The customer has (or with `none`, has no) policy matching every given field. An orphan policy
 * (孤儿单) is an active one whose agent left: orphaned_at set, no agent, or an agent who has left,
 * the same test as the customer view.
 */
function policy(r: Extract<SegmentRule, { type: 'policy' }>, path: Path): CompiledRule {
  if (r.coverAtMost !== undefined && r.coverAtLeast !== undefined && r.coverAtLeast > r.coverAtMost) {
    throw new RuleError([...path, 'coverAtLeast'], 'coverAtLeast is above coverAtMost');
  }
  if (r.orphan === true && r.status !== undefined && r.status !== 'active') throw new RuleError([...path, 'orphan'], 'Only active policies are orphan policies');
  const where: CompiledRule[] = [frag('p.customer_id = c.id')];
  if (r.line !== undefined) where.push(frag('pr.line = ?', r.line));
  if (r.status !== undefined) where.push(frag('p.status = ?', r.status));
  const orphan = "(p.status = 'active' AND (p.orphaned_at IS NOT NULL OR p.agent_staff_id IS NULL OR COALESCE(s.status, '') = 'left'))";
  if (r.orphan !== undefined) where.push(frag(r.orphan ? orphan : `NOT ${orphan}`));
  if (r.coverAtMost !== undefined) where.push(frag('p.cover_amount <= ?', r.coverAtMost));
  if (r.coverAtLeast !== undefined) where.push(frag('p.cover_amount >= ?', r.coverAtLeast));
  const w = join(where, ' AND ');
  const joins = `${r.line !== undefined ? ' JOIN product pr ON pr.id = p.product_id' : ''}${r.orphan !== undefined ? ' LEFT JOIN staff_member s ON s.id = p.agent_staff_id' : ''}`;
  return frag(`${r.none ? 'NOT ' : ''}EXISTS (SELECT 1 FROM policy p${joins} WHERE ${w.sql})`, ...w.params);
}
