import type { DataSource } from 'typeorm';
import { toDbTime } from '../db/naming';
import { chunk, placeholders } from '../db/sql-lists';
import { firstReaches, firstReachSql, reachColumn, reachStages, type FirstReach } from './stage-reach.plan';

/**
 * stage_reach: each customer's first instant per journey stage. Written beside every stage change
 * (a multi-row upsert that keeps the earlier instant), and recomputed from stage_transition for
 * customers whose history moved (the survivors of a merge) or for a whole corp.
 */
export class StageReachRepository {
  constructor(private readonly ds: DataSource) {}

  private get mysql(): boolean {
    return this.ds.options.type === 'mysql';
  }

  /** Folds stage changes in: a stage's instant is set, or moved earlier, never later. */
  async record(corpId: string, changes: Parameters<typeof firstReaches>[0]): Promise<void> {
    const firsts = [...firstReaches(changes)];
    const columns = reachStages.map(reachColumn);
    const keep = (c: string) =>
      this.mysql
        ? `${c} = CASE WHEN VALUES(${c}) IS NOT NULL AND (${c} IS NULL OR VALUES(${c}) < ${c}) THEN VALUES(${c}) ELSE ${c} END`
        : `${c} = CASE WHEN excluded.${c} IS NOT NULL AND (stage_reach.${c} IS NULL OR excluded.${c} < stage_reach.${c}) THEN excluded.${c} ELSE stage_reach.${c} END`;
    const tail = this.mysql ? `ON DUPLICATE KEY UPDATE ${columns.map(keep).join(', ')}` : `ON CONFLICT(customer_id) DO UPDATE SET ${columns.map(keep).join(', ')}`;
    for (const part of chunk(firsts, 300)) {
      const row = `(?, ?, ${placeholders(columns.length)})`;
      await this.ds.query(
        `INSERT INTO stage_reach (customer_id, corp_id, ${columns.join(', ')}) VALUES ${part.map(() => row).join(', ')} ${tail}`,
        part.flatMap(([customerId, first]: [string, FirstReach]) => [customerId, corpId, ...reachStages.map((s) => (first.has(s) ? toDbTime(first.get(s)!) : null))]),
      );
    }
  }

  /** Recomputes these customers' rows from their whole stage history (after a merge moved it). */
  async rebuildCustomers(customerIds: readonly string[]): Promise<void> {
    for (const part of chunk([...new Set(customerIds)], 500)) {
      await this.ds.query(`DELETE FROM stage_reach WHERE customer_id IN (${placeholders(part.length)})`, part);
      await this.ds.query(
        `INSERT INTO stage_reach (customer_id, corp_id, ${reachStages.map(reachColumn).join(', ')}) SELECT t.customer_id, MIN(t.corp_id), ${firstReachSql()} FROM stage_transition t WHERE t.customer_id IN (${placeholders(part.length)}) GROUP BY t.customer_id`,
        part,
      );
    }
  }

  /** Recomputes the corp's rows from its whole stage history (a repair, or data loaded without the writer). */
  async rebuildCorp(corpId: string): Promise<void> {
    await this.ds.query('DELETE FROM stage_reach WHERE corp_id = ?', [corpId]);
    await this.ds.query(
      `INSERT INTO stage_reach (customer_id, corp_id, ${reachStages.map(reachColumn).join(', ')}) SELECT t.customer_id, MIN(t.corp_id), ${firstReachSql()} FROM stage_transition t WHERE t.corp_id = ? GROUP BY t.customer_id`,
      [corpId],
    );
  }
}
