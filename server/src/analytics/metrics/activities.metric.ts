import { toDbTime } from '../../db/naming';
import type { AnalyticsScope } from '../scope';
import { customerScope, inPeriod, notMerged, oneTally, sql, type MetricDb, type Period, type Tally } from './metric-sql';

/**
 * Activity metrics (seed 000: activity penetration; offline-event attendance, invited and attended).
 * Customer-centred: the scope is the customer's (owner's team, segment membership).
 */

/**
 * Activity penetration: live customers in scope who took part in an activity in the period (a
 * sign-up not cancelled, signed up in the period, or an online play in the period) over the live
 * customers in scope that existed before the period ended.
 */
export async function activityPenetration(ds: MetricDb, scope: AnalyticsScope, p: Period): Promise<Tally> {
  const c = scope.corpId;
  return oneTally(
    ds,
    sql`SELECT
          (SELECT COUNT(*)
             FROM (SELECT s.customer_id FROM mp_signup s WHERE s.corp_id = ${c} AND s.status <> 'cancelled'${inPeriod('s.signed_up_at', p)}
                   UNION
                   SELECT y.customer_id FROM mp_play y WHERE y.corp_id = ${c}${inPeriod('y.at', p)}) x
            WHERE 1 = 1${notMerged('x.customer_id', scope.corpId)}${customerScope(scope, 'x.customer_id')}) AS numerator,
          (${liveCustomers(scope, p.to)}) AS denominator`,
  );
}

/**
 * Live customers in scope created before `to`, as a subquery count. A team's are counted from its
 * staff through idx_customer_owner_merged (index only), not by probing every customer of the corp.
 */
function liveCustomers(scope: AnalyticsScope, to: Date) {
  const c = scope.corpId;
  if (scope.teamId === null) {
    return sql`SELECT COUNT(*) FROM customer cu WHERE cu.corp_id = ${c} AND cu.merged_into_id IS NULL AND cu.created_at < ${toDbTime(to)}${customerScope(scope, 'cu.id')}`;
  }
  return sql`SELECT COUNT(*) FROM staff_member ss JOIN customer cu ON cu.owner_staff_id = ss.id
              WHERE ss.corp_id = ${c} AND ss.team_id = ${scope.teamId} AND cu.merged_into_id IS NULL AND cu.created_at < ${toDbTime(to)}${customerScope({ ...scope, teamId: null }, 'cu.id')}`;
}

/**
 * Offline-event attendance: of the sign-ups holding a seat (confirmed or attended) for offline
 * activities that start in the period, the share checked in on site (attended). One sign-up is
 * one customer at one activity, whatever the number of companions.
 */
export async function eventAttendance(ds: MetricDb, scope: AnalyticsScope, p: Period): Promise<Tally> {
  const c = scope.corpId;
  return oneTally(
    ds,
    sql`SELECT COALESCE(SUM(CASE WHEN s.status = 'attended' THEN 1 ELSE 0 END), 0) AS numerator, COUNT(*) AS denominator
          FROM mp_signup s
          JOIN activity a ON a.id = s.activity_id
         WHERE a.corp_id = ${c} AND a.kind = 'offline'${inPeriod('a.starts_at', p)}
           AND s.status IN ('confirmed', 'attended')${notMerged('s.customer_id', scope.corpId)}${customerScope(scope, 's.customer_id')}`,
  );
}

/**
 * Invited attendance: customers who opened an invitation (an activity view carrying an inviter)
 * to an offline activity starting in the period, and of them those who attended it.
 */
export async function invitedAttendance(ds: MetricDb, scope: AnalyticsScope, p: Period): Promise<Tally> {
  const c = scope.corpId;
  return oneTally(
    ds,
    sql`SELECT COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM mp_signup s WHERE s.activity_id = v.activity_id AND s.customer_id = v.customer_id AND s.status = 'attended') THEN 1 ELSE 0 END), 0) AS numerator,
               COUNT(*) AS denominator
          FROM mp_activity_view v
          JOIN activity a ON a.id = v.activity_id
         WHERE a.corp_id = ${c} AND a.kind = 'offline'${inPeriod('a.starts_at', p)}
           AND v.inviter IS NOT NULL${notMerged('v.customer_id', scope.corpId)}${customerScope(scope, 'v.customer_id')}`,
  );
}
