import { toDbTime } from '../../db/naming';
import type { AnalyticsScope } from '../scope';
import { customerScope, inPeriod, notMerged, num, rows, sql, type MetricDb, type Period, type Tally } from './metric-sql';

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
         WHERE m.corp_id = ${c}${inPeriod('m.at', p)}${notMerged('m.customer_id', scope.corpId)}${customerScope(scope, 'm.customer_id')}`,
  );
  return { customers: num(r?.customers), times: num(r?.times) };
}

/**
 * Live members in scope who joined the mini-program before `to`: the base of the referral and
 * check-in rates (computed once for both). Counted as all members minus the merged ones, each an
 * index-only count (idx_mp_member_corp_joined; the corp's few merged records joined to mp_member).
 */
export async function memberCount(ds: MetricDb, scope: AnalyticsScope, to: Date): Promise<number> {
  const c = scope.corpId;
  const [r] = await rows(
    ds,
    sql`SELECT
          (SELECT COUNT(*) FROM mp_member mm WHERE mm.corp_id = ${c} AND mm.joined_at < ${toDbTime(to)}${customerScope(scope, 'mm.customer_id')}) AS members,
          (SELECT COUNT(*) FROM customer mc JOIN mp_member mm ON mm.customer_id = mc.id
            WHERE mc.corp_id = ${c} AND mc.merged_into_id IS NOT NULL AND mm.joined_at < ${toDbTime(to)}${customerScope(scope, 'mm.customer_id')}) AS merged`,
  );
  return num(r?.members) - num(r?.merged);
}

/** Referral rate: members who brought in at least one friend (a referral joined in the period) over members. */
export async function referralRate(ds: MetricDb, scope: AnalyticsScope, p: Period, members: Promise<number>): Promise<Tally> {
  const c = scope.corpId;
  const [[r], denominator] = await Promise.all([
    rows(
    ds,
    sql`SELECT COUNT(DISTINCT r.referrer_id) AS numerator FROM mp_referral r
          JOIN mp_member mm ON mm.customer_id = r.referrer_id
         WHERE r.corp_id = ${c}${inPeriod('r.joined_at', p)} AND mm.joined_at < ${toDbTime(p.to)}${notMerged('r.referrer_id', scope.corpId)}${customerScope(scope, 'r.referrer_id')}`,
    ),
    members,
  ]);
  return { numerator: num(r?.numerator), denominator };
}

/** Check-in activity: members who checked in at least once in the period over members. */
export async function checkinActiveRate(ds: MetricDb, scope: AnalyticsScope, p: Period, members: Promise<number>): Promise<Tally> {
  const c = scope.corpId;
  const [[r], denominator] = await Promise.all([
    rows(
    ds,
    sql`SELECT COUNT(DISTINCT k.customer_id) AS numerator FROM mp_checkin k
          JOIN mp_member mm ON mm.customer_id = k.customer_id
         WHERE k.corp_id = ${c}${inPeriod('k.at', p)} AND mm.joined_at < ${toDbTime(p.to)}${notMerged('k.customer_id', scope.corpId)}${customerScope(scope, 'k.customer_id')}`,
    ),
    members,
  ]);
  return { numerator: num(r?.numerator), denominator };
}
