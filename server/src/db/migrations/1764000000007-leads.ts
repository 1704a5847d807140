import type { MigrationInterface, QueryRunner, TableColumnOptions } from 'typeorm';
import { addColumns, col, createTable } from '../table-builder';

const pk = (c: TableColumnOptions): TableColumnOptions => ({ ...c, isPrimary: true });

/**
 * Leads: settings (scoring model, assignment rules, SLA), scores with their history, lead sources,
 * leads and every move of them, the assignment cursors, seat groups with their calls, the
 * do-not-contact list, versioned intent models, agent notifications (the sidebar's live feed), and
 * capacity, weight and working hours of staff and teams.
 */
export class Leads1764000000007 implements MigrationInterface {
  name = 'Leads1764000000007';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(qr, 'lead_settings', [pk(col.ref('corp_id')), col.text('scoring'), col.text('assignment'), col.text('sla'), col.ref('updated_by', true), col.time('updated_at')]);
    await createTable(
      qr,
      'lead_score',
      [
        pk(col.ref('customer_id')),
        col.ref('corp_id'),
        col.float('fit'),
        col.float('engagement'),
        col.float('score'),
        col.str('grade', 1),
        col.float('probability', true),
        col.int('model_version', true),
        col.text('reasons'),
        col.time('computed_at'),
      ],
      [{ name: 'idx_lead_score_grade', columns: ['corp_id', 'grade', 'score'] }],
    );
    await createTable(
      qr,
      'lead_score_history',
      [
        col.id(),
        col.ref('corp_id'),
        col.ref('customer_id'),
        col.float('fit'),
        col.float('engagement'),
        col.float('score'),
        col.str('grade', 1),
        col.float('probability', true),
        col.str('cause', 64),
        col.time('at'),
      ],
      [{ name: 'idx_lead_score_history_customer', columns: ['customer_id', 'at'] }],
    );
    await createTable(
      qr,
      'lead_source',
      [
        col.id(),
        col.ref('corp_id'),
        col.str('name', 100),
        col.bool('enabled', true),
        col.str('product_line', 24),
        col.ref('seat_group_id', true),
        col.text('definition'),
        col.json('last_run'),
        col.time('created_at'),
        col.time('updated_at'),
      ],
      [{ name: 'uq_lead_source_name', columns: ['corp_id', 'name'], unique: true }],
    );
    await createTable(
      qr,
      'lead',
      [
        col.id(),
        col.ref('corp_id'),
        col.ref('customer_id'),
        col.str('product_line', 24),
        col.ref('source_id'),
        col.str('detail', 200),
        col.str('status', 16),
        // customer id + line while the lead is open, NULL once closed: one open lead per customer and line.
        col.str('open_key', 64, true),
        col.ref('owner_staff_id', true),
        col.ref('seat_group_id', true),
        col.time('assigned_at', true),
        col.time('first_touched_at', true),
        col.time('last_activity_at', true),
        col.time('sla_deadline', true),
        col.time('remind_at', true),
        col.time('reminded_at', true),
        col.time('callback_at', true),
        col.str('reject_reason', 200, true),
        col.str('outcome', 500, true),
        col.time('created_at'),
        col.time('updated_at'),
        col.time('closed_at', true),
      ],
      [
        { name: 'uq_lead_open', columns: ['corp_id', 'open_key'], unique: true },
        { name: 'idx_lead_status_deadline', columns: ['corp_id', 'status', 'sla_deadline'] },
        { name: 'idx_lead_status_remind', columns: ['corp_id', 'status', 'remind_at'] },
        { name: 'idx_lead_owner', columns: ['owner_staff_id', 'status'] },
        { name: 'idx_lead_customer', columns: ['customer_id'] },
        { name: 'idx_lead_seat_group', columns: ['seat_group_id', 'status'] },
        { name: 'idx_lead_source', columns: ['source_id', 'status'] },
      ],
    );
    await createTable(
      qr,
      'lead_move',
      [
        col.id(),
        col.ref('corp_id'),
        col.ref('lead_id'),
        col.ref('customer_id'),
        col.str('kind', 24),
        col.ref('from_staff_id', true),
        col.ref('to_staff_id', true),
        col.str('rule_id', 64, true),
        col.str('reason', 500),
        col.str('actor', 64),
        col.time('at'),
      ],
      [
        { name: 'idx_lead_move_lead', columns: ['lead_id', 'at'] },
        { name: 'idx_lead_move_customer', columns: ['customer_id', 'kind', 'at'] },
        { name: 'idx_lead_move_kind', columns: ['corp_id', 'kind', 'at'] },
      ],
    );
    await createTable(qr, 'lead_assignment_state', [pk(col.ref('corp_id')), pk(col.str('rule_id', 64)), col.ref('cursor_staff_id', true), col.json('weights'), col.time('updated_at')]);
    await createTable(
      qr,
      'seat_group',
      [col.id(), col.ref('corp_id'), col.str('name', 100), col.time('created_at'), col.time('updated_at')],
      [{ name: 'uq_seat_group_name', columns: ['corp_id', 'name'], unique: true }],
    );
    await createTable(
      qr,
      'seat_group_member',
      [pk(col.ref('group_id')), pk(col.ref('staff_id')), col.ref('corp_id'), col.time('added_at')],
      [{ name: 'idx_seat_group_member_staff', columns: ['staff_id'] }],
    );
    await createTable(
      qr,
      'lead_call',
      [
        col.id(),
        col.ref('corp_id'),
        col.ref('lead_id'),
        col.ref('customer_id'),
        col.ref('seat_group_id'),
        col.ref('staff_id'),
        col.bool('connected', false),
        col.str('intent', 8),
        col.str('next_step', 24),
        col.str('note', 1000, true),
        col.int('duration_seconds', true),
        col.time('called_at'),
      ],
      [
        { name: 'idx_lead_call_lead', columns: ['lead_id', 'called_at'] },
        { name: 'idx_lead_call_group', columns: ['seat_group_id', 'called_at'] },
        { name: 'idx_lead_call_staff', columns: ['staff_id', 'called_at'] },
        { name: 'idx_lead_call_corp', columns: ['corp_id', 'called_at'] },
      ],
    );
    await createTable(qr, 'do_not_contact', [pk(col.ref('corp_id')), pk(col.str('phone_hash', 64)), col.str('phone_masked', 16, true), col.str('reason', 200, true), col.ref('added_by', true), col.time('added_at')]);
    await createTable(
      qr,
      'intent_model',
      [col.id(), col.ref('corp_id'), col.int('version'), col.str('algorithm', 32), col.text('model'), col.text('metrics'), col.bool('active', false), col.time('trained_at')],
      [{ name: 'uq_intent_model_version', columns: ['corp_id', 'version'], unique: true }],
    );
    await createTable(
      qr,
      'agent_notification',
      [col.id(), col.ref('corp_id'), col.ref('staff_id'), col.str('kind', 32), col.text('payload'), col.time('created_at'), col.time('read_at', true)],
      [
        { name: 'idx_agent_notification_at', columns: ['corp_id', 'created_at'] },
        { name: 'idx_agent_notification_staff', columns: ['staff_id', 'created_at'] },
      ],
    );
    await addColumns(qr, 'staff_member', [col.int('capacity', true), col.int('weight', true), col.json('working_hours')]);
    await addColumns(qr, 'team', [col.json('working_hours')]);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropColumn('team', 'working_hours');
    for (const c of ['working_hours', 'weight', 'capacity']) await qr.dropColumn('staff_member', c);
    const tables = [
      'agent_notification',
      'intent_model',
      'do_not_contact',
      'lead_call',
      'seat_group_member',
      'seat_group',
      'lead_assignment_state',
      'lead_move',
      'lead',
      'lead_source',
      'lead_score_history',
      'lead_score',
      'lead_settings',
    ];
    for (const t of tables) await qr.dropTable(t, true);
  }
}
