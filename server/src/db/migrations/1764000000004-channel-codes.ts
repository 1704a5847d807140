import type { MigrationInterface, QueryRunner } from 'typeorm';
import { col, createTable } from '../table-builder';

export class ChannelCodes1764000000004 implements MigrationInterface {
  name = 'ChannelCodes1764000000004';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      'channel_code',
      [
        col.id(),
        col.ref('corp_id'),
        col.str('name', 60),
        col.str('channel', 30),
        col.str('state', 30),
        col.json('agent_user_ids'),
        col.str('strategy', 16),
        col.int('assigned', false, 0),
        col.json('tag_names'),
        col.text('welcome_text', true),
        col.str('wecom_config_id', 64),
        col.str('qr_code', 300),
        col.time('created_at'),
      ],
      [{ name: 'uq_channel_state', columns: ['corp_id', 'state'], unique: true }],
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('channel_code', true);
  }
}
