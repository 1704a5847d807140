import type { DataSource } from 'typeorm';
import { fromDbTime } from '../db/naming';
import { isUniqueViolation } from '../db/transaction';
import { DomainError } from '../platform/errors';
import { IntentModelRecord } from './intent-model.entity';

type Row = Record<string, unknown>;

/** One customer's latest closed lead: the example the model learns from. */
export interface ClosedOutcome {
  customerId: string;
  won: boolean;
}

/** A stored version without its (larger) model JSON. */
export interface IntentModelSummaryRow {
  version: number;
  algorithm: string;
  metrics: string;
  active: boolean;
  trainedAt: Date;
}

/** The trained versions of a corp's intent model, and the outcomes they learn from. */
export class IntentModelRepository {
  constructor(private readonly ds: DataSource) {}

  async corpZone(corpId: string): Promise<string> {
    const [row] = await this.ds.query<Row[]>('SELECT timezone FROM corp WHERE id = ?', [corpId]);
    return row?.timezone ? String(row.timezone) : 'Asia/Shanghai';
  }

  /** Per customer, whether the most recently closed lead (won or lost) was won. */
  async closedOutcomes(corpId: string): Promise<ClosedOutcome[]> {
    const rows = await this.ds.query<Row[]>(
      `SELECT customer_id, status, closed_at, id FROM lead WHERE corp_id = ? AND status IN ('won', 'lost') AND closed_at IS NOT NULL`,
      [corpId],
    );
    const latest = new Map<string, { won: boolean; at: number; id: string }>();
    for (const r of rows) {
      const customerId = String(r.customer_id);
      const at = fromDbTime(r.closed_at as Date | string).getTime();
      const id = String(r.id);
      const seen = latest.get(customerId);
      if (!seen || at > seen.at || (at === seen.at && id > seen.id)) latest.set(customerId, { won: r.status === 'won', at, id });
    }
    return [...latest].map(([customerId, v]) => ({ customerId, won: v.won })).sort((a, b) => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0));
  }

  /**
   * Saves the next version (one more than the highest); with `active` it becomes the only active
   * one. Two trainings at once: the later insert meets the unique version and is told to retry.
   */
  async saveNext(row: Omit<IntentModelRecord, 'version'>): Promise<number> {
    try {
      return await this.ds.transaction(async (em) => {
        const [max] = await em.query<Row[]>('SELECT MAX(version) AS v FROM intent_model WHERE corp_id = ?', [row.corpId]);
        const version = Number(max?.v ?? 0) + 1;
        if (row.active) await em.getRepository(IntentModelRecord).update({ corpId: row.corpId }, { active: false });
        await em.getRepository(IntentModelRecord).insert({ ...row, version });
        return version;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('conflict', 'another training saved a model version at the same time: train again');
      throw error;
    }
  }

  /** The active version's number, or null (one small indexed read: cheap to ask per batch). */
  async activeVersion(corpId: string): Promise<number | null> {
    const [row] = await this.ds.query<Row[]>('SELECT version FROM intent_model WHERE corp_id = ? AND active = 1 ORDER BY version DESC LIMIT 1', [corpId]);
    return row ? Number(row.version) : null;
  }

  async find(corpId: string, version: number): Promise<IntentModelRecord | null> {
    return this.ds.getRepository(IntentModelRecord).findOne({ where: { corpId, version } });
  }

  /** Every version, newest first, without the model JSON. */
  async list(corpId: string): Promise<IntentModelSummaryRow[]> {
    const rows = await this.ds.query<Row[]>('SELECT version, algorithm, metrics, active, trained_at FROM intent_model WHERE corp_id = ? ORDER BY version DESC', [corpId]);
    return rows.map((r) => ({
      version: Number(r.version),
      algorithm: String(r.algorithm),
      metrics: String(r.metrics),
      active: Number(r.active) === 1 || r.active === true,
      trainedAt: fromDbTime(r.trained_at as Date | string),
    }));
  }

  /** Makes one version the only active one; false when there is no such version. */
  async activate(corpId: string, version: number): Promise<boolean> {
    return this.ds.transaction(async (em) => {
      const repo = em.getRepository(IntentModelRecord);
      if (!(await repo.exists({ where: { corpId, version } }))) return false;
      await repo.update({ corpId }, { active: false });
      await repo.update({ corpId, version }, { active: true });
      return true;
    });
  }
}
