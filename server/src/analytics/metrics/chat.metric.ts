import type { AnalyticsScope } from '../scope';
import { inPeriod, notMerged, raw, readStaffTallies, rows, sql, staffScope, type MetricDb, type Period, type SqlPart, type StaffTally } from './metric-sql';

/**
 * Key-node reach (seed 002): how much of its sales SOP each conversation covered. A conversation
 * (chat_conversation, agent and customer 1:1) carries the SOP nodes it reached; it was marked
 * against the SOP of its product line (the corp's own, else the built-in one, else the corp's
 * `any` SOP: pickSop in playbook). Agent-centred.
 */

/**
 * Nodes a conversation of each product line is expected to reach, from the corp's own SOPs and the
 * built-in ones (line → node count; the built-in ones come from playbook through the wiring, as
 * analytics may not import it): the line's own SOP, else the built-in one for the line, else the
 * `any` SOP (the corp's own `any`, or the built-in). `lines` lists the exceptions, `otherwise` the rest.
 */
export function expectedNodes(own: ReadonlyMap<string, number>, builtIn: ReadonlyMap<string, number>): { lines: Array<[string, number]>; otherwise: number } {
  const otherwise = own.get('any') ?? builtIn.get('any') ?? 0;
  const lines = new Map<string, number>();
  for (const [line, n] of builtIn) if (line !== 'any') lines.set(line, own.get(line) ?? n);
  for (const [line, n] of own) if (line !== 'any') lines.set(line, n);
  return { lines: [...lines].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)), otherwise };
}

/** Node count of a stored SOP (JSON array of node definitions); null when it is not an array. */
export function nodeCount(json: string): number | null {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.length : null;
  } catch {
    return null;
  }
}

/** The reached nodes are stored as JSON.stringify([{ key, name, at, messageId }]): count the objects. */
const NODE_MARK = '{"key":';
const reachedExpr = `((LENGTH(cc.nodes) - LENGTH(REPLACE(cc.nodes, '${NODE_MARK}', ''))) / ${NODE_MARK.length})`;

function expectedExpr(e: { lines: Array<[string, number]>; otherwise: number }): SqlPart {
  if (!e.lines.length) return { sql: '?', params: [e.otherwise] };
  return { sql: `(CASE cc.product_line ${e.lines.map(() => 'WHEN ? THEN ?').join(' ')} ELSE ? END)`, params: [...e.lines.flat(), e.otherwise] };
}

/**
 * Per agent: key nodes reached (at most the expected number per conversation) over key nodes
 * expected, summed over conversations that started in the period (started_at: the index the
 * chat-insights reach report uses too).
 */
export async function keyNodeReach(ds: MetricDb, scope: AnalyticsScope, p: Period, builtIn: ReadonlyMap<string, number>): Promise<StaffTally[]> {
  const sops = await ds.query<Array<{ product_line: string; nodes: string }>>('SELECT product_line, nodes FROM sales_sop WHERE corp_id = ?', [scope.corpId]);
  const own = new Map<string, number>();
  for (const s of sops) {
    const n = nodeCount(s.nodes);
    if (n !== null) own.set(s.product_line, n);
  }
  const expected = expectedExpr(expectedNodes(own, builtIn));
  const reached = raw(reachedExpr);
  return readStaffTallies(
    await rows(
      ds,
      sql`SELECT cc.staff_id AS staff_id,
                 COALESCE(SUM(CASE WHEN ${reached} > ${expected} THEN ${expected} ELSE ${reached} END), 0) AS numerator,
                 COALESCE(SUM(${expected}), 0) AS denominator
            FROM chat_conversation cc
           WHERE cc.corp_id = ${scope.corpId}${inPeriod('cc.started_at', p)}${notMerged('cc.customer_id', scope.corpId)}${staffScope(scope, 'cc.staff_id', 'cc.customer_id')}
           GROUP BY cc.staff_id`,
    ),
  );
}
