import { productLineSchema, type LeadProductLine, type LeadSourceDefinition } from '@lodestar/shared';
import { parseJsonObject, productLineNames } from '../customers';
import { fromDbTime, toDbTime } from '../db/naming';
import { placeholders } from '../db/sql-lists';
import { addDays, localDay } from '../platform/local-day';

/** One customer a source found, for one product line, with what the source saw. */
export interface MiningCandidate {
  customerId: string;
  productLine: LeadProductLine;
  detail: string;
}

export interface MiningContext {
  corpId: string;
  now: Date;
  /** The corp's time zone: activity days and "3 days ago" are its local days. */
  timezone: string;
}

export type SqlParam = string | number | null;
export type MiningRow = Record<string, unknown>;

/** One set-based statement (the same text on SQLite and MySQL) and how to read its rows. */
export interface MiningQuery {
  sql: string;
  params: SqlParam[];
  /** Candidates from the rows, one per (customer, line), in customer order. */
  read(rows: readonly MiningRow[]): MiningCandidate[];
}

const DAY_MS = 86_400_000;
export const DETAIL_MAX = 200;

const lineName = (line: string): string => productLineNames[line] ?? line;
const isLine = (v: unknown): v is LeadProductLine => productLineSchema.safeParse(v).success;
const clip = (s: string, n = DETAIL_MAX): string => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);
const dayNumber = (day: string): number => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY_MS;

/** 500000 → "50 万", 55000 → "5.5 万". */
export function formatCover(amount: number): string {
  const wan = amount / 10_000;
  return `${Number.isInteger(wan) ? wan : Math.round(wan * 10) / 10} 万`;
}

/** "今天", "昨天", "3 天前" between two local days. */
export function daysAgo(day: string, today: string): string {
  const n = Math.max(0, dayNumber(today) - dayNumber(day));
  return n === 0 ? '今天' : n === 1 ? '昨天' : `${n} 天前`;
}

/** `AND <column> IN (?, …)` when the run is for some customers only. */
function only(column: string, customerIds: readonly string[] | undefined): { sql: string; params: string[] } {
  if (!customerIds) return { sql: '', params: [] };
  return { sql: ` AND ${column} IN (${placeholders(customerIds.length)})`, params: [...customerIds] };
}

/** Groups rows (already in the order that puts the row to describe first) by customer and line. */
function firstPerPair(rows: readonly MiningRow[], lineOf: (r: MiningRow) => LeadProductLine, describe: (first: MiningRow, all: MiningRow[]) => string): MiningCandidate[] {
  const groups = new Map<string, { customerId: string; line: LeadProductLine; rows: MiningRow[] }>();
  for (const r of rows) {
    const customerId = String(r.customer_id);
    const line = lineOf(r);
    const key = `${customerId}:${line}`;
    const g = groups.get(key) ?? { customerId, line, rows: [] };
    g.rows.push(r);
    groups.set(key, g);
  }
  return [...groups.values()]
    .map((g) => ({ customerId: g.customerId, productLine: g.line, detail: clip(describe(g.rows[0]!, g.rows)) }))
    .sort((a, b) => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : a.productLine < b.productLine ? -1 : a.productLine > b.productLine ? 1 : 0));
}

/**
 * The query that finds a source's candidates among the corp's live (never merged) customers, or
 * only among `customerIds` (at most a few hundred: an IN list). Each kind is one statement over
 * indexed columns; the closed union is dispatched exhaustively.
 */
export function miningQuery(source: { productLine: LeadProductLine; definition: LeadSourceDefinition }, ctx: MiningContext, customerIds?: readonly string[]): MiningQuery {
  const d = source.definition;
  const today = localDay(ctx.now, ctx.timezone);
  switch (d.kind) {
    case 'orphan_policy': {
      const o = only('p.customer_id', customerIds);
      const lines = d.lines ? ` AND pr.line IN (${placeholders(d.lines.length)})` : '';
      return {
        sql: `SELECT p.customer_id AS customer_id, pr.line AS line, p.policy_no AS policy_no, pr.name AS product
                FROM policy p JOIN product pr ON pr.id = p.product_id JOIN customer c ON c.id = p.customer_id
               WHERE p.corp_id = ? AND p.status = 'active' AND p.orphaned_at IS NOT NULL AND c.merged_into_id IS NULL${lines}${o.sql}
               ORDER BY p.customer_id, pr.line, p.orphaned_at DESC, p.policy_no`,
        params: [ctx.corpId, ...(d.lines ?? []), ...o.params],
        read: (rows) =>
          firstPerPair(
            rows.filter((r) => isLine(r.line)),
            (r) => r.line as LeadProductLine,
            (first, all) => `孤儿单 ${String(first.policy_no)} · ${String(first.product)}${all.length > 1 ? ` 等 ${all.length} 张` : ''}`,
          ),
      };
    }
    case 'coverage_gap': {
      const o = only('ct.customer_id', customerIds);
      const since = toDbTime(new Date(ctx.now.getTime() - d.withinDays * DAY_MS));
      // `key` is reserved on MySQL; after an alias and a dot it may stand unquoted on both databases.
      return {
        sql: `SELECT x.* FROM (
                SELECT ct.customer_id AS customer_id, t.name AS tag, g.name AS group_name, ct.created_at AS tagged_at,
                       (SELECT COALESCE(SUM(p.cover_amount), 0) FROM policy p JOIN product pr ON pr.id = p.product_id
                         WHERE p.customer_id = ct.customer_id AND p.status = 'active' AND pr.line = ?) AS cover
                  FROM tag_group g JOIN tag t ON t.group_id = g.id JOIN customer_tag ct ON ct.tag_id = t.id JOIN customer c ON c.id = ct.customer_id
                 WHERE g.corp_id = ? AND (g.key = ? OR g.name = ?) AND ct.created_at >= ? AND (ct.expires_at IS NULL OR ct.expires_at > ?)
                   AND c.merged_into_id IS NULL${o.sql}
              ) x WHERE x.cover <= ? ORDER BY x.customer_id, x.tagged_at DESC`,
        params: [d.line, ctx.corpId, d.tagGroup, d.tagGroup, since, toDbTime(ctx.now), ...o.params, d.coverAtMost],
        read: (rows) =>
          firstPerPair(
            rows,
            () => d.line,
            (r) => {
              const cover = Number(r.cover);
              const day = localDay(fromDbTime(r.tagged_at as Date | string), ctx.timezone);
              return `${lineName(d.line)}保额 ${cover > 0 ? formatCover(cover) : '0'} · ${String(r.group_name)}: ${String(r.tag)}（${daysAgo(day, today)}）`;
            },
          ),
      };
    }
    case 'engagement_jump': {
      const o = only('a.customer_id', customerIds);
      // Recent window: the last `recentDays` local days up to today; baseline: the `baselineDays` before it.
      const recentFrom = addDays(today, -(d.recentDays - 1));
      const baselineFrom = addDays(recentFrom, -d.baselineDays);
      const recent = 'SUM(CASE WHEN a.day >= ? THEN a.count ELSE 0 END)';
      const baseline = 'SUM(CASE WHEN a.day < ? THEN a.count ELSE 0 END)';
      // Plain event counters only (`event:<name>`): a filtered counter counts the same events again.
      return {
        sql: `SELECT a.customer_id AS customer_id, ${recent} AS recent, ${baseline} AS baseline
                FROM activity_count a JOIN customer c ON c.id = a.customer_id
               WHERE a.corp_id = ? AND a.counter_key LIKE 'event:%' AND a.day >= ? AND a.day <= ? AND c.merged_into_id IS NULL${o.sql}
               GROUP BY a.customer_id
              HAVING ${recent} >= ? AND ${recent} * ? >= ? * ${baseline}
               ORDER BY a.customer_id`,
        // recent / recentDays >= factor * baseline / baselineDays, without dividing.
        params: [recentFrom, recentFrom, ctx.corpId, baselineFrom, today, ...o.params, recentFrom, d.minEvents, recentFrom, d.baselineDays, d.factor * d.recentDays, recentFrom],
        read: (rows) =>
          firstPerPair(
            rows,
            () => source.productLine,
            (r) => {
              const n = Number(r.recent);
              const before = Number(r.baseline);
              const head = `近 ${d.recentDays} 天 ${n} 次行为，`;
              if (before === 0) return `${head}此前 ${d.baselineDays} 天没有行为`;
              const ratio = n / d.recentDays / (before / d.baselineDays);
              return `${head}是此前的 ${Math.round(ratio * 10) / 10} 倍`;
            },
          ),
      };
    }
    case 'left_contact': {
      const o = only('e.customer_id', customerIds);
      const since = toDbTime(new Date(ctx.now.getTime() - d.withinDays * DAY_MS));
      // Received within the window (the indexed column), and left within it too (a late upload of an old form is old).
      return {
        sql: `SELECT e.customer_id AS customer_id, e.properties AS properties, e.occurred_at AS occurred_at
                FROM tracking_event e JOIN customer c ON c.id = e.customer_id
               WHERE e.corp_id = ? AND e.received_at >= ? AND e.occurred_at >= ? AND e.name = ? AND c.merged_into_id IS NULL${o.sql}
               ORDER BY e.customer_id, e.occurred_at DESC`,
        params: [ctx.corpId, since, since, d.event, ...o.params],
        read: (rows) => {
          const parsed = rows.map((r) => ({ ...r, props: parseJsonObject(r.properties as string | null) }));
          return firstPerPair(
            parsed,
            (r) => {
              const v = (r.props as Record<string, unknown>)[d.productLineProperty];
              return isLine(v) ? v : source.productLine;
            },
            (r) => {
              const props = r.props as Record<string, unknown>;
              const line = props[d.productLineProperty];
              const where = pageOf(props);
              return `${d.event}: ${[where, lineName(isLine(line) ? line : source.productLine)].filter(Boolean).join(' · ')}`;
            },
          );
        },
      };
    }
    case 'segment': {
      const o = only('m.customer_id', customerIds);
      return {
        sql: `SELECT m.customer_id AS customer_id, s.name AS segment
                FROM segment_member m JOIN segment s ON s.id = m.segment_id JOIN customer c ON c.id = m.customer_id
               WHERE m.segment_id = ? AND s.corp_id = ? AND c.merged_into_id IS NULL${o.sql}
               ORDER BY m.customer_id`,
        params: [d.segmentId, ctx.corpId, ...o.params],
        read: (rows) => firstPerPair(rows, () => source.productLine, (r) => `分群: ${String(r.segment)}`),
      };
    }
    case 'handoff':
      // Journeys hand customers over one by one (lead-handoff.service.ts); there is nothing to mine.
      return {
        sql: 'SELECT c.id AS customer_id FROM customer c WHERE c.corp_id = ? AND 1 = 0',
        params: [ctx.corpId],
        read: () => [],
      };
  }
}

/** The page or activity a form was on, from the usual properties of the SDKs and our pages. */
function pageOf(props: Record<string, unknown>): string | null {
  for (const key of ['activity_name', 'activity', 'page_name', 'page', '$title', '$url_path']) {
    const v = props[key];
    if (typeof v === 'string' && v.trim()) return v.trim().slice(0, 60);
  }
  return null;
}
