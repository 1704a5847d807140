import type { DataSource, EntityManager } from 'typeorm';
import type { LeadGrade } from '@lodestar/shared';
import { fromDbTime, toDbTime } from '../db/naming';
import { chunk, placeholders } from '../db/sql-lists';
import { withTransaction } from '../db/transaction';

export interface StoredScore {
  customerId: string;
  fit: number;
  engagement: number;
  score: number;
  grade: LeadGrade;
  probability: number | null;
  modelVersion: number | null;
  reasons: string;
  computedAt: Date;
}

export interface ScoreHistoryRow {
  id: string;
  customerId: string;
  fit: number;
  engagement: number;
  score: number;
  grade: LeadGrade;
  probability: number | null;
  cause: string;
  at: Date;
}

type Row = Record<string, unknown>;
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

const toScore = (r: Row): StoredScore => ({
  customerId: String(r.customer_id),
  fit: Number(r.fit),
  engagement: Number(r.engagement),
  score: Number(r.score),
  grade: r.grade as LeadGrade,
  probability: num(r.probability),
  modelVersion: num(r.model_version),
  reasons: String(r.reasons),
  computedAt: fromDbTime(r.computed_at as string),
});

/** Current scores (one row per customer, upserted in batches) and their history. */
export class LeadScoreRepository {
  constructor(private readonly ds: DataSource) {}

  async current(customerIds: readonly string[]): Promise<Map<string, StoredScore>> {
    const out = new Map<string, StoredScore>();
    for (const part of chunk(customerIds, 500)) {
      const rows = await this.ds.query<Row[]>(`SELECT * FROM lead_score WHERE customer_id IN (${placeholders(part.length)})`, part);
      for (const r of rows) out.set(String(r.customer_id), toScore(r));
    }
    return out;
  }

  /** Writes changed scores (500 rows a statement) and their history rows, in one transaction (one flush). */
  async save(corpId: string, scores: readonly StoredScore[], history: readonly ScoreHistoryRow[]): Promise<void> {
    if (!scores.length && !history.length) return;
    await withTransaction(this.ds, (em) => this.write(em, corpId, scores, history));
  }

  private async write(em: EntityManager, corpId: string, scores: readonly StoredScore[], history: readonly ScoreHistoryRow[]): Promise<void> {
    const mysql = this.ds.options.type === 'mysql';
    const cols = ['fit', 'engagement', 'score', 'grade', 'probability', 'model_version', 'reasons', 'computed_at'];
    const tail = mysql ? `ON DUPLICATE KEY UPDATE ${cols.map((c) => `${c} = VALUES(${c})`).join(', ')}` : `ON CONFLICT(customer_id) DO UPDATE SET ${cols.map((c) => `${c} = excluded.${c}`).join(', ')}`;
    for (const part of chunk(scores, 500)) {
      const values = part.flatMap((s) => [s.customerId, corpId, s.fit, s.engagement, s.score, s.grade, s.probability, s.modelVersion, s.reasons, toDbTime(s.computedAt)]);
      await em.query(
        `INSERT INTO lead_score (customer_id, corp_id, ${cols.join(', ')}) VALUES ${part.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')} ${tail}`,
        values,
      );
    }
    for (const part of chunk(history, 500)) {
      const values = part.flatMap((h) => [h.id, corpId, h.customerId, h.fit, h.engagement, h.score, h.grade, h.probability, h.cause, toDbTime(h.at)]);
      await em.query(
        `INSERT INTO lead_score_history (id, corp_id, customer_id, fit, engagement, score, grade, probability, cause, at) VALUES ${part.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
        values,
      );
    }
  }

  async history(customerId: string, limit: number): Promise<ScoreHistoryRow[]> {
    const rows = await this.ds.query<Row[]>(
      `SELECT id, customer_id, fit, engagement, score, grade, probability, cause, at FROM lead_score_history WHERE customer_id = ? ORDER BY at DESC, id DESC LIMIT ${Math.trunc(limit)}`,
      [customerId],
    );
    return rows.map((r) => ({
      id: String(r.id),
      customerId: String(r.customer_id),
      fit: Number(r.fit),
      engagement: Number(r.engagement),
      score: Number(r.score),
      grade: r.grade as LeadGrade,
      probability: num(r.probability),
      cause: String(r.cause),
      at: fromDbTime(r.at as string),
    }));
  }

  /** A page of the corp's unmerged customers by id, after `after`. */
  async customerPage(corpId: string, after: string, limit: number): Promise<string[]> {
    // By the primary key alone, the corp and merge checked per row: SQLite (no statistics) would
    // otherwise pick the (corp_id, name) index and scan the whole corp for every page.
    const out: string[] = [];
    let from = after;
    while (out.length < limit) {
      const rows = await this.ds.query<Row[]>(`SELECT id, corp_id, merged_into_id FROM customer WHERE id > ? ORDER BY id LIMIT ${Math.trunc(limit)}`, [from]);
      if (!rows.length) break;
      for (const r of rows) if (r.corp_id === corpId && r.merged_into_id == null && out.length < limit) out.push(String(r.id));
      from = String(rows[rows.length - 1]!.id);
    }
    return out;
  }

  async countCustomers(corpId: string): Promise<number> {
    const [row] = await this.ds.query<Row[]>('SELECT COUNT(*) AS n FROM customer WHERE corp_id = ? AND merged_into_id IS NULL', [corpId]);
    return Number(row?.n ?? 0);
  }

  async hasScores(corpId: string): Promise<boolean> {
    const rows = await this.ds.query<Row[]>('SELECT customer_id FROM lead_score WHERE corp_id = ? LIMIT 1', [corpId]);
    return rows.length > 0;
  }

  /** The id of a dictionary tag by group key and name, null when the corp has none. */
  async tagId(corpId: string, groupKey: string, name: string): Promise<string | null> {
    const [row] = await this.ds.query<Row[]>('SELECT t.id FROM tag t JOIN tag_group g ON g.id = t.group_id WHERE g.corp_id = ? AND g.`key` = ? AND t.name = ?', [corpId, groupKey, name]);
    return row ? String(row.id) : null;
  }

  async corpZone(corpId: string): Promise<string> {
    const [row] = await this.ds.query<Row[]>('SELECT timezone FROM corp WHERE id = ?', [corpId]);
    return (row?.timezone as string | undefined) || 'Asia/Shanghai';
  }
}
