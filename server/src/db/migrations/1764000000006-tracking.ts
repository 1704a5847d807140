import type { MigrationInterface, QueryRunner, TableColumnOptions } from 'typeorm';
import { addColumns, col, createTable } from '../table-builder';

const pk = (c: TableColumnOptions): TableColumnOptions => ({ ...c, isPrimary: true });

/**
 * Tracking (Sensors / Segment sources, the event store, rejections), the customer's rolling
 * activity counters and streaks, behaviour tag rules, segments with their members, journey-stage
 * rules, merges, and the profile and encrypted phone on the customer.
 */
export class Tracking1764000000006 implements MigrationInterface {
  name = 'Tracking1764000000006';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      'tracking_source',
      [col.id(), col.ref('corp_id'), col.str('kind', 16), col.str('source_key', 64), col.str('name', 64), col.time('created_at')],
      [{ name: 'uq_tracking_source', columns: ['kind', 'source_key'], unique: true }],
    );
    await createTable(
      qr,
      'tracking_event',
      [
        col.id(),
        col.ref('corp_id'),
        col.str('event_key', 64),
        col.ref('customer_id'),
        col.str('source', 16),
        col.str('project', 64, true),
        col.str('type', 24),
        col.str('name', 100),
        col.time('occurred_at'),
        col.time('received_at'),
        col.str('distinct_id', 128, true),
        col.text('properties', true),
      ],
      [
        { name: 'uq_tracking_event_key', columns: ['corp_id', 'event_key'], unique: true },
        { name: 'idx_tracking_event_customer', columns: ['customer_id', 'occurred_at'] },
        { name: 'idx_tracking_event_received', columns: ['corp_id', 'received_at'] },
      ],
    );
    await createTable(
      qr,
      'tracking_rejection',
      [col.id(), col.ref('corp_id'), col.str('source', 16), col.str('reason', 32), col.str('detail', 500), col.text('sample', true), col.time('received_at')],
      [{ name: 'idx_tracking_rejection_at', columns: ['corp_id', 'received_at'] }],
    );
    await createTable(
      qr,
      'activity_count',
      [pk(col.ref('customer_id')), pk(col.str('counter_key', 100)), pk(col.str('day', 10)), col.ref('corp_id'), col.int('count', false, 0)],
      [{ name: 'idx_activity_count_key', columns: ['corp_id', 'counter_key', 'day'] }],
    );
    await createTable(qr, 'activity_streak', [
      pk(col.ref('customer_id')),
      pk(col.str('counter_key', 100)),
      col.ref('corp_id'),
      col.int('current', false, 0),
      col.int('best', false, 0),
      col.str('last_day', 10),
    ]);
    await createTable(
      qr,
      'behaviour_rule',
      [col.id(), col.ref('corp_id'), col.str('name', 100), col.bool('enabled', true), col.text('definition'), col.time('created_at'), col.time('updated_at')],
      [{ name: 'idx_behaviour_rule_corp', columns: ['corp_id'] }],
    );
    await createTable(
      qr,
      'segment',
      [
        col.id(),
        col.ref('corp_id'),
        col.str('name', 100),
        col.str('description', 500, true),
        col.text('rule'),
        col.int('member_count', false, 0),
        col.time('refreshed_at', true),
        col.time('created_at'),
        col.time('updated_at'),
      ],
      [{ name: 'uq_segment_name', columns: ['corp_id', 'name'], unique: true }],
    );
    await createTable(
      qr,
      'segment_member',
      [pk(col.ref('segment_id')), pk(col.ref('customer_id')), col.ref('corp_id'), col.time('entered_at')],
      [{ name: 'idx_segment_member_customer', columns: ['customer_id'] }],
    );
    await createTable(qr, 'stage_rule', [pk(col.ref('corp_id')), pk(col.str('stage', 24)), col.text('rule'), col.ref('updated_by', true), col.time('updated_at')]);
    await createTable(
      qr,
      'customer_merge',
      [col.id(), col.ref('corp_id'), col.ref('survivor_id'), col.ref('merged_id'), col.str('reason', 32), col.str('event_key', 64, true), col.json('detail'), col.time('at')],
      [
        { name: 'idx_customer_merge_survivor', columns: ['survivor_id'] },
        { name: 'idx_customer_merge_merged', columns: ['merged_id'] },
      ],
    );
    await addColumns(qr, 'customer', [col.json('profile'), col.str('phone_cipher', 255, true), col.str('phone_masked', 16, true), col.time('stage_changed_at', true)]);
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const c of ['stage_changed_at', 'phone_masked', 'phone_cipher', 'profile']) await qr.dropColumn('customer', c);
    const tables = ['customer_merge', 'stage_rule', 'segment_member', 'segment', 'behaviour_rule', 'activity_streak', 'activity_count', 'tracking_rejection', 'tracking_event', 'tracking_source'];
    for (const t of tables) await qr.dropTable(t, true);
  }
}
