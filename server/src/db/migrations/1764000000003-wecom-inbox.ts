import type { MigrationInterface, QueryRunner } from 'typeorm';
import { col, createTable } from '../table-builder';

/** The durable callback inbox, the customer–agent relationship and the shared access-token cache. */
export class WecomInbox1764000000003 implements MigrationInterface {
  name = 'WecomInbox1764000000003';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      'wecom_inbox',
      [
        col.id(),
        col.ref('corp_id'),
        col.str('dedupe_key', 64),
        col.str('kind', 48),
        col.text('payload'),
        col.time('received_at'),
        col.str('status', 16),
        col.int('attempts', false, 0),
        col.time('next_attempt_at'),
        col.str('locked_by', 100, true),
        col.time('locked_until', true),
        col.time('processed_at', true),
        col.str('error', 500, true),
      ],
      [
        { name: 'uq_inbox_dedupe', columns: ['corp_id', 'dedupe_key'], unique: true },
        { name: 'idx_inbox_due', columns: ['status', 'next_attempt_at'] },
      ],
    );
    await createTable(
      qr,
      'customer_follow',
      [
        col.id(),
        col.ref('corp_id'),
        col.ref('customer_id'),
        col.ref('staff_id'),
        col.str('status', 24),
        col.str('state', 64, true),
        col.bool('half', false),
        col.str('remark', 100, true),
        col.time('added_at'),
        col.time('ended_at', true),
        col.time('updated_at'),
      ],
      [
        { name: 'uq_follow', columns: ['customer_id', 'staff_id'], unique: true },
        { name: 'idx_follow_staff', columns: ['staff_id', 'status'] },
      ],
    );
    await createTable(qr, 'wecom_access_token', [col.key('key'), col.str('token', 600), col.time('expires_at')]);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('wecom_access_token', true);
    await qr.dropTable('customer_follow', true);
    await qr.dropTable('wecom_inbox', true);
  }
}
