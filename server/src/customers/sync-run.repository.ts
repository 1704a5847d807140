import type { DataSource } from 'typeorm';
import { WecomSyncRun } from './wecom-sync-run.entity';

/** Full-sync runs: the newest per corp, and their saved cursors. */
export class SyncRunRepository {
  constructor(private readonly ds: DataSource) {}

  latest(corpId: string): Promise<WecomSyncRun | null> {
    return this.ds.getRepository(WecomSyncRun).findOne({ where: { corpId }, order: { startedAt: 'DESC', id: 'DESC' } });
  }

  byId(corpId: string, id: string): Promise<WecomSyncRun | null> {
    return this.ds.getRepository(WecomSyncRun).findOne({ where: { corpId, id } });
  }

  running(): Promise<WecomSyncRun[]> {
    return this.ds.getRepository(WecomSyncRun).find({ where: { status: 'running' }, order: { startedAt: 'ASC' } });
  }

  async insert(run: WecomSyncRun): Promise<void> {
    await this.ds.getRepository(WecomSyncRun).insert(run);
  }

  /** Saves progress and the cursor together, so a restart resumes exactly after the last saved page. */
  async save(run: WecomSyncRun): Promise<void> {
    const { id, ...rest } = run;
    await this.ds.getRepository(WecomSyncRun).update({ id }, rest);
  }
}
