import { toDbTime } from '../../db/naming';
import type { AnalyticsScope } from '../scope';
import { inPeriod, notMerged, raw, readStaffTallies, rows, sql, staffScope, type MetricDb, type Period, type StaffTally } from './metric-sql';

/**
 * Group SOP completion per task owner, exactly as the SOP board counts it (sop-completion.plan.ts):
 * tasks due in the period; done = sent or partly sent; due = done + sending/awaiting + failed +
 * skipped + overdue + pending ones already due (due_at ≤ now). Planned, cancelled and ended tasks
 * do not count. Agent-centred; with a segment, only tasks sent to its members (customer plans).
 */
export async function sopCompletion(ds: MetricDb, scope: AnalyticsScope, p: Period, now: Date): Promise<StaffTally[]> {
  return readStaffTallies(
    await rows(
      ds,
      sql`SELECT st.owner_staff_id AS staff_id,
                 COALESCE(SUM(CASE WHEN st.status IN ('sent', 'partly_sent') THEN 1 ELSE 0 END), 0) AS numerator,
                 COUNT(*) AS denominator
            FROM sop_task st
           WHERE st.corp_id = ${scope.corpId}${inPeriod('st.due_at', p)}
             AND (st.status IN ('sending', 'awaiting', 'sent', 'partly_sent', 'failed', 'skipped', 'overdue') OR (st.status = 'pending' AND st.due_at <= ${toDbTime(now)}))
             ${raw(scope.segmentId !== null ? " AND st.target_kind = 'customers'" : '')}${notMerged('st.target_id', scope.corpId)}${staffScope(scope, 'st.owner_staff_id', 'st.target_id')}
           GROUP BY st.owner_staff_id`,
    ),
  );
}
