import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addColumns, col, createTable } from '../table-builder';

/** Customer groups with their members and join/quit history, sync runs, handovers, and WeCom-side relationship details. */
export class WecomSync1764000000005 implements MigrationInterface {
  name = 'WecomSync1764000000005';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      'customer_group',
      [
        col.id(),
        col.ref('corp_id'),
        col.str('chat_id', 64),
        col.str('name', 100),
        col.ref('owner_staff_id', true),
        col.str('owner_user_id', 64),
        col.str('notice', 1000, true),
        col.json('tags'),
        col.str('status', 16),
        col.int('member_count', false, 0),
        col.int('customer_count', false, 0),
        col.time('created_at'),
        col.time('dismissed_at', true),
        col.time('synced_at'),
      ],
      [
        { name: 'uq_group_chat', columns: ['corp_id', 'chat_id'], unique: true },
        { name: 'idx_group_owner', columns: ['owner_staff_id', 'status'] },
      ],
    );
    await createTable(
      qr,
      'customer_group_member',
      [
        col.id(),
        col.ref('corp_id'),
        col.ref('group_id'),
        col.str('member_id', 64),
        col.str('kind', 16),
        col.ref('customer_id', true),
        col.str('name', 100),
        col.int('join_scene', true),
        col.str('invitor_user_id', 64, true),
        col.str('status', 8),
        col.time('joined_at'),
        col.time('left_at', true),
      ],
      [
        { name: 'uq_group_member', columns: ['group_id', 'member_id'], unique: true },
        { name: 'idx_group_member_customer', columns: ['customer_id'] },
      ],
    );
    await createTable(
      qr,
      'group_member_event',
      [
        col.id(),
        col.ref('corp_id'),
        col.ref('group_id'),
        col.str('member_id', 64),
        col.ref('customer_id', true),
        col.str('kind', 8),
        col.int('scene', true),
        col.time('at'),
      ],
      [
        { name: 'uq_group_member_event', columns: ['group_id', 'member_id', 'kind', 'at'], unique: true },
        { name: 'idx_group_event_customer', columns: ['customer_id', 'at'] },
      ],
    );
    await createTable(
      qr,
      'wecom_sync_run',
      [
        col.id(),
        col.ref('corp_id'),
        col.str('status', 16),
        col.json('agent_user_ids'),
        col.int('agents_done', false, 0),
        col.str('page_cursor', 256, true),
        col.int('relationships_seen', false, 0),
        col.int('customers_created', false, 0),
        col.int('groups_seen', false, 0),
        col.str('phase', 16),
        col.str('error', 500, true),
        col.ref('started_by', true),
        col.time('started_at'),
        col.time('updated_at'),
        col.time('finished_at', true),
      ],
      [{ name: 'idx_sync_corp', columns: ['corp_id', 'started_at'] }],
    );
    await createTable(
      qr,
      'handover',
      [
        col.id(),
        col.ref('corp_id'),
        col.ref('batch_id'),
        col.str('kind', 16),
        col.ref('from_staff_id'),
        col.ref('to_staff_id'),
        col.str('subject_id', 64),
        col.ref('customer_id', true),
        col.bool('resigned', true),
        col.str('status', 16),
        col.int('errcode', true),
        col.str('reason', 200, true),
        col.time('requested_at'),
        col.time('finished_at', true),
        col.time('updated_at'),
      ],
      [
        { name: 'idx_handover_status', columns: ['corp_id', 'status'] },
        { name: 'idx_handover_batch', columns: ['batch_id'] },
        { name: 'idx_handover_subject', columns: ['corp_id', 'subject_id'] },
      ],
    );
    await addColumns(qr, 'customer_follow', [col.str('description', 255, true), col.int('add_way', true), col.json('wecom_tag_ids')]);
    await addColumns(qr, 'policy', [col.time('orphaned_at', true)]);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropColumn('policy', 'orphaned_at');
    await qr.dropColumns('customer_follow', ['description', 'add_way', 'wecom_tag_ids']);
    for (const t of ['handover', 'wecom_sync_run', 'group_member_event', 'customer_group_member', 'customer_group']) await qr.dropTable(t, true);
  }
}
