/**
 * What a PIPL request does to each table that holds rows of a customer: which section of the export
 * the rows go to, and what erasure does to them. A table with a `customer_id` column that is not in
 * this list fails the personal-data test until someone decides (so new tables cannot slip past).
 */

/** A column overwritten on erasure: null, a fixed text, or a per-row tag ("erased-<row id>") where the column is part of a unique key. */
export type ScrubValue = null | { text: string } | 'row_tag';

export type Erasure =
  /** The rows are personal data through and through: removed. */
  | { kind: 'delete' }
  /** The rows stay (counts, funnels, the insurer's records) with their identifying columns overwritten. */
  | { kind: 'scrub'; set: Readonly<Record<string, ScrubValue>> }
  /** Nothing identifying: ids, counts, times, product choices. The customer id now names an anonymous row. */
  | { kind: 'keep'; why: string };

export interface PiplTable {
  table: string;
  /** The column that names the customer. */
  column: string;
  /** Extra condition (SQL over the table's own columns, no parameters). */
  where?: string;
  /** Where the rows go in the export (null: not exported, e.g. pure counters). */
  section: string | null;
  erasure: Erasure;
}

const keep = (why: string): Erasure => ({ kind: 'keep', why });
const scrub = (set: Record<string, ScrubValue>): Erasure => ({ kind: 'scrub', set });
const del: Erasure = { kind: 'delete' };
const erasedText = { text: '' };

export const piplTables: readonly PiplTable[] = [
  { table: 'customer_identity', column: 'customer_id', section: 'identities', erasure: del },
  { table: 'customer_tag', column: 'customer_id', section: 'tags', erasure: scrub({ evidence: null }) },
  { table: 'tracking_event', column: 'customer_id', section: 'events', erasure: scrub({ distinct_id: null, properties: null }) },
  { table: 'policy', column: 'customer_id', section: 'policies', erasure: scrub({ policy_no: 'row_tag' }) },
  { table: 'customer_follow', column: 'customer_id', section: 'relationships', erasure: scrub({ remark: null, description: null }) },
  { table: 'customer_group_member', column: 'customer_id', section: 'groups', erasure: scrub({ member_id: 'row_tag', name: erasedText }) },
  { table: 'group_member_event', column: 'customer_id', section: 'groupEvents', erasure: scrub({ member_id: 'row_tag' }) },
  { table: 'handover', column: 'customer_id', section: 'handovers', erasure: scrub({ subject_id: 'row_tag' }) },
  { table: 'chat_message', column: 'customer_id', section: 'chatMessages', erasure: del },
  { table: 'chat_insight', column: 'customer_id', section: 'chatInsights', erasure: del },
  { table: 'chat_conversation', column: 'customer_id', section: 'chatConversations', erasure: del },
  { table: 'compliance_alert', column: 'customer_id', section: 'complianceAlerts', erasure: scrub({ text: { text: '[已删除]' } }) },
  { table: 'lead', column: 'customer_id', section: 'leads', erasure: scrub({ detail: erasedText, outcome: null }) },
  { table: 'lead_call', column: 'customer_id', section: 'leadCalls', erasure: scrub({ note: null }) },
  { table: 'lead_move', column: 'customer_id', section: 'leadMoves', erasure: keep('assignment history: staff ids, rule ids and reasons written by the system') },
  { table: 'lead_score', column: 'customer_id', section: 'leadScores', erasure: keep('a score and grade with reasons in words about behaviour, no identifier') },
  { table: 'lead_score_history', column: 'customer_id', section: null, erasure: keep('scores over time') },
  { table: 'agent_task', column: 'customer_id', section: 'agentTasks', erasure: scrub({ title: { text: '客户资料已删除' }, note: null }) },
  { table: 'agent_message_task', column: 'customer_id', section: 'messageTasks', erasure: scrub({ content: erasedText }) },
  { table: 'journey_position', column: 'customer_id', section: 'journeys', erasure: keep('where the customer is in a journey: ids, steps and times') },
  { table: 'journey_send', column: 'customer_id', section: 'journeySends', erasure: keep('what was sent when, by channel; the content is the journey’s, not the person’s') },
  { table: 'subscription_consent', column: 'customer_id', section: 'consents', erasure: del },
  { table: 'mp_subscription', column: 'customer_id', section: 'consents', erasure: del },
  { table: 'mp_member', column: 'customer_id', section: 'miniProgram', erasure: keep('membership: a referral code and a channel') },
  { table: 'mp_checkin', column: 'customer_id', section: 'miniProgram', erasure: keep('check-in days and streaks') },
  { table: 'mp_points', column: 'customer_id', section: 'miniProgram', erasure: keep('points ledger') },
  { table: 'mp_assessment', column: 'customer_id', section: 'miniProgram', erasure: del },
  { table: 'mp_play', column: 'customer_id', section: 'miniProgram', erasure: keep('activity results (counts of plays)') },
  { table: 'mp_activity_view', column: 'customer_id', section: 'miniProgram', erasure: keep('activity page views') },
  { table: 'mp_proposal', column: 'customer_id', section: 'proposals', erasure: keep('products and premiums proposed') },
  { table: 'mp_reminder', column: 'customer_id', section: 'miniProgram', erasure: scrub({ detail: null }) },
  { table: 'mp_signup', column: 'customer_id', section: 'signups', erasure: scrub({ name: erasedText, phone_cipher: null, phone_masked: null, note: null }) },
  { table: 'mp_referral', column: 'referrer_id', section: 'referrals', erasure: keep('who referred whom, by customer id') },
  { table: 'mp_referral', column: 'referee_id', section: 'referrals', erasure: keep('who referred whom, by customer id') },
  { table: 'activity_count', column: 'customer_id', section: null, erasure: keep('daily counters') },
  { table: 'activity_streak', column: 'customer_id', section: null, erasure: keep('streak counters') },
  { table: 'segment_member', column: 'customer_id', section: 'segments', erasure: keep('segment membership') },
  { table: 'stage_transition', column: 'customer_id', section: 'stages', erasure: keep('stage changes over time (funnels)') },
  { table: 'stage_reach', column: 'customer_id', section: 'stages', erasure: keep('when each stage was first reached') },
  { table: 'customer_merge', column: 'survivor_id', section: 'merges', erasure: scrub({ detail: null }) },
  { table: 'customer_merge', column: 'merged_id', section: 'merges', erasure: scrub({ detail: null }) },
  { table: 'sandbox_outbox', column: 'customer_id', section: 'messagesSent', erasure: del },
  { table: 'sop_task', column: 'target_id', where: "target_kind <> 'groups'", section: null, erasure: scrub({ wecom_target: 'row_tag' }) },
  { table: 'audit_log', column: 'target_id', where: "target_type = 'customer'", section: 'auditTrail', erasure: keep('who did what to the record, and the proof of this erasure; values of personal fields are never written there') },
];

/** Tables with a customer column that no entry covers. */
export function uncoveredTables(tablesWithCustomerColumn: ReadonlyArray<{ table: string; column: string }>): string[] {
  const covered = new Set(piplTables.map((t) => `${t.table}.${t.column}`));
  return tablesWithCustomerColumn.filter((t) => !covered.has(`${t.table}.${t.column}`)).map((t) => `${t.table}.${t.column}`);
}

/** The export's sections, in the order they are listed. */
export function exportSections(): string[] {
  return [...new Set(piplTables.flatMap((t) => (t.section ? [t.section] : [])))];
}

/** The anonymised form of the customer row itself (the row stays so counts hold). */
export const erasedCustomerName = '已删除客户';
