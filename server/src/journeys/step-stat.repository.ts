import type { DataSource, EntityManager } from 'typeorm';
import { chunk } from '../db/sql-lists';

export interface StatIncrement {
  journeyId: string;
  versionId: string;
  stepId: string;
  metric: string;
  count: number;
  /** The position it counts (the runner's increments); counted only if the batch still holds it. */
  positionId?: string;
}

/** Adds a batch's counts to journey_step_stat in one statement per 200 keys (an upsert on both databases). */
export class StepStatRepository {
  private readonly mysql: boolean;
  constructor(private readonly ds: DataSource) {
    this.mysql = ds.options.type === 'mysql';
  }

  async add(increments: readonly StatIncrement[], em: EntityManager = this.ds.manager): Promise<void> {
    const merged = new Map<string, StatIncrement>();
    for (const i of increments) {
      if (i.count === 0) continue;
      const key = `${i.versionId}\u0000${i.stepId}\u0000${i.metric}`;
      const hit = merged.get(key);
      if (hit) hit.count += i.count;
      else merged.set(key, { journeyId: i.journeyId, versionId: i.versionId, stepId: i.stepId, metric: i.metric, count: i.count });
    }
    // Sorted keys: two workers adding to the same rows lock them in the same order (no deadlock).
    const rows = [...merged.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
    for (const part of chunk(rows, 200)) {
      const values = part.map(() => '(?, ?, ?, ?, ?)').join(', ');
      const params = part.flatMap((r) => [r.versionId, r.stepId, r.metric, r.journeyId, r.count]);
      const upsert = this.mysql ? 'ON DUPLICATE KEY UPDATE count = count + VALUES(count)' : 'ON CONFLICT (version_id, step_id, metric) DO UPDATE SET count = count + excluded.count';
      await em.query(`INSERT INTO journey_step_stat (version_id, step_id, metric, journey_id, count) VALUES ${values} ${upsert}`, params);
    }
  }

  async ofJourney(journeyId: string, versionId?: string): Promise<Array<{ versionId: string; stepId: string; metric: string; count: number }>> {
    const rows = (await this.ds.query(
      `SELECT version_id, step_id, metric, count FROM journey_step_stat WHERE journey_id = ?${versionId ? ' AND version_id = ?' : ''}`,
      versionId ? [journeyId, versionId] : [journeyId],
    )) as Array<{ version_id: string; step_id: string; metric: string; count: number | string }>;
    return rows.map((r) => ({ versionId: r.version_id, stepId: r.step_id, metric: r.metric, count: Number(r.count) }));
  }
}
