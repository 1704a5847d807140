import { toDbTime } from '../../db/naming';
import { staffFilter, type AnalyticsScope } from '../scope';
import { inPeriod, notMerged, num, rows, sql, staffScope, type MetricDb, type Period } from './metric-sql';

/**
 * Agent activity volume (seed 000 "activity volume", the team lead's first figure): actions agents
 * took in the period, each record once:
 *   - outbound calls (lead_call, by the calling seat)
 *   - messages they sent in WeCom chats (chat_message from staff, action send; 1:1 and groups)
 *   - lead follow-ups they recorded (lead_move activity, actor = the agent)
 *   - agent tasks they finished (agent_task done, done_at)
 *   - group SOP tasks they sent (sop_task sent or partly sent, sent_at)
 * Divided by the agents on staff during the period (role agent, joined before it ended, not left
 * before it began): agents who did nothing pull the average down, as they should.
 */

/**
 * Actions per staff member in the period (only members with at least one); each source is filtered
 * where it is read, so a team's scope narrows the scan early. A sent group SOP task's target is a
 * group: it names no customer.
 */
export async function actionsByStaff(ds: MetricDb, scope: AnalyticsScope, p: Period): Promise<Map<string, number>> {
  const c = scope.corpId;
  const list = await rows(
    ds,
    sql`SELECT x.staff_id AS staff_id, SUM(x.n) AS n FROM (
          SELECT k.staff_id AS staff_id, COUNT(*) AS n FROM lead_call k
           WHERE k.corp_id = ${c}${inPeriod('k.called_at', p)}${notMerged('k.customer_id', scope.corpId)}${staffScope(scope, 'k.staff_id', 'k.customer_id')}
           GROUP BY k.staff_id
          UNION ALL
          SELECT m.staff_id, COUNT(*) FROM chat_message m
           WHERE m.corp_id = ${c} AND m.sender_kind = 'staff' AND m.action = 'send' AND m.staff_id IS NOT NULL${inPeriod('m.sent_at', p)}${notMerged('m.customer_id', scope.corpId)}${staffScope(scope, 'm.staff_id', 'm.customer_id')}
           GROUP BY m.staff_id
          UNION ALL
          SELECT lm.actor, COUNT(*) FROM lead_move lm
           WHERE lm.corp_id = ${c} AND lm.kind = 'activity' AND lm.actor <> 'system'${inPeriod('lm.at', p)}${notMerged('lm.customer_id', scope.corpId)}${staffScope(scope, 'lm.actor', 'lm.customer_id')}
           GROUP BY lm.actor
          UNION ALL
          SELECT t.staff_id, COUNT(*) FROM agent_task t
           WHERE t.corp_id = ${c} AND t.status = 'done' AND t.staff_id IS NOT NULL${inPeriod('t.done_at', p)}${notMerged('t.customer_id', scope.corpId)}${staffScope(scope, 't.staff_id', 't.customer_id')}
           GROUP BY t.staff_id
          UNION ALL
          SELECT st.owner_staff_id, COUNT(*) FROM sop_task st
           WHERE st.corp_id = ${c} AND st.status IN ('sent', 'partly_sent')${inPeriod('st.sent_at', p)}${notMerged('st.target_id', scope.corpId)}${staffScope(scope, 'st.owner_staff_id', 'st.target_id')}
           GROUP BY st.owner_staff_id
        ) x GROUP BY x.staff_id`,
  );
  return new Map(list.map((r) => [String(r.staff_id), num(r.n)]));
}

/** The agents on staff during the period, in the scope's team. */
export async function agentsOnStaff(ds: MetricDb, scope: AnalyticsScope, p: Period): Promise<string[]> {
  const list = await rows(
    ds,
    sql`SELECT s.id AS id FROM staff_member s
         WHERE s.corp_id = ${scope.corpId} AND s.role = 'agent' AND s.created_at < ${toDbTime(p.to)} AND (s.left_at IS NULL OR s.left_at >= ${toDbTime(p.from)})${staffFilter(scope, 's.id')}`,
  );
  return list.map((r) => String(r.id));
}
