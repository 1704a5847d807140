import { toDbTime } from '../../db/naming';
import type { AnalyticsScope } from '../scope';
import { customerScope, inPeriod, notMerged, num, oneTally, rows, sql, type MetricDb, type Period, type Tally } from './metric-sql';

/**
 * Mini-program metrics: coverage-gap assessments, referrals and check-ins. Customer-centred. The
 * base of the two rates is the mini-program's members (mp_member) who joined before the period
 * ended: only they can check in or share a referral card.
 */

/** Coverage-gap assessments made in the period: distinct customers, and times (rows). */
export async function assessments(ds: MetricDb, scope: AnalyticsScope, p: Period): Promise<{ customers: number; times: number }> {
  const c = scope.corpId;
  const [r] = await rows(
    ds,
    sql`SELECT COUNT(DISTINCT m.customer_id) AS customers, COUNT(*) AS times
          FROM mp_assessment m
         WHERE m.corp_id = ${c}${inPeriod('m.at', p)}${notMerged('m.customer_id')}${customerScope(scope, 'm.customer_id')}`,
  );
  return { customers: num(r?.customers), times: num(r?.times) };
}

/** Live members in scope who joined the mini-program before `to`, as a subquery count. */
function members(scope: AnalyticsScope, to: Date) {
  return sql`SELECT COUNT(*) FROM mp_member mm
              WHERE mm.corp_id = ${scope.corpId} AND mm.joined_at < ${toDbTime(to)}${notMerged('mm.customer_id')}${customerScope(scope, 'mm.customer_id')}`;
}

/** Referral rate: members who brought in at least one friend (a referral joined in the period) over members. */
export async function referralRate(ds: MetricDb, scope: AnalyticsScope, p: Period): Promise<Tally> {
  const c = scope.corpId;
  return oneTally(
    ds,
    sql`SELECT
          (SELECT COUNT(DISTINCT r.referrer_id) FROM mp_referral r
             JOIN mp_member mm ON mm.customer_id = r.referrer_id
            WHERE r.corp_id = ${c}${inPeriod('r.joined_at', p)} AND mm.joined_at < ${toDbTime(p.to)}${notMerged('r.referrer_id')}${customerScope(scope, 'r.referrer_id')}) AS numerator,
          (${members(scope, p.to)}) AS denominator`,
  );
}

/** Check-in activity: members who checked in at least once in the period over members. */
export async function checkinActiveRate(ds: MetricDb, scope: AnalyticsScope, p: Period): Promise<Tally> {
  const c = scope.corpId;
  return oneTally(
    ds,
    sql`SELECT
          (SELECT COUNT(DISTINCT k.customer_id) FROM mp_checkin k
             JOIN mp_member mm ON mm.customer_id = k.customer_id
            WHERE k.corp_id = ${c}${inPeriod('k.at', p)} AND mm.joined_at < ${toDbTime(p.to)}${notMerged('k.customer_id')}${customerScope(scope, 'k.customer_id')}) AS numerator,
          (${members(scope, p.to)}) AS denominator`,
  );
}
