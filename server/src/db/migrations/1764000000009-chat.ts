import type { MigrationInterface, QueryRunner, TableColumnOptions } from 'typeorm';
import { col, createTable } from '../table-builder';

const seq = (name: string): TableColumnOptions => ({ name, type: 'bigint', isNullable: false });

/**
 * Conversation intelligence: archived messages with their pull cursor and the records that could not
 * be decrypted, what mining found in each message, conversations with the key nodes they reached,
 * candidate tags, compliance rules and alerts, per-corp sales SOPs, and the sandbox's archive.
 */
export class Chat1764000000009 implements MigrationInterface {
  name = 'Chat1764000000009';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      'chat_message',
      [
        col.id(),
        col.ref('corp_id'),
        col.str('msgid', 64),
        seq('seq'),
        col.str('action', 8),
        col.str('msg_type', 32),
        col.str('from_id', 64),
        col.str('sender_kind', 8),
        col.ref('staff_id', true),
        col.ref('customer_id', true),
        col.str('room_id', 64, true),
        col.text('tolist'),
        col.text('content', true),
        col.text('body'),
        col.text('media', true),
        col.bool('recalled', false),
        col.str('mined', 12),
        col.time('sent_at'),
        col.time('archived_at'),
      ],
      [
        { name: 'uq_chat_message_msgid', columns: ['corp_id', 'msgid'], unique: true },
        { name: 'idx_chat_message_customer', columns: ['customer_id', 'sent_at'] },
        { name: 'idx_chat_message_staff', columns: ['corp_id', 'staff_id', 'sent_at'] },
        { name: 'idx_chat_message_mined', columns: ['corp_id', 'mined'] },
      ],
    );
    await createTable(qr, 'chat_archive_cursor', [
      { ...col.ref('corp_id'), isPrimary: true },
      seq('seq'),
      col.time('last_pull_at', true),
      col.int('last_error_code', true),
      col.str('last_error', 300, true),
      col.time('last_error_at', true),
    ]);
    await createTable(
      qr,
      'chat_archive_parked',
      [
        col.id(),
        col.ref('corp_id'),
        seq('seq'),
        col.str('msgid', 64),
        col.int('publickey_ver'),
        col.text('encrypt_random_key'),
        col.text('encrypt_chat_msg'),
        col.int('code'),
        col.str('error', 300),
        col.time('parked_at'),
      ],
      [{ name: 'uq_chat_parked_seq', columns: ['corp_id', 'seq'], unique: true }],
    );
    await createTable(
      qr,
      'chat_insight',
      [
        col.id(),
        col.ref('corp_id'),
        col.ref('message_id'),
        col.ref('customer_id', true),
        col.ref('staff_id', true),
        col.str('kind', 12),
        col.str('grp', 40, true),
        col.str('label', 64),
        col.float('confidence'),
        col.str('cue', 100),
        col.time('at'),
      ],
      [
        { name: 'idx_chat_insight_message', columns: ['message_id'] },
        { name: 'idx_chat_insight_label', columns: ['corp_id', 'kind', 'label', 'at'] },
        { name: 'idx_chat_insight_customer', columns: ['customer_id', 'at'] },
      ],
    );
    await createTable(
      qr,
      'chat_conversation',
      [col.id(), col.ref('corp_id'), col.ref('staff_id'), col.ref('customer_id'), col.time('started_at'), col.time('last_at'), col.int('messages'), col.str('product_line', 24), col.text('nodes')],
      [
        { name: 'idx_conversation_pair', columns: ['staff_id', 'customer_id', 'last_at'] },
        { name: 'idx_conversation_corp', columns: ['corp_id', 'started_at'] },
      ],
    );
    await createTable(
      qr,
      'candidate_tag',
      [col.id(), col.ref('corp_id'), col.str('phrase', 40), col.int('customers'), col.int('count'), col.text('examples'), col.str('status', 12), col.time('updated_at')],
      [{ name: 'uq_candidate_tag_phrase', columns: ['corp_id', 'phrase'], unique: true }],
    );
    await createTable(
      qr,
      'compliance_rule',
      [
        col.id(),
        col.ref('corp_id'),
        col.str('name', 60),
        col.str('kind', 8),
        col.str('value', 200),
        col.str('category', 24),
        col.str('severity', 8),
        col.bool('enabled', true),
        col.bool('builtin', false),
        col.time('updated_at'),
      ],
      [{ name: 'uq_compliance_rule_name', columns: ['corp_id', 'name'], unique: true }],
    );
    await createTable(
      qr,
      'compliance_alert',
      [
        col.id(),
        col.ref('corp_id'),
        col.ref('message_id'),
        col.ref('staff_id'),
        col.ref('team_id', true),
        col.ref('customer_id', true),
        col.ref('rule_id'),
        col.str('rule_name', 60),
        col.str('category', 24),
        col.str('severity', 8),
        col.str('matched', 100),
        col.str('text', 500),
        col.str('status', 12),
        col.ref('acknowledged_by', true),
        col.time('acknowledged_at', true),
        col.time('at'),
      ],
      [
        { name: 'uq_compliance_alert', columns: ['message_id', 'rule_id'], unique: true },
        { name: 'idx_compliance_alert_team', columns: ['corp_id', 'team_id', 'status', 'at'] },
      ],
    );
    await createTable(
      qr,
      'sales_sop',
      [col.id(), col.ref('corp_id'), col.str('product_line', 24), col.text('nodes'), col.time('updated_at')],
      [{ name: 'uq_sales_sop', columns: ['corp_id', 'product_line'], unique: true }],
    );
    await createTable(qr, 'sandbox_archive_record', [
      { name: 'seq', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
      col.str('msgid', 64),
      col.int('publickey_ver'),
      col.text('encrypt_random_key'),
      col.text('encrypt_chat_msg'),
      col.time('created_at'),
    ]);
    await createTable(qr, 'sandbox_archive_key', [{ ...col.int('ver'), isPrimary: true }, col.text('public_key_pem'), col.text('private_key_pem'), col.time('created_at')]);
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of [
      'sandbox_archive_key',
      'sandbox_archive_record',
      'sales_sop',
      'compliance_alert',
      'compliance_rule',
      'candidate_tag',
      'chat_conversation',
      'chat_insight',
      'chat_archive_parked',
      'chat_archive_cursor',
      'chat_message',
    ])
      await qr.dropTable(t, true);
  }
}
