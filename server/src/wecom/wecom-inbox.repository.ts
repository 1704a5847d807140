import { Brackets, type DataSource } from 'typeorm';
import { toDbTime } from '../db/naming';
import { isUniqueViolation } from '../db/transaction';
import { WecomInbox } from './wecom-inbox.entity';

/** The inbox table: insert once per dedupe key, claim due rows with a lease, record outcomes. */
export class WecomInboxRepository {
  constructor(private readonly ds: DataSource) {}

  async insertOnce(row: WecomInbox): Promise<'new' | 'duplicate'> {
    try {
      await this.ds.getRepository(WecomInbox).insert(row);
      return 'new';
    } catch (error) {
      if (isUniqueViolation(error)) return 'duplicate';
      throw error;
    }
  }

  private due(now: Date) {
    const t = toDbTime(now);
    return new Brackets((w) => {
      w.where('(i.status = :pending AND i.next_attempt_at <= :t)', { pending: 'pending', t }).orWhere('(i.status = :processing AND i.locked_until < :t)', {
        processing: 'processing',
        t,
      });
    });
  }

  /** Claims up to `limit` due rows (pending, or processing with an expired lease) for this owner. */
  async claim(owner: string, now: Date, leaseMs: number, limit: number): Promise<WecomInbox[]> {
    const candidates = await this.ds.getRepository(WecomInbox).createQueryBuilder('i').where(this.due(now)).orderBy('i.received_at', 'ASC').take(limit).getMany();
    const claimed: WecomInbox[] = [];
    for (const row of candidates) {
      const res = await this.ds
        .createQueryBuilder()
        .update(WecomInbox)
        .set({ status: 'processing', lockedBy: owner, lockedUntil: new Date(now.getTime() + leaseMs), attempts: row.attempts + 1 })
        .where('id = :id AND attempts = :attempts', { id: row.id, attempts: row.attempts })
        .andWhere(
          new Brackets((w) => {
            w.where('(status = :pending AND next_attempt_at <= :t)', { pending: 'pending', t: toDbTime(now) }).orWhere('(status = :processing AND locked_until < :t)', {
              processing: 'processing',
            });
          }),
        )
        .execute();
      if ((res.affected ?? 0) === 1) claimed.push({ ...row, status: 'processing', lockedBy: owner, attempts: row.attempts + 1 });
    }
    return claimed;
  }

  async done(id: string, now: Date): Promise<void> {
    await this.ds.getRepository(WecomInbox).update({ id }, { status: 'done', processedAt: now, lockedBy: null, lockedUntil: null, error: null });
  }

  async retryLater(id: string, nextAttemptAt: Date, error: string, final: boolean): Promise<void> {
    await this.ds
      .getRepository(WecomInbox)
      .update({ id }, { status: final ? 'failed' : 'pending', nextAttemptAt, lockedBy: null, lockedUntil: null, error: error.slice(0, 500) });
  }

  async counts(): Promise<Record<string, number>> {
    const rows = await this.ds.query<{ status: string; n: number | string }[]>('SELECT status, COUNT(*) AS n FROM wecom_inbox GROUP BY status');
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }
}
