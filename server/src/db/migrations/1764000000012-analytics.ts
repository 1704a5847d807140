import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addIndices, col, createTable } from '../table-builder';

/**
 * Analytics: every change of a customer's journey stage (for stage funnels), targets per metric
 * and period, and evaluation snapshots (a scheduled one at most once per period, by its key); and
 * the indexes the metrics read by (corp and time), so a period's rows are found without a scan.
 */
const periodIndexes: Array<[string, string, string[]]> = [
  ['chat_message', 'idx_chat_message_corp_sent', ['corp_id', 'sent_at']],
  ['mp_checkin', 'idx_mp_checkin_corp_at', ['corp_id', 'at']],
  ['mp_play', 'idx_mp_play_corp_at', ['corp_id', 'at']],
  ['mp_assessment', 'idx_mp_assessment_corp_at', ['corp_id', 'at']],
  ['mp_referral', 'idx_mp_referral_corp_joined', ['corp_id', 'joined_at']],
  ['mp_signup', 'idx_mp_signup_corp_signed', ['corp_id', 'signed_up_at']],
  ['lead', 'idx_lead_corp_closed', ['corp_id', 'closed_at']],
  ['journey_position', 'idx_journey_position_corp_entered', ['corp_id', 'entered_at']],
  ['agent_task', 'idx_agent_task_corp_done', ['corp_id', 'done_at']],
  ['customer', 'idx_customer_corp_merged', ['corp_id', 'merged_into_id', 'created_at']],
];

export class Analytics1764000000012 implements MigrationInterface {
  name = 'Analytics1764000000012';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      'stage_transition',
      [col.id(), col.ref('corp_id'), col.ref('customer_id'), col.str('from_stage', 24, true), col.str('to_stage', 24), col.time('at')],
      [
        { name: 'idx_stage_transition_to', columns: ['corp_id', 'to_stage', 'at'] },
        { name: 'idx_stage_transition_customer', columns: ['customer_id', 'at'] },
      ],
    );
    await createTable(
      qr,
      'analytics_target',
      [
        col.id(),
        col.ref('corp_id'),
        col.str('metric', 40),
        col.str('period', 16),
        col.str('team_key', 36),
        // Double: MariaDB's FLOAT reads back rounded to six digits.
        { name: 'target', type: 'double' },
        { name: 'tolerance', type: 'double' },
        col.str('updated_by', 64, true),
        col.time('updated_at'),
      ],
      [{ name: 'uq_analytics_target', columns: ['corp_id', 'metric', 'period', 'team_key'], unique: true }],
    );
    await createTable(
      qr,
      'analytics_snapshot',
      [
        col.id(),
        col.ref('corp_id'),
        col.str('snapshot_key', 120),
        col.str('period', 16),
        col.time('period_start'),
        col.time('period_end'),
        col.time('taken_at'),
        col.str('trigger_kind', 12),
        col.text('rows_json'),
        col.int('off_track', false, 0),
      ],
      [
        { name: 'uq_analytics_snapshot_key', columns: ['snapshot_key'], unique: true },
        { name: 'idx_analytics_snapshot_period', columns: ['corp_id', 'period', 'period_start'] },
      ],
    );
    for (const [table, name, columns] of periodIndexes) await addIndices(qr, table, [{ name, columns }]);
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const [table, name] of periodIndexes) await qr.dropIndex(table, name);
    for (const t of ['analytics_snapshot', 'analytics_target', 'stage_transition']) await qr.dropTable(t);
  }
}
