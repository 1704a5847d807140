import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addColumns, addIndices, col, createTable } from '../table-builder';

/**
 * Personal data (issue 12): the customer's ID number encrypted with a keyed hash and a masked copy,
 * the moment a person's data was erased on request, and per-corp personal-data settings (who may
 * reveal which field beyond the fixed rules; how long archived chats are kept). The chat retention
 * sweep walks idx_chat_message_corp_sent (migration 012).
 */
export class PersonalData1764000000015 implements MigrationInterface {
  name = 'PersonalData1764000000015';

  async up(qr: QueryRunner): Promise<void> {
    await addColumns(qr, 'customer', [col.str('id_number_cipher', 255, true), col.str('id_number_hash', 64, true), col.str('id_number_masked', 24, true), col.time('erased_at', true)]);
    await addIndices(qr, 'customer', [{ name: 'idx_customer_id_number', columns: ['corp_id', 'id_number_hash'] }]);
    await createTable(qr, 'personal_data_setting', [
      { ...col.ref('corp_id'), isPrimary: true },
      col.int('chat_retention_days', false, 180),
      col.text('reveal_roles', true),
      col.ref('updated_by', true),
      col.time('updated_at'),
    ]);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('personal_data_setting', true);
    await qr.dropIndex('customer', 'idx_customer_id_number');
    for (const c of ['erased_at', 'id_number_masked', 'id_number_hash', 'id_number_cipher']) await qr.dropColumn('customer', c);
  }
}
