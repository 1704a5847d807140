import type { DataSource } from 'typeorm';
import type { JourneyStage, SegmentRule } from '@lodestar/shared';
import { fromDbTime, toDbTime } from '../db/naming';
import { StageRule } from './stage-rule.entity';
import type { StageRuleEntry } from './stage.plan';
import { placeholders } from '../db/sql-lists';


/** The corp's own stage rules, and the customers' stored stages. Rules are evaluated through SegmentRepository. */
export class StageRepository {
  constructor(private readonly ds: DataSource) {}

  async storedRules(corpId: string): Promise<Array<StageRuleEntry & { updatedAt: Date }>> {
    const rows = await this.ds.getRepository(StageRule).find({ where: { corpId } });
    return rows.map((r) => ({ stage: r.stage, rule: JSON.parse(r.rule) as SegmentRule | null, updatedAt: fromDbTime(r.updatedAt) }));
  }

  /** Replaces the corp's rows: `save` are stored, every other stage goes back to its default. */
  async replaceRules(corpId: string, save: readonly StageRuleEntry[], by: string | null, at: Date): Promise<void> {
    await this.ds.transaction(async (em) => {
      await em.getRepository(StageRule).delete({ corpId });
      if (save.length) await em.getRepository(StageRule).insert(save.map((r): StageRule => ({ corpId, stage: r.stage, rule: JSON.stringify(r.rule), updatedBy: by, updatedAt: at })));
    });
  }

  /** The stored stage of each live (not merged) customer among `customerIds` (at most a chunk). */
  async currentStages(corpId: string, customerIds: readonly string[]): Promise<Map<string, JourneyStage>> {
    if (customerIds.length === 0) return new Map();
    const rows = await this.ds.query<Array<{ id: string; stage: JourneyStage }>>(
      `SELECT id, stage FROM customer WHERE corp_id = ? AND merged_into_id IS NULL AND id IN (${placeholders(customerIds.length)})`,
      [corpId, ...customerIds],
    );
    return new Map(rows.map((r) => [r.id, r.stage]));
  }

  async setStage(corpId: string, customerIds: readonly string[], stage: JourneyStage, at: Date): Promise<void> {
    if (customerIds.length === 0) return;
    const t = toDbTime(at);
    await this.ds.query(`UPDATE customer SET stage = ?, stage_changed_at = ?, updated_at = ? WHERE corp_id = ? AND id IN (${placeholders(customerIds.length)})`, [stage, t, t, corpId, ...customerIds]);
  }

  /** The next page of live customer ids after `afterId`, in id order (to walk the whole corp). */
  async customerIdsAfter(corpId: string, afterId: string, limit: number): Promise<string[]> {
    const rows = await this.ds.query<{ id: string }[]>(`SELECT id FROM customer WHERE corp_id = ? AND merged_into_id IS NULL AND id > ? ORDER BY id LIMIT ${Math.trunc(limit)}`, [corpId, afterId]);
    return rows.map((r) => r.id);
  }
}
