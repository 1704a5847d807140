import type { Principal } from '../platform/http/principal';

/** Whose customers a metric counts, and the corp's zone for its local days. */
export interface AnalyticsScope {
  corpId: string;
  /** Only customers owned by this team's agents (a team lead is always held to their own team). */
  teamId: string | null;
  /** Only the segment's current members. */
  segmentId: string | null;
  timeZone: string;
}

/** The scope a principal may see for the filters asked: a team lead's team overrides any other team. */
export function scopeFor(p: Principal, asked: { teamId?: string | undefined; segmentId?: string | undefined }, timeZone: string): AnalyticsScope {
  // A team lead without a team sees no one's customers rather than everyone's ('' matches no team).
  const teamId = p.role === 'admin' ? (asked.teamId ?? null) : (p.teamId ?? '');
  return { corpId: p.corpId, teamId, segmentId: asked.segmentId ?? null, timeZone };
}

/**
 * An SQL condition (with its parameters) that holds for the customer ids in `column` inside the
 * scope; `' AND …'` so it follows a WHERE. Empty when the scope is the whole corp.
 *
 * The team's customers are found from its staff (idx_customer_owner holds the customer id, so no
 * customer row is read). With `probe`, each set is written as an IN inside an OR, which MariaDB
 * does not turn into a semi-join: it reads the set once into an indexed temporary table and probes
 * it for each row of the period's range, instead of driving the query from the team's tens of
 * thousands of customers with a random read of the big table for each (seconds at a million).
 */
export function customerFilter(scope: AnalyticsScope, column: string, probe = false): { sql: string; params: string[] } {
  let sql = '';
  const params: string[] = [];
  const inSet = (subquery: string) => (probe ? ` AND (${column} IN (${subquery}) OR 1 = 0)` : ` AND ${column} IN (${subquery})`);
  if (scope.teamId !== null) {
    sql += inSet('SELECT sc.id FROM staff_member ss JOIN customer sc ON sc.owner_staff_id = ss.id WHERE ss.corp_id = ? AND ss.team_id = ?');
    params.push(scope.corpId, scope.teamId);
  }
  if (scope.segmentId !== null) {
    sql += inSet('SELECT sm.customer_id FROM segment_member sm WHERE sm.segment_id = ?');
    params.push(scope.segmentId);
  }
  return { sql, params };
}

/** Same for a staff id column: the team's agents when the scope has a team. */
export function staffFilter(scope: AnalyticsScope, column: string): { sql: string; params: string[] } {
  if (scope.teamId === null) return { sql: '', params: [] };
  return { sql: ` AND ${column} IN (SELECT st.id FROM staff_member st WHERE st.corp_id = ? AND st.team_id = ?)`, params: [scope.corpId, scope.teamId] };
}
