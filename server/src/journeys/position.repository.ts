import type { DataSource, EntityManager } from 'typeorm';
import type { PositionStatus } from '@lodestar/shared';
import { changedRows } from '../db/changed-rows';
import { fromDbTime, toDbTime } from '../db/naming';
import { chunk, placeholders } from '../db/sql-lists';
import { retryOnDeadlock } from '../db/transaction';

/** A position row as the engine reads it. */
export interface PositionRecord {
  id: string;
  corpId: string;
  journeyId: string;
  versionId: string;
  customerId: string;
  instanceKey: string;
  stepId: string;
  status: PositionStatus;
  wakeAt: Date | null;
  /** When a waiting row's wait ends (an event may wake it earlier without moving this). */
  deadlineAt: Date | null;
  waitEvent: string | null;
  seq: number;
  entries: number;
  enteredAt: Date;
  stepEnteredAt: Date;
  runStartedAt: Date;
  heldSince: Date | null;
  goalUntil: Date | null;
  convertedAt: Date | null;
  visited: string | null;
}

/** The state a worker writes back for a group of claimed rows that ended the batch alike. */
export interface PositionOutcome {
  stepId: string;
  status: PositionStatus;
  wakeAt: Date | null;
  waitEvent: string | null;
  /** Steps taken in this batch (added to seq). */
  steps: number;
  /** Step ids passed in this batch, appended to `visited`. */
  passed: string;
  stepEnteredAt: Date;
  runStartedAt: Date;
  heldSince: Date | null;
  parkedReason: string | null;
}

const columns =
  'id, corp_id, journey_id, version_id, customer_id, instance_key, step_id, status, wake_at, deadline_at, wait_event, seq, entries, entered_at, step_entered_at, run_started_at, held_since, goal_until, converted_at, visited';

type Raw = Record<string, unknown>;
const time = (v: unknown): Date | null => (v === null || v === undefined ? null : fromDbTime(v as string | Date));

function toRecord(r: Raw): PositionRecord {
  return {
    id: r.id as string,
    corpId: r.corp_id as string,
    journeyId: r.journey_id as string,
    versionId: r.version_id as string,
    customerId: r.customer_id as string,
    instanceKey: r.instance_key as string,
    stepId: r.step_id as string,
    status: r.status as PositionStatus,
    wakeAt: time(r.wake_at),
    deadlineAt: time(r.deadline_at),
    waitEvent: (r.wait_event as string | null) ?? null,
    seq: Number(r.seq),
    entries: Number(r.entries),
    enteredAt: time(r.entered_at)!,
    stepEnteredAt: time(r.step_entered_at)!,
    runStartedAt: time(r.run_started_at)!,
    heldSince: time(r.held_since),
    goalUntil: time(r.goal_until),
    convertedAt: time(r.converted_at),
    visited: (r.visited as string | null) ?? null,
  };
}

/**
 * The engine's hot path on journey_position. Claims take due rows in wake-up order through the
 * (wake_at) index alone, so their cost does not grow with the number of customers waiting; the
 * claim moves wake_at to the lease's end, which both hides the rows from other workers and makes
 * them due again if this worker dies. Every write back is fenced by the claim's token.
 */
export class PositionRepository {
  private readonly mysql: boolean;
  constructor(private readonly ds: DataSource) {
    this.mysql = ds.options.type === 'mysql';
  }

  /**
   * Claims up to `limit` due rows for `owner` until `leaseUntil`; returns them as they were
   * before the claim (their wake time is what the step handlers reason about).
   */
  async claim(owner: string, token: string, now: Date, leaseUntil: Date, limit: number): Promise<PositionRecord[]> {
    const take = async (read: (sql: string, params: unknown[]) => Promise<unknown>, write: (sql: string, params: unknown[]) => Promise<number>): Promise<{ due: Raw[]; took: number }> => {
      // MariaDB/MySQL: SKIP LOCKED lets workers take disjoint batches instead of colliding on the first rows.
      const due = (await read(`SELECT ${columns} FROM journey_position WHERE wake_at <= ? ORDER BY wake_at LIMIT ${Number(limit)}${this.mysql ? ' FOR UPDATE SKIP LOCKED' : ''}`, [toDbTime(now)])) as Raw[];
      if (due.length === 0) return { due, took: 0 };
      const idList = due.map((d) => d.id as string);
      // The condition on wake_at makes the update take only rows nobody took since the read.
      const took = await write(`UPDATE journey_position SET wake_at = ?, lease_owner = ?, lease_token = ? WHERE id IN (${placeholders(idList.length)}) AND wake_at <= ?`, [
        toDbTime(leaseUntil),
        owner,
        token,
        ...idList,
        toDbTime(now),
      ]);
      return { due, took };
    };
    // SQLite needs no transaction here (the conditional update fences, the token read below tells
    // which rows are ours), and an idle poll then takes no lock another process would wait on.
    const { due: rows, took } = this.mysql
      ? await this.ds.transaction((em) =>
          take(
            (sql, params) => em.query(sql, params),
            (sql, params) => changedRows(em, sql, params),
          ),
        )
      : await take(
          (sql, params) => this.ds.query(sql, params),
          (sql, params) => changedRows(this.ds.manager, sql, params),
        );
    if (rows.length === 0) return [];
    // The update took every row it read: all are ours, no need to ask (on MySQL the locks always make it so).
    if (took === rows.length) return rows.map(toRecord);
    // Only rows this claim's update took (on SQLite another process may have taken some since the read).
    const held = (await this.ds.query(`SELECT id FROM journey_position WHERE id IN (${placeholders(rows.length)}) AND lease_token = ?`, [...rows.map((r) => r.id), token])) as Array<{ id: string }>;
    const mine = new Set(held.map((h) => h.id));
    return rows.filter((r) => mine.has(r.id as string)).map(toRecord);
  }

  /** Sets claimed rows of a paused journey aside: not due until the journey resumes (then due at once). */
  async setAside(token: string, ids: readonly string[], now: Date): Promise<number> {
    return changedRows(
      this.ds.manager,
      `UPDATE journey_position SET wake_at = NULL, paused_wake_at = ?, lease_owner = NULL, lease_token = NULL WHERE id IN (${placeholders(ids.length)}) AND lease_token = ?`,
      [toDbTime(now), ...ids, token],
    );
  }

  /**
   * Writes a batch back in one transaction, with what the batch counted: first the rows this claim
   * still holds (locked on MySQL), then those rows' outcomes, then `after` with their ids (the
   * stats of rows another worker took over are not counted twice; a crash loses neither).
   */
  async releaseBatch(token: string, groups: ReadonlyArray<{ ids: readonly string[]; outcome: PositionOutcome }>, now: Date, after: (em: EntityManager, held: ReadonlySet<string>) => Promise<void>): Promise<number> {
    // Rows are locked in id order; a deadlock with an enrolment's insert rolls back whole and runs again.
    return retryOnDeadlock(() => this.ds.transaction(async (em) => {
      const held = new Set<string>();
      for (const part of chunk(
        groups.flatMap((g) => g.ids).sort(),
        500,
      )) {
        const rows = (await em.query(`SELECT id FROM journey_position WHERE id IN (${placeholders(part.length)}) AND lease_token = ? ORDER BY id${this.mysql ? ' FOR UPDATE' : ''}`, [...part, token])) as Array<{ id: string }>;
        for (const r of rows) held.add(r.id);
      }
      for (const g of groups) {
        const mine = g.ids.filter((id) => held.has(id));
        if (mine.length) await this.releaseOn(em, token, mine, g.outcome, now);
      }
      await after(em, held);
      return held.size;
    }));
  }

  /** Writes back a group of rows that ended alike, only where this claim still holds them. */
  private async releaseOn(em: EntityManager, token: string, ids: readonly string[], o: PositionOutcome, now: Date): Promise<number> {
    let changed = 0;
    const concat = this.mysql ? 'CONCAT(COALESCE(visited, \',\'), ?)' : "COALESCE(visited, ',') || ?";
    for (const part of chunk(ids, 500)) {
      const result = await changedRows(em,
        `UPDATE journey_position SET step_id = ?, status = ?, wake_at = ?, deadline_at = ?, wait_event = ?, seq = seq + ?, visited = ${concat},
           step_entered_at = ?, run_started_at = ?, held_since = ?, parked_reason = ?, lease_owner = NULL, lease_token = NULL, updated_at = ?
         WHERE id IN (${placeholders(part.length)}) AND lease_token = ?`,
        [
          o.stepId,
          o.status,
          o.wakeAt ? toDbTime(o.wakeAt) : null,
          o.status === 'waiting' && o.wakeAt ? toDbTime(o.wakeAt) : null,
          o.waitEvent,
          o.steps,
          o.passed,
          toDbTime(o.stepEnteredAt),
          toDbTime(o.runStartedAt),
          o.heldSince ? toDbTime(o.heldSince) : null,
          o.parkedReason,
          toDbTime(now),
          ...part,
          token,
        ],
      );
      changed += result;
    }
    return changed;
  }

  /** Makes waiting rows of these customers due now when they wait for one of these events (no scan: by customer). */
  async wakeForEvents(customerIds: readonly string[], events: readonly string[], now: Date): Promise<number> {
    let woken = 0;
    for (const part of chunk(customerIds, 500)) {
      const result = await changedRows(this.ds.manager, 
        `UPDATE journey_position SET wake_at = ? WHERE customer_id IN (${placeholders(part.length)}) AND wait_event IN (${placeholders(events.length)})
           AND status = 'waiting' AND lease_token IS NULL AND wake_at > ?`,
        [toDbTime(now), ...part, ...events, toDbTime(now)],
      );
      woken += result;
    }
    return woken;
  }

  /** Makes these rows due now if they are waiting and not held by a worker (exit events, resume). */
  async wakeIds(ids: readonly string[], now: Date): Promise<number> {
    let woken = 0;
    for (const part of chunk(ids, 500)) {
      const result = await changedRows(this.ds.manager, 
        `UPDATE journey_position SET wake_at = ? WHERE id IN (${placeholders(part.length)}) AND status IN ('active', 'waiting') AND lease_token IS NULL AND wake_at > ?`,
        [toDbTime(now), ...part, toDbTime(now)],
      );
      woken += result;
    }
    return woken;
  }

  /** Every position of these customers (any status): goal and exit checks, enrolment. */
  async ofCustomers(customerIds: readonly string[]): Promise<PositionRecord[]> {
    const out: PositionRecord[] = [];
    for (const part of chunk(customerIds, 500)) {
      const rows = (await this.ds.query(`SELECT ${columns} FROM journey_position WHERE customer_id IN (${placeholders(part.length)})`, [...part])) as Raw[];
      out.push(...rows.map(toRecord));
    }
    return out;
  }

  /** Positions of one journey (any version) for these customers and instance key: re-entry checks. */
  async inJourney(journeyId: string, customerIds: readonly string[], instanceKey: string): Promise<PositionRecord[]> {
    const out: PositionRecord[] = [];
    for (const part of chunk(customerIds, 500)) {
      const rows = (await this.ds.query(`SELECT ${columns} FROM journey_position WHERE journey_id = ? AND customer_id IN (${placeholders(part.length)}) AND instance_key = ?`, [
        journeyId,
        ...part,
        instanceKey,
      ])) as Raw[];
      out.push(...rows.map(toRecord));
    }
    return out;
  }

  /**
   * New rows at the entry step, due now. A row another process made at the same moment (the
   * unique key) is skipped; returns the rows that went in.
   */
  async insertNew(
    rows: ReadonlyArray<{ id: string; customerId: string }>,
    at: { corpId: string; journeyId: string; versionId: string; instanceKey: string; stepId: string; goalUntil: Date | null },
    now: Date,
  ): Promise<Array<{ id: string; customerId: string }>> {
    if (rows.length === 0) return [];
    const ignore = this.mysql ? 'INSERT IGNORE' : 'INSERT OR IGNORE';
    const t = toDbTime(now);
    for (const part of chunk(rows, 200)) {
      await retryOnDeadlock(() => this.ds.query(
        `${ignore} INTO journey_position (id, corp_id, journey_id, version_id, customer_id, instance_key, step_id, status, wake_at, seq, entries, entered_at, step_entered_at, run_started_at, goal_until, updated_at)
         VALUES ${part.map(() => "(?, ?, ?, ?, ?, ?, ?, 'active', ?, 0, 1, ?, ?, ?, ?, ?)").join(', ')}`,
        part.flatMap((r) => [r.id, at.corpId, at.journeyId, at.versionId, r.customerId, at.instanceKey, at.stepId, t, t, t, t, at.goalUntil ? toDbTime(at.goalUntil) : null, t]),
      ));
    }
    const ids = rows.map((r) => r.id);
    const found = new Set<string>();
    for (const part of chunk(ids, 500)) {
      for (const r of (await this.ds.query(`SELECT id FROM journey_position WHERE id IN (${placeholders(part.length)})`, part)) as Array<{ id: string }>) found.add(r.id);
    }
    return rows.filter((r) => found.has(r.id));
  }

  /** Resets finished rows of this version for a new entry (re-entry); returns the customers that re-entered. */
  async reenter(ids: readonly string[], stepId: string, goalUntil: Date | null, now: Date): Promise<string[]> {
    if (ids.length === 0) return [];
    const t = toDbTime(now);
    for (const part of chunk(ids, 500)) {
      await changedRows(
        this.ds.manager,
        `UPDATE journey_position SET step_id = ?, status = 'active', wake_at = ?, deadline_at = NULL, wait_event = NULL, entries = entries + 1, entered_at = ?, step_entered_at = ?, run_started_at = ?,
           held_since = NULL, parked_reason = NULL, paused_wake_at = NULL, goal_until = ?, converted_at = NULL, visited = NULL, updated_at = ?
         WHERE id IN (${placeholders(part.length)}) AND status IN ('done', 'exited', 'holdout')`,
        [stepId, t, t, t, t, goalUntil ? toDbTime(goalUntil) : null, t, ...part],
      );
    }
    const out: string[] = [];
    for (const part of chunk(ids, 500)) {
      const rows = (await this.ds.query(`SELECT customer_id FROM journey_position WHERE id IN (${placeholders(part.length)}) AND status = 'active' AND entered_at = ?`, [...part, t])) as Array<{ customer_id: string }>;
      out.push(...rows.map((r) => r.customer_id));
    }
    return out;
  }

  /** Marks conversions (only rows not yet converted); returns the rows that converted now. */
  async convert(ids: readonly string[], at: Date): Promise<number> {
    let n = 0;
    for (const part of chunk(ids, 500)) {
      n += await changedRows(this.ds.manager, `UPDATE journey_position SET converted_at = ? WHERE id IN (${placeholders(part.length)}) AND converted_at IS NULL`, [toDbTime(at), ...part]);
    }
    return n;
  }

  /** Pauses a journey: keeps each row's wake time aside. Rows a worker holds are paused by the worker. */
  async pause(journeyId: string): Promise<number> {
    return changedRows(
      this.ds.manager,
      `UPDATE journey_position SET paused_wake_at = wake_at, wake_at = NULL WHERE journey_id = ? AND wake_at IS NOT NULL AND lease_token IS NULL AND status IN ('active', 'waiting')`, [
        journeyId,
      ],
    );
  }

  async resume(journeyId: string): Promise<number> {
    return changedRows(
      this.ds.manager,
      `UPDATE journey_position SET wake_at = paused_wake_at, paused_wake_at = NULL WHERE journey_id = ? AND paused_wake_at IS NOT NULL AND lease_token IS NULL`, [journeyId],
    );
  }

  /** Puts parked rows (failed sends and the like) back on their step, due now. */
  async resumeParked(journeyId: string, now: Date, ids?: readonly string[]): Promise<number> {
    const only = ids && ids.length > 0 ? ` AND id IN (${placeholders(ids.length)})` : '';
    return changedRows(
      this.ds.manager,
      `UPDATE journey_position SET status = 'active', wake_at = ?, parked_reason = NULL, updated_at = ? WHERE journey_id = ? AND status = 'parked'${only}`, [
        toDbTime(now),
        toDbTime(now),
        journeyId,
        ...(ids ?? []),
      ],
    );
  }

  /**
   * "Resume stuck customers": rows in progress that have no wake time (not paused, not parked),
   * which only a bug or a hand edit can leave behind, made due now. A lease that outlived its
   * worker needs no help: the lease's end is the row's wake time.
   */
  async resumeStuck(journeyId: string, now: Date): Promise<number> {
    return changedRows(
      this.ds.manager,
      `UPDATE journey_position SET wake_at = ?, lease_owner = NULL, lease_token = NULL WHERE journey_id = ? AND status IN ('active', 'waiting') AND wake_at IS NULL AND paused_wake_at IS NULL`,
      [toDbTime(now), journeyId],
    );
  }

  /** Rows waiting at each step of a version (the (version, step, status) index). */
  async waitingBySteps(versionId: string): Promise<Map<string, number>> {
    const rows = (await this.ds.query("SELECT step_id, COUNT(*) AS n FROM journey_position WHERE version_id = ? AND status = 'waiting' GROUP BY step_id", [versionId])) as Array<{ step_id: string; n: number | string }>;
    return new Map(rows.map((r) => [r.step_id, Number(r.n)]));
  }

  async statusCounts(versionId: string): Promise<Map<string, number>> {
    const rows = (await this.ds.query('SELECT status, COUNT(*) AS n FROM journey_position WHERE version_id = ? GROUP BY status', [versionId])) as Array<{ status: string; n: number | string }>;
    return new Map(rows.map((r) => [r.status, Number(r.n)]));
  }

  /** Customers and conversions, treated against held out (the goal's uplift). */
  async goalCounts(versionId: string): Promise<{ treated: number; treatedConverted: number; holdout: number; holdoutConverted: number }> {
    const rows = (await this.ds.query(
      "SELECT CASE WHEN status = 'holdout' THEN 1 ELSE 0 END AS held, COUNT(*) AS n, COUNT(converted_at) AS c FROM journey_position WHERE version_id = ? GROUP BY CASE WHEN status = 'holdout' THEN 1 ELSE 0 END",
      [versionId],
    )) as Array<{ held: number | string; n: number | string; c: number | string }>;
    const pick = (held: number) => rows.find((r) => Number(r.held) === held);
    return { treated: Number(pick(0)?.n ?? 0), treatedConverted: Number(pick(0)?.c ?? 0), holdout: Number(pick(1)?.n ?? 0), holdoutConverted: Number(pick(1)?.c ?? 0) };
  }

  /** Positions due at or before `at` (the sandbox clock drains them; the chaos test waits for zero). */
  async countDue(at: Date): Promise<number> {
    const [row] = (await this.ds.query('SELECT COUNT(*) AS n FROM journey_position WHERE wake_at <= ?', [toDbTime(at)])) as Array<{ n: number | string }>;
    return Number(row?.n ?? 0);
  }
}
