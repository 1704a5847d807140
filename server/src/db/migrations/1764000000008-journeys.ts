import type { MigrationInterface, QueryRunner, TableColumnOptions } from 'typeorm';
import { col, createTable } from '../table-builder';

const pk = (c: TableColumnOptions): TableColumnOptions => ({ ...c, isPrimary: true });

/**
 * Journeys: drafts and immutable published versions, one position row per (version, customer,
 * instance key) with its wake-up time and lease, every send keyed for idempotency, running step
 * counts, the corp's outbound policy, subscription-message consents, agent tasks, and the 1:1
 * WeCom messages agents confirm in the sidebar.
 */
export class Journeys1764000000008 implements MigrationInterface {
  name = 'Journeys1764000000008';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      'journey',
      [
        col.id(),
        col.ref('corp_id'),
        col.str('name', 100),
        col.str('description', 1000, true),
        col.str('status', 12),
        col.text('definition'),
        col.ref('live_version_id', true),
        col.int('live_version', true),
        col.str('template', 40, true),
        col.time('scheduled_up_to', true),
        col.time('created_at'),
        col.time('updated_at'),
      ],
      [{ name: 'uq_journey_name', columns: ['corp_id', 'name'], unique: true }],
    );
    await createTable(
      qr,
      'journey_version',
      [col.id(), col.ref('corp_id'), col.ref('journey_id'), col.int('version'), col.text('definition'), col.str('published_by', 64, true), col.time('published_at')],
      [{ name: 'uq_journey_version', columns: ['journey_id', 'version'], unique: true }],
    );
    await createTable(
      qr,
      'journey_position',
      [
        col.id(),
        col.ref('corp_id'),
        col.ref('journey_id'),
        col.ref('version_id'),
        col.ref('customer_id'),
        col.str('instance_key', 64),
        col.str('step_id', 40),
        col.str('status', 12),
        col.time('wake_at', true),
        col.time('deadline_at', true),
        col.str('wait_event', 100, true),
        col.str('lease_owner', 64, true),
        col.str('lease_token', 36, true),
        col.int('seq', false, 0),
        col.int('entries', false, 1),
        col.time('entered_at'),
        col.time('step_entered_at'),
        col.time('run_started_at'),
        col.time('held_since', true),
        col.str('parked_reason', 200, true),
        col.time('paused_wake_at', true),
        col.time('goal_until', true),
        col.time('converted_at', true),
        col.json('visited'),
        col.time('updated_at'),
      ],
      [
        { name: 'uq_journey_position', columns: ['version_id', 'customer_id', 'instance_key'], unique: true },
        { name: 'idx_journey_position_due', columns: ['wake_at'] },
        { name: 'idx_journey_position_customer', columns: ['customer_id', 'wait_event'] },
        { name: 'idx_journey_position_step', columns: ['version_id', 'step_id', 'status'] },
        { name: 'idx_journey_position_journey', columns: ['journey_id', 'customer_id', 'instance_key'] },
      ],
    );
    await createTable(
      qr,
      'journey_send',
      [
        col.id(),
        col.ref('corp_id'),
        col.ref('journey_id'),
        col.ref('version_id'),
        col.ref('position_id'),
        col.str('step_id', 40),
        col.ref('customer_id'),
        col.str('channel', 16),
        col.str('send_key', 120),
        col.str('outcome', 12),
        col.str('reason', 200, true),
        col.str('provider_id', 128, true),
        col.int('attempts', false, 0),
        col.time('first_at'),
        col.time('at'),
        col.time('sent_at', true),
      ],
      [
        { name: 'uq_journey_send_key', columns: ['send_key'], unique: true },
        { name: 'idx_journey_send_customer', columns: ['customer_id', 'channel', 'at'] },
        { name: 'idx_journey_send_journey', columns: ['journey_id', 'at'] },
        { name: 'idx_journey_send_channel', columns: ['channel', 'at'] },
      ],
    );
    await createTable(qr, 'journey_step_stat', [pk(col.ref('version_id')), pk(col.str('step_id', 40)), pk(col.str('metric', 80)), col.ref('journey_id'), col.int('count', false, 0)]);
    await createTable(qr, 'journey_settings', [pk(col.ref('corp_id')), col.text('policy'), col.str('updated_by', 64, true), col.time('updated_at')]);
    await createTable(
      qr,
      'subscription_consent',
      [col.id(), col.ref('corp_id'), col.ref('customer_id'), col.str('template_id', 128), col.int('remaining'), col.time('updated_at')],
      [{ name: 'uq_subscription_consent', columns: ['customer_id', 'template_id'], unique: true }],
    );
    await createTable(
      qr,
      'agent_task',
      [
        col.id(),
        col.ref('corp_id'),
        col.str('task_key', 120),
        col.ref('staff_id', true),
        col.ref('customer_id'),
        col.str('kind', 12),
        col.str('title', 100),
        col.text('note', true),
        col.str('status', 12),
        col.str('source', 80),
        col.time('due_at'),
        col.time('created_at'),
        col.time('done_at', true),
      ],
      [
        { name: 'uq_agent_task_key', columns: ['task_key'], unique: true },
        { name: 'idx_agent_task_staff', columns: ['staff_id', 'status', 'due_at'] },
        { name: 'idx_agent_task_customer', columns: ['customer_id', 'created_at'] },
      ],
    );
    await createTable(
      qr,
      'agent_message_task',
      [
        col.id(),
        col.ref('corp_id'),
        col.str('key', 191),
        col.ref('customer_id'),
        col.str('staff_user_id', 64, true),
        col.str('channel', 16),
        col.text('content'),
        col.str('status', 16),
        col.time('created_at'),
        col.time('done_at', true),
      ],
      [
        { name: 'uq_agent_message_task_key', columns: ['key'], unique: true },
        { name: 'idx_agent_message_task_staff', columns: ['staff_user_id', 'status'] },
      ],
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['agent_message_task', 'agent_task', 'subscription_consent', 'journey_settings', 'journey_step_stat', 'journey_send', 'journey_position', 'journey_version', 'journey']) await qr.dropTable(t, true);
  }
}
