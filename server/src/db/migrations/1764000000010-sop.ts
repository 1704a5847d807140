import type { MigrationInterface, QueryRunner } from 'typeorm';
import { col, createTable } from '../table-builder';

/**
 * Group SOPs and mass messaging: plans (a definition of targets and steps, published as versions),
 * the tasks each step creates per target and occurrence (unique, so several processes never create
 * one twice), and per plan and target what the runner last saw (member count, early end).
 */
export class Sop1764000000010 implements MigrationInterface {
  name = 'Sop1764000000010';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      'sop_plan',
      [
        col.id(),
        col.ref('corp_id'),
        col.str('name', 100),
        col.str('description', 1000, true),
        col.str('status', 12),
        col.text('definition'),
        col.int('version', false, 0),
        col.time('published_at', true),
        col.time('planned_to', true),
        col.ref('created_by', true),
        col.time('created_at'),
        col.time('updated_at'),
      ],
      [{ name: 'idx_sop_plan_corp', columns: ['corp_id', 'status'] }],
    );
    await createTable(
      qr,
      'sop_task',
      [
        col.id(),
        col.ref('corp_id'),
        col.ref('plan_id'),
        col.int('plan_version'),
        col.str('step_id', 40),
        col.str('occurrence', 64),
        col.str('mode', 8),
        col.str('target_kind', 12),
        col.ref('target_id'),
        col.str('wecom_target', 64),
        col.ref('owner_staff_id'),
        col.str('owner_user_id', 64),
        col.time('due_at'),
        col.str('status', 12),
        col.str('reason', 300, true),
        col.text('content'),
        col.str('wecom_msg_id', 64, true),
        col.str('claim', 36, true),
        col.text('reminded_at', true),
        col.time('escalated_at', true),
        col.time('sent_at', true),
        col.int('result_sent', true),
        col.int('result_unsent', true),
        col.int('result_failed', true),
        col.time('created_at'),
        col.time('updated_at'),
      ],
      [
        { name: 'uq_sop_task_occurrence', columns: ['plan_id', 'target_id', 'occurrence'], unique: true },
        { name: 'idx_sop_task_status', columns: ['corp_id', 'status', 'due_at'] },
        { name: 'idx_sop_task_due', columns: ['corp_id', 'due_at'] },
        { name: 'idx_sop_task_owner', columns: ['owner_staff_id', 'status'] },
        { name: 'idx_sop_task_msg', columns: ['wecom_msg_id'] },
      ],
    );
    await createTable(qr, 'sop_target_state', [
      { ...col.ref('plan_id'), isPrimary: true },
      { ...col.ref('target_id'), isPrimary: true },
      col.int('member_count', true),
      col.time('ended_at', true),
      col.str('ended_reason', 20, true),
    ]);
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['sop_target_state', 'sop_task', 'sop_plan']) await qr.dropTable(t, true);
  }
}
