import type { DataSource } from 'typeorm';
import { fromDbTime, toDbTime } from '../db/naming';

/** Read side of ingestion: how much was stored and refused, and why. */
export class TrackingStatsRepository {
  constructor(private readonly ds: DataSource) {}

  async storedBySource(corpId: string, since: Date): Promise<Record<string, number>> {
    const rows = await this.ds.query<Array<{ source: string; n: number | string }>>(
      'SELECT source, COUNT(*) AS n FROM tracking_event WHERE corp_id = ? AND received_at >= ? GROUP BY source',
      [corpId, toDbTime(since)],
    );
    return Object.fromEntries(rows.map((r) => [r.source, Number(r.n)]));
  }

  async rejectedByReason(corpId: string, since: Date): Promise<Record<string, number>> {
    const rows = await this.ds.query<Array<{ reason: string; n: number | string }>>(
      'SELECT reason, COUNT(*) AS n FROM tracking_rejection WHERE corp_id = ? AND received_at >= ? GROUP BY reason',
      [corpId, toDbTime(since)],
    );
    return Object.fromEntries(rows.map((r) => [r.reason, Number(r.n)]));
  }

  async merges(corpId: string, since: Date): Promise<number> {
    const rows = await this.ds.query<Array<{ n: number | string }>>('SELECT COUNT(*) AS n FROM customer_merge WHERE corp_id = ? AND at >= ?', [corpId, toDbTime(since)]);
    return Number(rows[0]?.n ?? 0);
  }

  async rejections(corpId: string, q: { reason?: string | undefined; limit: number; offset: number }): Promise<{ items: Array<{ at: string; source: string; reason: string; detail: string; sample: string | null }>; total: number }> {
    const where = q.reason ? 'corp_id = ? AND reason = ?' : 'corp_id = ?';
    const params = q.reason ? [corpId, q.reason] : [corpId];
    const [count] = await this.ds.query<Array<{ n: number | string }>>(`SELECT COUNT(*) AS n FROM tracking_rejection WHERE ${where}`, params);
    const rows = await this.ds.query<Array<{ received_at: string | Date; source: string; reason: string; detail: string; sample: string | null }>>(
      `SELECT received_at, source, reason, detail, sample FROM tracking_rejection WHERE ${where} ORDER BY received_at DESC, id DESC LIMIT ? OFFSET ?`,
      [...params, q.limit, q.offset],
    );
    return { total: Number(count?.n ?? 0), items: rows.map((r) => ({ at: fromDbTime(r.received_at).toISOString(), source: r.source, reason: r.reason, detail: r.detail, sample: r.sample })) };
  }
}
