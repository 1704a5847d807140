import type { AnalyticsScope } from '../scope';
import { customerScope, inPeriod, notMerged, oneTally, raw, readStaffTallies, rows, sql, staffScope, type MetricDb, type Period, type StaffTally, type Tally } from './metric-sql';

/**
 * Lead metrics (seed 000: outbound-call connect rate, underwriting conversion; the team lead's
 * follow-up SLA). Calls and SLA are agent-centred (the team's staff made the call / held the lead);
 * conversion is customer-centred.
 */

/**
 * Underwriting conversion: leads closed won in the period over leads closed won or lost in the
 * period (closed_at). An agent closes a lead won when the customer's policy is underwritten (成交);
 * leads dropped by cleaning (rejected) never reached an agent and do not count.
 */
export async function underwritingConversion(ds: MetricDb, scope: AnalyticsScope, p: Period): Promise<Tally> {
  return oneTally(
    ds,
    sql`SELECT COALESCE(SUM(CASE WHEN l.status = 'won' THEN 1 ELSE 0 END), 0) AS numerator, COUNT(*) AS denominator
          FROM \`lead\` l
         WHERE l.corp_id = ${scope.corpId} AND l.status IN ('won', 'lost')${inPeriod('l.closed_at', p)}${notMerged('l.customer_id', scope.corpId)}${customerScope(scope, 'l.customer_id')}`,
  );
}

/** Outbound-call connect rate per calling seat: connected calls / calls made in the period. */
export async function callConnect(ds: MetricDb, scope: AnalyticsScope, p: Period): Promise<StaffTally[]> {
  return readStaffTallies(
    await rows(
      ds,
      sql`SELECT k.staff_id AS staff_id, COALESCE(SUM(CASE WHEN k.connected = 1 THEN 1 ELSE 0 END), 0) AS numerator, COUNT(*) AS denominator
            FROM lead_call k
           WHERE k.corp_id = ${scope.corpId}${inPeriod('k.called_at', p)}${notMerged('k.customer_id', scope.corpId)}${staffScope(scope, 'k.staff_id', 'k.customer_id')}
           GROUP BY k.staff_id`,
    ),
  );
}

/**
 * Moves that start a new holding of the lead after `a`: the end of a's window for a touch or a
 * return (another assignment or claim, which may be the same agent again).
 */
const reassignedBefore = (alias: string) =>
  `EXISTS (SELECT 1 FROM lead_move n WHERE n.lead_id = a.lead_id AND n.kind IN ('assigned', 'claimed') AND n.id <> a.id AND n.at > a.at AND n.at <= ${alias}.at)`;

/** The assignee followed the lead up (a recorded activity, or closing it) while holding it. */
const touched = `EXISTS (SELECT 1 FROM lead_move t WHERE t.lead_id = a.lead_id AND t.kind IN ('activity', 'closed') AND t.actor = a.to_staff_id AND t.at >= a.at AND NOT ${reassignedBefore('t')})`;

/** The SLA took the lead back from the assignee (returned to the pool). */
const returned = `EXISTS (SELECT 1 FROM lead_move r WHERE r.lead_id = a.lead_id AND r.kind = 'returned' AND r.from_staff_id = a.to_staff_id AND r.at >= a.at AND NOT ${reassignedBefore('r')})`;

/**
 * Follow-up SLA compliance per agent, over assignments (lead moves assigned or claimed) made in the
 * period whose SLA outcome is known: kept = the agent followed the lead up while holding it (the
 * service refuses a follow-up after the deadline, so any follow-up is in time); missed = the SLA
 * returned it to the pool untouched. Assignments still waiting, or released or reassigned by hand
 * before either, are not counted.
 */
export async function slaCompliance(ds: MetricDb, scope: AnalyticsScope, p: Period): Promise<StaffTally[]> {
  return readStaffTallies(
    await rows(
      ds,
      sql`SELECT a.to_staff_id AS staff_id,
                 COALESCE(SUM(CASE WHEN ${raw(touched)} THEN 1 ELSE 0 END), 0) AS numerator,
                 COALESCE(SUM(CASE WHEN ${raw(touched)} OR ${raw(returned)} THEN 1 ELSE 0 END), 0) AS denominator
            FROM lead_move a
           WHERE a.corp_id = ${scope.corpId} AND a.kind IN ('assigned', 'claimed') AND a.to_staff_id IS NOT NULL${inPeriod('a.at', p)}${notMerged('a.customer_id', scope.corpId)}${staffScope(scope, 'a.to_staff_id', 'a.customer_id')}
           GROUP BY a.to_staff_id`,
    ),
  ).filter((t) => t.denominator > 0);
}
