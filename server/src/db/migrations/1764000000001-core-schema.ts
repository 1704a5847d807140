import type { MigrationInterface, QueryRunner } from 'typeorm';
import { col, createTable } from '../table-builder';

/** The core of the domain: corp, staff, teams, customers, identities, tags, audit, scheduling. */
export class CoreSchema1764000000001 implements MigrationInterface {
  name = 'CoreSchema1764000000001';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(qr, 'corp', [col.id(), col.str('wecom_corp_id', 64), col.str('name', 100), col.str('timezone', 64), col.time('created_at')], [
      { name: 'uq_corp_wecom', columns: ['wecom_corp_id'], unique: true },
    ]);
    await createTable(qr, 'team', [col.id(), col.ref('corp_id'), col.str('name', 100), col.ref('lead_staff_id', true), col.time('created_at')], [
      { name: 'uq_team_corp_name', columns: ['corp_id', 'name'], unique: true },
    ]);
    await createTable(
      qr,
      'staff_member',
      [
        col.id(),
        col.ref('corp_id'),
        col.ref('team_id', true),
        col.str('wecom_user_id', 64),
        col.str('name', 64),
        col.str('role', 16),
        col.str('seniority', 16),
        col.int('years_of_service', false, 0),
        col.json('skills'),
        col.str('status', 16),
        col.time('left_at', true),
        col.str('username', 64, true),
        col.str('password_hash', 200, true),
        col.time('created_at'),
        col.time('updated_at'),
      ],
      [
        { name: 'uq_staff_corp_userid', columns: ['corp_id', 'wecom_user_id'], unique: true },
        { name: 'uq_staff_username', columns: ['username'], unique: true },
        { name: 'idx_staff_team', columns: ['team_id'] },
      ],
    );
    await createTable(
      qr,
      'customer',
      [
        col.id(),
        col.ref('corp_id'),
        col.str('name', 64),
        col.str('gender', 8),
        col.date('birth_date', true),
        col.str('city', 32, true),
        col.str('timezone', 64, true),
        col.ref('owner_staff_id', true),
        col.str('stage', 24),
        col.bool('archive_consent', false),
        col.ref('merged_into_id', true),
        col.time('created_at'),
        col.time('updated_at'),
      ],
      [
        { name: 'idx_customer_owner', columns: ['owner_staff_id'] },
        { name: 'idx_customer_corp_name', columns: ['corp_id', 'name'] },
      ],
    );
    await createTable(qr, 'customer_identity', [col.id(), col.ref('corp_id'), col.ref('customer_id'), col.str('kind', 16), col.str('value', 128), col.time('created_at')], [
      { name: 'uq_identity', columns: ['corp_id', 'kind', 'value'], unique: true },
      { name: 'idx_identity_customer', columns: ['customer_id'] },
    ]);
    await createTable(
      qr,
      'tag_group',
      [col.id(), col.ref('corp_id'), col.str('key', 64), col.str('name', 64), col.str('source', 16), col.str('wecom_group_id', 64, true), col.int('sort', false, 0), col.time('created_at')],
      [{ name: 'uq_tag_group_key', columns: ['corp_id', 'key'], unique: true }],
    );
    await createTable(
      qr,
      'tag',
      [col.id(), col.ref('corp_id'), col.ref('group_id'), col.str('name', 64), col.str('wecom_tag_id', 64, true), col.int('sort', false, 0), col.time('created_at')],
      [
        { name: 'uq_tag_group_name', columns: ['group_id', 'name'], unique: true },
        { name: 'idx_tag_corp_name', columns: ['corp_id', 'name'] },
      ],
    );
    await createTable(
      qr,
      'customer_tag',
      [
        col.id(),
        col.ref('customer_id'),
        col.ref('tag_id'),
        col.str('source', 16),
        col.str('evidence', 500, true),
        col.float('confidence', true),
        col.time('created_at'),
        col.time('expires_at', true),
      ],
      [
        { name: 'uq_customer_tag', columns: ['customer_id', 'tag_id'], unique: true },
        { name: 'idx_customer_tag_tag', columns: ['tag_id'] },
      ],
    );
    await createTable(
      qr,
      'audit_log',
      [
        col.id(),
        col.ref('corp_id', true),
        col.str('actor_type', 16),
        col.str('actor_id', 64, true),
        col.str('action', 64),
        col.str('target_type', 32, true),
        col.str('target_id', 128, true),
        col.json('detail'),
        col.str('ip', 64, true),
        col.time('at'),
      ],
      [
        { name: 'idx_audit_action_at', columns: ['action', 'at'] },
        { name: 'idx_audit_target', columns: ['target_type', 'target_id'] },
      ],
    );
    await createTable(
      qr,
      'job_run',
      [col.key('key'), col.str('job', 100), col.time('scheduled_at'), col.str('owner', 100), col.time('claimed_at'), col.time('finished_at', true), col.str('status', 16), col.str('error', 500, true)],
      [{ name: 'idx_job_run_job_time', columns: ['job', 'scheduled_at'] }],
    );
    await createTable(qr, 'lease', [col.key('name'), col.str('owner', 100), col.time('expires_at')]);
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['lease', 'job_run', 'audit_log', 'customer_tag', 'tag', 'tag_group', 'customer_identity', 'customer', 'staff_member', 'team', 'corp']) {
      await qr.dropTable(t, true);
    }
  }
}
