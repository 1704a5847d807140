import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addIndices, col, createTable } from '../table-builder';

/**
 * Analytics rollups (issue 11, point 6), so the dashboards stay fast at a million customers:
 *
 * - stage_reach: one row per customer with the first instant it reached each journey stage beyond
 *   interest (a change into that stage or beyond from below it), kept by the stage-change writer
 *   beside stage_transition and recomputed for survivors of a merge. Filled here from the history.
 * - analytics_staff_day: per corp, local day and staff member, the actions agent metrics count
 *   (calls and connected calls, staff messages, lead follow-ups, done agent tasks, sent SOP
 *   tasks), for closed days; built and kept settled by the worker's analytics.rollups job.
 * - analytics_rollup_state: per corp, the days the staff rollup holds and the last merge folded in.
 * And indexes by customer on lead_call and sop_task, for finding the days a merged record's rows fell
 * on; members by join time, check-ins with their customer, lead moves by lead with what the SLA
 * reads, and customers by owner with merge and creation, so those metrics read indexes only.
 */
const stages = ['online_interaction', 'analysis', 'need_clarified', 'purchase', 'referral'];

export class AnalyticsRollups1764000000014 implements MigrationInterface {
  name = 'AnalyticsRollups1764000000014';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      'stage_reach',
      [{ ...col.ref('customer_id'), isPrimary: true }, col.ref('corp_id'), ...stages.map((s) => col.time(`${s}_at`, true))],
      [{ name: 'idx_stage_reach_corp', columns: ['corp_id'] }],
    );
    await createTable(qr, 'analytics_staff_day', [
      { ...col.ref('corp_id'), isPrimary: true },
      { ...col.str('day', 10), isPrimary: true },
      { ...col.ref('staff_id'), isPrimary: true },
      col.int('calls', false, 0),
      col.int('connected', false, 0),
      col.int('messages', false, 0),
      col.int('follow_ups', false, 0),
      col.int('tasks_done', false, 0),
      col.int('sop_sent', false, 0),
    ]);
    await createTable(qr, 'analytics_rollup_state', [
      { ...col.ref('corp_id'), isPrimary: true },
      col.str('staff_from', 10, true),
      col.str('staff_through', 10, true),
      col.time('merges_through', true),
      col.time('updated_at'),
    ]);
    // The rollup job finds the days a merged record's calls and SOP sends fell on by customer.
    await addIndices(qr, 'lead_call', [{ name: 'idx_lead_call_customer', columns: ['customer_id', 'called_at'] }]);
    await addIndices(qr, 'sop_task', [{ name: 'idx_sop_task_target', columns: ['target_id', 'sent_at'] }]);
    // Covering indexes for the members and check-ins the mini-program rates count (index-only reads).
    await addIndices(qr, 'mp_member', [{ name: 'idx_mp_member_corp_joined', columns: ['corp_id', 'joined_at'] }]);
    await addIndices(qr, 'mp_checkin', [{ name: 'idx_mp_checkin_corp_at_customer', columns: ['corp_id', 'at', 'customer_id'] }]);
    // Index-only reads for the SLA's per-lead lookups and for counting a team's live customers.
    await addIndices(qr, 'lead_move', [{ name: 'idx_lead_move_lead_cover', columns: ['lead_id', 'kind', 'at', 'actor', 'to_staff_id', 'from_staff_id'] }]);
    await addIndices(qr, 'customer', [
      { name: 'idx_customer_owner_merged', columns: ['owner_staff_id', 'merged_into_id', 'created_at'] },
      // The stage snapshot: live customers per stage, from the index alone.
      { name: 'idx_customer_corp_merged_stage', columns: ['corp_id', 'merged_into_id', 'stage'] },
    ]);
    // The history recorded so far: the first change into each stage or beyond, from below it.
    const rank = (column: string) => `CASE ${column} ${['interest', ...stages].map((s, i) => `WHEN '${s}' THEN ${i}`).join(' ')} ELSE -1 END`;
    const firsts = stages.map((s, i) => `MIN(CASE WHEN ${rank('t.to_stage')} >= ${i + 1} AND (t.from_stage IS NULL OR ${rank('t.from_stage')} < ${i + 1}) THEN t.at END)`);
    await qr.query(
      `INSERT INTO stage_reach (customer_id, corp_id, ${stages.map((s) => `${s}_at`).join(', ')}) SELECT t.customer_id, MIN(t.corp_id), ${firsts.join(', ')} FROM stage_transition t GROUP BY t.customer_id`,
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropIndex('customer', 'idx_customer_corp_merged_stage');
    await qr.dropIndex('customer', 'idx_customer_owner_merged');
    await qr.dropIndex('lead_move', 'idx_lead_move_lead_cover');
    await qr.dropIndex('mp_checkin', 'idx_mp_checkin_corp_at_customer');
    await qr.dropIndex('mp_member', 'idx_mp_member_corp_joined');
    await qr.dropIndex('sop_task', 'idx_sop_task_target');
    await qr.dropIndex('lead_call', 'idx_lead_call_customer');
    for (const t of ['analytics_rollup_state', 'analytics_staff_day', 'stage_reach']) await qr.dropTable(t);
  }
}
