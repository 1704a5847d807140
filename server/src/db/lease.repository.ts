import type { DataSource } from 'typeorm';
import type { LeaseStore } from '../platform/lease.port';
import { JobRun } from './job-run.entity';
import { Lease } from './lease.entity';
import { toDbTime } from './naming';
import { isUniqueViolation } from './transaction';

/** Leases and tick claims in the database: the primary key decides who wins. */
export class TypeOrmLeaseStore implements LeaseStore {
  constructor(private readonly ds: DataSource) {}

  async claimTick(key: string, job: string, scheduledAt: Date, owner: string, now: Date): Promise<boolean> {
    try {
      await this.ds.getRepository(JobRun).insert({ key, job, scheduledAt, owner, claimedAt: now, finishedAt: null, status: 'running', error: null });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async finishTick(key: string, outcome: 'done' | 'failed', now: Date, error?: string): Promise<void> {
    await this.ds.getRepository(JobRun).update({ key }, { status: outcome, finishedAt: now, error: error?.slice(0, 500) ?? null });
  }

  async acquire(name: string, owner: string, now: Date, expiresAt: Date): Promise<boolean> {
    const updated = await this.ds
      .createQueryBuilder()
      .update(Lease)
      .set({ owner, expiresAt })
      .where('name = :name AND (owner = :owner OR expires_at <= :now)', { name, owner, now: toDbTime(now) })
      .execute();
    if ((updated.affected ?? 0) > 0) return true;
    try {
      await this.ds.getRepository(Lease).insert({ name, owner, expiresAt });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async release(name: string, owner: string): Promise<void> {
    await this.ds.getRepository(Lease).update({ name, owner }, { expiresAt: new Date(0) });
  }

  async pruneTicks(before: Date): Promise<number> {
    const result = await this.ds
      .createQueryBuilder()
      .delete()
      .from(JobRun)
      .where("scheduled_at < :before AND status <> 'running'", { before: toDbTime(before) })
      .execute();
    return result.affected ?? 0;
  }

  async releaseAll(owner: string): Promise<number> {
    const result = await this.ds.getRepository(Lease).update({ owner }, { expiresAt: new Date(0) });
    return result.affected ?? 0;
  }
}
