import type { MigrationInterface, QueryRunner } from 'typeorm';
import { col, createTable } from '../table-builder';

/** Incidents of outside services (WeCom's API): when a process's circuit opened and closed again. */
export class UpstreamIncidents1764000000016 implements MigrationInterface {
  name = 'UpstreamIncidents1764000000016';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      'upstream_incident',
      [col.id(), col.str('upstream', 32), col.str('owner', 128), col.time('opened_at'), col.time('closed_at', true), col.time('last_seen_at'), col.int('failures'), col.int('refused'), col.str('last_error', 500, true)],
      [{ name: 'idx_upstream_incident_opened', columns: ['opened_at'] }],
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('upstream_incident', true);
  }
}
