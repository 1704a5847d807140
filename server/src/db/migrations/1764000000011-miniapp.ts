import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addColumns, col, createTable } from '../table-builder';

/**
 * The customer mini-program (issue 9): members (referral code, first touch), daily check-ins, the
 * points ledger (one row per idempotency key), activity seats and sign-ups (a seat counter on the
 * activity row that a conditional UPDATE moves, so concurrent sign-ups never oversell), views,
 * plays, referrals, subscription-message scenes and the reminders sent (one per key), proposals
 * and coverage-gap assessments.
 */
export class Miniapp1764000000011 implements MigrationInterface {
  name = 'Miniapp1764000000011';

  async up(qr: QueryRunner): Promise<void> {
    await addColumns(qr, 'activity', [
      col.int('seats_taken', false, 0),
      col.int('waitlisted', false, 0),
      col.str('cover_url', 500, true),
      col.str('site_code', 64, true),
      col.text('config', true),
    ]);
    await createTable(
      qr,
      'mp_member',
      [
        { ...col.ref('customer_id'), isPrimary: true },
        col.ref('corp_id'),
        col.str('referral_code', 16),
        col.str('channel', 64, true),
        col.time('joined_at'),
      ],
      [{ name: 'uq_mp_member_code', columns: ['corp_id', 'referral_code'], unique: true }],
    );
    await createTable(qr, 'mp_agent_contact_way', [{ ...col.ref('staff_id'), isPrimary: true }, col.ref('corp_id'), col.str('config_id', 64), col.time('created_at')]);
    await createTable(
      qr,
      'mp_checkin',
      [col.id(), col.ref('corp_id'), col.ref('customer_id'), col.str('local_date', 10), col.str('timezone', 64), col.int('streak'), col.time('at')],
      [{ name: 'uq_mp_checkin_day', columns: ['customer_id', 'local_date'], unique: true }],
    );
    await createTable(
      qr,
      'mp_points',
      [col.id(), col.ref('corp_id'), col.ref('customer_id'), col.int('delta'), col.str('reason', 24), col.str('ref', 64, true), col.str('idem_key', 120), col.time('at')],
      [
        { name: 'uq_mp_points_key', columns: ['idem_key'], unique: true },
        { name: 'idx_mp_points_customer', columns: ['customer_id', 'at'] },
      ],
    );
    await createTable(
      qr,
      'mp_signup',
      [
        col.id(),
        col.ref('corp_id'),
        col.ref('activity_id'),
        col.ref('customer_id'),
        col.str('status', 12),
        col.int('seats'),
        col.str('ticket_code', 24, true),
        col.str('name', 32),
        col.str('phone_cipher', 255, true),
        col.str('phone_masked', 16, true),
        col.str('note', 200, true),
        col.str('inviter', 64, true),
        col.str('request_id', 64),
        col.time('signed_up_at'),
        col.time('queued_at'),
        col.time('confirmed_at', true),
        col.time('attended_at', true),
        col.time('cancelled_at', true),
        col.time('updated_at'),
      ],
      [
        { name: 'uq_mp_signup', columns: ['activity_id', 'customer_id'], unique: true },
        { name: 'uq_mp_signup_ticket', columns: ['ticket_code'], unique: true },
        { name: 'idx_mp_signup_queue', columns: ['activity_id', 'status', 'queued_at'] },
        { name: 'idx_mp_signup_customer', columns: ['customer_id', 'status'] },
      ],
    );
    await createTable(qr, 'mp_activity_view', [
      { ...col.ref('activity_id'), isPrimary: true },
      { ...col.ref('customer_id'), isPrimary: true },
      col.ref('corp_id'),
      col.str('inviter', 64, true),
      col.int('views', false, 1),
      col.time('first_at'),
      col.time('last_at'),
    ]);
    await createTable(qr, 'mp_play', [
      { ...col.ref('activity_id'), isPrimary: true },
      { ...col.ref('customer_id'), isPrimary: true },
      col.ref('corp_id'),
      col.text('result'),
      col.time('at'),
    ]);
    await createTable(
      qr,
      'mp_referral',
      [
        col.id(),
        col.ref('corp_id'),
        col.ref('referrer_id'),
        col.ref('referee_id'),
        col.str('status', 12),
        col.str('qualified_by', 16, true),
        col.int('reward_points', false, 0),
        col.time('joined_at'),
        col.time('qualified_at', true),
      ],
      [
        { name: 'uq_mp_referral_referee', columns: ['referee_id'], unique: true },
        { name: 'idx_mp_referral_referrer', columns: ['referrer_id', 'joined_at'] },
      ],
    );
    await createTable(qr, 'mp_subscription', [
      { ...col.ref('customer_id'), isPrimary: true },
      { ...col.str('scene', 24), isPrimary: true },
      col.ref('corp_id'),
      col.str('template_id', 128),
      col.str('result', 8),
      col.time('updated_at'),
    ]);
    await createTable(
      qr,
      'mp_reminder',
      [col.id(), col.ref('corp_id'), col.ref('customer_id'), col.str('reminder_key', 120), col.str('kind', 24), col.str('status', 12), col.str('detail', 300, true), col.time('at')],
      [
        { name: 'uq_mp_reminder_key', columns: ['reminder_key'], unique: true },
        { name: 'idx_mp_reminder_customer', columns: ['customer_id', 'at'] },
      ],
    );
    await createTable(
      qr,
      'mp_proposal',
      [
        col.id(),
        col.ref('corp_id'),
        col.ref('customer_id'),
        col.ref('staff_id'),
        col.text('items'),
        col.int('total_premium'),
        col.int('views', false, 0),
        col.time('last_viewed_at', true),
        col.time('created_at'),
      ],
      [{ name: 'idx_mp_proposal_customer', columns: ['customer_id', 'created_at'] }],
    );
    await createTable(
      qr,
      'mp_assessment',
      [col.id(), col.ref('corp_id'), col.ref('customer_id'), col.text('input'), col.text('gaps'), col.int('score'), col.time('at')],
      [{ name: 'idx_mp_assessment_customer', columns: ['customer_id', 'at'] }],
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['mp_assessment', 'mp_proposal', 'mp_reminder', 'mp_subscription', 'mp_referral', 'mp_play', 'mp_activity_view', 'mp_signup', 'mp_points', 'mp_checkin', 'mp_agent_contact_way', 'mp_member']) await qr.dropTable(t, true);
    for (const c of ['config', 'site_code', 'cover_url', 'waitlisted', 'seats_taken']) await qr.dropColumn('activity', c);
  }
}
