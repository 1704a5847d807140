import type { MigrationInterface, QueryRunner } from 'typeorm';
import { col, createTable } from '../table-builder';

/**
 * Staff sign-in sessions: each staff bearer token carries the id of one row (its jti). A token is
 * good only while its row is unrevoked, unexpired and its staff member active, so a sign-out, an
 * admin's revocation or a departure ends it before the token's own expiry.
 */
export class Sessions1764000000013 implements MigrationInterface {
  name = 'Sessions1764000000013';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      'staff_session',
      [
        col.id(),
        col.ref('corp_id'),
        col.ref('staff_id'),
        col.str('via', 16),
        col.str('ip', 64, true),
        col.time('created_at'),
        col.time('expires_at'),
        col.time('revoked_at', true),
        col.str('revoked_reason', 32, true),
      ],
      [{ name: 'idx_staff_session_staff', columns: ['staff_id', 'revoked_at'] }],
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('staff_session', true);
  }
}
