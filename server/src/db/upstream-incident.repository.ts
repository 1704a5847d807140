import type { DataSource } from 'typeorm';
import type { UpstreamIncident, UpstreamIncidentStore } from '../platform/upstream/upstream-incident.port';
import { UpstreamIncidentRow } from './upstream-incident.entity';

export class UpstreamIncidentRepository implements UpstreamIncidentStore {
  constructor(private readonly ds: DataSource) {}

  async open(incident: UpstreamIncident): Promise<void> {
    await this.ds.getRepository(UpstreamIncidentRow).insert(incident);
  }

  async touch(id: string, lastSeenAt: Date, failures: number, lastError: string | null): Promise<void> {
    await this.ds.getRepository(UpstreamIncidentRow).update({ id }, { lastSeenAt, failures, lastError });
  }

  async close(id: string, closedAt: Date, refused: number): Promise<void> {
    await this.ds.getRepository(UpstreamIncidentRow).update({ id }, { closedAt, refused });
  }

  async recent(limit: number): Promise<UpstreamIncident[]> {
    const rows = await this.ds.getRepository(UpstreamIncidentRow).find({ order: { openedAt: 'DESC' }, take: limit });
    return rows.map((r) => ({ ...r }));
  }
}
