import { toDbTime } from '../../db/naming';
import { customerFilter, staffFilter, type AnalyticsScope } from '../scope';

/**
 * Shared pieces of the metric queries. Every query names the corp, takes its instants through
 * toDbTime, aggregates in the database and returns a handful of rows (one, or one per agent).
 */

export type SqlParam = string | number;

/**
 * The one thing the metric queries need of the database: run a statement with parameters. The
 * TypeORM DataSource is one (wired in app/); keeping to this port keeps TypeORM out of analytics.
 */
export interface MetricDb {
  query<T = unknown>(sql: string, parameters?: unknown[]): Promise<T>;
}

export interface SqlPart {
  sql: string;
  params: SqlParam[];
}

/** A half-open period [from, to). */
export interface Period {
  from: Date;
  to: Date;
}

/** `column >= ? AND column < ?` for the period. */
export function inPeriod(column: string, p: Period): SqlPart {
  return { sql: ` AND ${column} >= ? AND ${column} < ?`, params: [toDbTime(p.from), toDbTime(p.to)] };
}

/**
 * Leaves out rows of merged customer records (customer.merged_into_id set). A NULL column (a
 * group message, a group SOP task) is kept: it names no customer. Written as NOT IN over the
 * corp's merged records (a few, read once from idx_customer_corp_merged and probed in memory), not
 * as a lookup of every row's customer: at a million customers those lookups are random reads.
 */
export function notMerged(column: string, corpId: string): SqlPart {
  return { sql: ` AND (${column} IS NULL OR ${column} NOT IN (SELECT mc.id FROM customer mc WHERE mc.corp_id = ? AND mc.merged_into_id IS NOT NULL))`, params: [corpId] };
}

/** Customer-centred metrics: the team's customers (owned by its agents) and the segment's members. */
export function customerScope(scope: AnalyticsScope, customerColumn: string): SqlPart {
  return customerFilter(scope, customerColumn, true);
}

/**
 * Agent-centred metrics: the team's staff did it; with a segment, it concerned one of the
 * segment's members (rows that name no customer drop out).
 */
export function staffScope(scope: AnalyticsScope, staffColumn: string, customerColumn: string): SqlPart {
  const team = staffFilter(scope, staffColumn);
  const segment = customerFilter({ ...scope, teamId: null }, customerColumn, true);
  return { sql: team.sql + segment.sql, params: [...team.params, ...segment.params] };
}

/** Joins SQL parts in order. */
export function sql(strings: readonly string[], ...parts: Array<SqlPart | SqlParam>): SqlPart {
  let text = strings[0] ?? '';
  const params: SqlParam[] = [];
  parts.forEach((part, i) => {
    if (typeof part === 'object') {
      text += part.sql;
      params.push(...part.params);
    } else {
      text += '?';
      params.push(part);
    }
    text += strings[i + 1] ?? '';
  });
  return { sql: text, params };
}

export async function rows(ds: MetricDb, q: SqlPart): Promise<Array<Record<string, unknown>>> {
  return ds.query<Array<Record<string, unknown>>>(q.sql, q.params);
}

/** A COUNT or SUM as a number, whichever type the driver returned (MariaDB: string or bigint). */
export function num(value: unknown): number {
  if (value === null || value === undefined) return 0;
  const n = Number(value);
  return Number.isFinite(n) ? n : 0;
}

/** A counted pair: what happened and out of how many. */
export interface Tally {
  numerator: number;
  denominator: number;
}

/** A tally per staff member, for metrics that break down by agent or team. */
export interface StaffTally extends Tally {
  staffId: string;
}

export function readStaffTallies(list: ReadonlyArray<Record<string, unknown>>): StaffTally[] {
  return list.map((r) => ({ staffId: String(r.staff_id), numerator: num(r.numerator), denominator: num(r.denominator) }));
}

export function sumTallies(list: readonly Tally[]): Tally {
  return list.reduce((a, t) => ({ numerator: a.numerator + t.numerator, denominator: a.denominator + t.denominator }), { numerator: 0, denominator: 0 });
}

export async function oneTally(ds: MetricDb, q: SqlPart): Promise<Tally> {
  const [r] = await rows(ds, q);
  return { numerator: num(r?.numerator), denominator: num(r?.denominator) };
}

/** A fixed piece of SQL text (no parameters). */
export const raw = (text: string): SqlPart => ({ sql: text, params: [] });
