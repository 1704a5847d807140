import type { DataSource } from 'typeorm';
import type { JourneyStage } from '@lodestar/shared';
import { toDbTime } from '../db/naming';
import { chunk } from '../db/sql-lists';
import type { IdGenerator } from '../platform/ids';
import { StageReachRepository } from './stage-reach.repository';

/** One row of stage_transition: a customer's journey stage changed from `from` to `to` at `at`. */
export interface StageTransitionRow {
  corpId: string;
  customerId: string;
  from: JourneyStage | null;
  to: JourneyStage;
  at: Date;
}

/**
 * Writes the history of journey-stage changes the stage funnels read, and beside it each
 * customer's first reach of every stage (stage_reach, what the six-stage journey funnel reads).
 */
export class StageTransitionRepository {
  private readonly reach: StageReachRepository;

  constructor(
    private readonly ds: DataSource,
    private readonly ids: IdGenerator,
  ) {
    this.reach = new StageReachRepository(ds);
  }

  /** Records the changes of one evaluation, all at `at` (one multi-row INSERT per 500). */
  async record(corpId: string, changes: ReadonlyArray<{ customerId: string; from: JourneyStage | null; to: JourneyStage }>, at: Date): Promise<void> {
    await this.insertRows(changes.map((c) => ({ corpId, customerId: c.customerId, from: c.from, to: c.to, at })));
  }

  /** Rows with their own times (the sandbox's history). */
  async insertRows(rows: readonly StageTransitionRow[]): Promise<void> {
    for (const part of chunk(rows, 500)) {
      await this.ds.query(
        `INSERT INTO stage_transition (id, corp_id, customer_id, from_stage, to_stage, at) VALUES ${part.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}`,
        part.flatMap((r) => [this.ids.next(), r.corpId, r.customerId, r.from, r.to, toDbTime(r.at)]),
      );
    }
    const byCorp = new Map<string, StageTransitionRow[]>();
    for (const r of rows) {
      const list = byCorp.get(r.corpId) ?? [];
      list.push(r);
      byCorp.set(r.corpId, list);
    }
    for (const [corpId, list] of byCorp) await this.reach.record(corpId, list);
  }
}
