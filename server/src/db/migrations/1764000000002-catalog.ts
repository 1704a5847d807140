import type { MigrationInterface, QueryRunner } from 'typeorm';
import { col, createTable } from '../table-builder';

/** What the demo and the later domains need beside the core: products, policies, activities, content, scripts, the sandbox outbox. */
export class Catalog1764000000002 implements MigrationInterface {
  name = 'Catalog1764000000002';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      'product',
      [
        col.id(),
        col.ref('corp_id'),
        col.str('code', 32),
        col.str('name', 100),
        col.str('line', 24),
        col.int('min_cover'),
        col.int('max_cover'),
        col.int('premium_from'),
        col.str('description', 500),
        col.bool('on_sale', true),
      ],
      [{ name: 'uq_product_code', columns: ['corp_id', 'code'], unique: true }],
    );
    await createTable(
      qr,
      'policy',
      [
        col.id(),
        col.ref('corp_id'),
        col.ref('customer_id'),
        col.ref('product_id'),
        col.str('policy_no', 32),
        col.int('cover_amount'),
        col.int('annual_premium'),
        col.str('status', 16),
        col.date('start_date'),
        col.date('end_date', true),
        col.ref('agent_staff_id', true),
      ],
      [
        { name: 'uq_policy_no', columns: ['corp_id', 'policy_no'], unique: true },
        { name: 'idx_policy_customer', columns: ['customer_id'] },
        { name: 'idx_policy_agent', columns: ['agent_staff_id'] },
      ],
    );
    await createTable(
      qr,
      'activity',
      [
        col.id(),
        col.ref('corp_id'),
        col.str('kind', 16),
        col.str('type', 24),
        col.str('title', 120),
        col.str('description', 500),
        col.time('starts_at'),
        col.time('ends_at'),
        col.str('location', 200, true),
        col.int('capacity', true),
        col.str('status', 16),
      ],
      [{ name: 'idx_activity_starts', columns: ['corp_id', 'starts_at'] }],
    );
    await createTable(
      qr,
      'content_article',
      [col.id(), col.ref('corp_id'), col.str('title', 120), col.str('category', 24), col.str('summary', 300), col.text('body'), col.str('product_line', 24, true), col.time('published_at')],
      [{ name: 'idx_content_category', columns: ['corp_id', 'category'] }],
    );
    await createTable(qr, 'talk_script', [col.id(), col.ref('corp_id'), col.str('trigger', 64), col.str('title', 100), col.text('body'), col.str('product_line', 24, true)], [
      { name: 'idx_script_trigger', columns: ['corp_id', 'trigger'] },
    ]);
    await createTable(qr, 'sandbox_outbox', [col.id(), col.str('channel', 32), col.str('recipient', 128), col.ref('customer_id', true), col.json('content'), col.time('sent_at')], [
      { name: 'idx_outbox_customer', columns: ['customer_id', 'sent_at'] },
    ]);
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['sandbox_outbox', 'talk_script', 'content_article', 'activity', 'policy', 'product']) await qr.dropTable(t, true);
  }
}
