import type { DataSource } from 'typeorm';
import type { EvaluationPeriod, EvaluationRow, EvaluationSnapshot, EvaluationTarget, EvaluationTargetInput, MetricKey } from '@lodestar/shared';
import { fromDbTime, toDbTime } from '../db/naming';
import { isUniqueViolation } from '../db/transaction';

type Row = Record<string, unknown>;

/** A snapshot as it is written: its key makes a scheduled one unique per period. */
export interface NewSnapshot {
  id: string;
  corpId: string;
  key: string;
  period: EvaluationPeriod;
  periodStart: Date;
  periodEnd: Date;
  takenAt: Date;
  trigger: 'schedule' | 'manual';
  rows: EvaluationRow[];
  offTrack: number;
}


const toTarget = (r: Row): EvaluationTarget => ({
  id: String(r.id),
  metric: r.metric as MetricKey,
  period: r.period as EvaluationPeriod,
  target: Number(r.target),
  tolerance: Number(r.tolerance),
  teamId: r.team_key ? String(r.team_key) : null,
  updatedBy: r.updated_by === null || r.updated_by === undefined ? null : String(r.updated_by),
  updatedAt: fromDbTime(r.updated_at as string).toISOString(),
});

/** A snapshot as stored: its local days are the service's to name (they need the corp's zone). */
export type StoredSnapshot = Omit<EvaluationSnapshot, 'firstDay' | 'lastDay'>;

const toSnapshot = (r: Row): StoredSnapshot => ({
  id: String(r.id),
  period: r.period as EvaluationPeriod,
  periodStart: fromDbTime(r.period_start as string).toISOString(),
  periodEnd: fromDbTime(r.period_end as string).toISOString(),
  takenAt: fromDbTime(r.taken_at as string).toISOString(),
  trigger: r.trigger_kind === 'manual' ? 'manual' : 'schedule',
  rows: JSON.parse(String(r.rows_json)) as EvaluationRow[],
  offTrack: Number(r.off_track),
});

const targetColumns = 'id, metric, `period`, team_key, `target`, tolerance, updated_by, updated_at';
const snapshotColumns = 'id, `period`, period_start, period_end, taken_at, trigger_kind, rows_json, off_track';

/** Targets per metric, period and team (one per corp + metric + period + team), and evaluation snapshots. */
export class EvaluationRepository {
  constructor(private readonly ds: DataSource) {}

  async listTargets(corpId: string, period?: EvaluationPeriod): Promise<EvaluationTarget[]> {
    const rows = await this.ds.query<Row[]>(
      `SELECT ${targetColumns} FROM analytics_target WHERE corp_id = ?${period ? ' AND `period` = ?' : ''} ORDER BY metric, \`period\`, team_key`,
      period ? [corpId, period] : [corpId],
    );
    return rows.map((r) => toTarget(r));
  }

  /** Sets the target of (metric, period, team): a new row, or the existing one changed in place (its id kept). */
  async upsertTarget(corpId: string, input: EvaluationTargetInput, meta: { id: string; by: string | null; at: Date }): Promise<EvaluationTarget> {
    const teamKey = input.teamId ?? '';
    const tail =
      this.ds.options.type === 'mysql'
        ? 'ON DUPLICATE KEY UPDATE `target` = VALUES(`target`), tolerance = VALUES(tolerance), updated_by = VALUES(updated_by), updated_at = VALUES(updated_at)'
        : 'ON CONFLICT(corp_id, metric, `period`, team_key) DO UPDATE SET `target` = excluded.`target`, tolerance = excluded.tolerance, updated_by = excluded.updated_by, updated_at = excluded.updated_at';
    await this.ds.query(
      `INSERT INTO analytics_target (id, corp_id, metric, \`period\`, team_key, \`target\`, tolerance, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ${tail}`,
      [meta.id, corpId, input.metric, input.period, teamKey, input.target, input.tolerance, meta.by, toDbTime(meta.at)],
    );
    const [row] = await this.ds.query<Row[]>(`SELECT ${targetColumns} FROM analytics_target WHERE corp_id = ? AND metric = ? AND \`period\` = ? AND team_key = ?`, [
      corpId,
      input.metric,
      input.period,
      teamKey,
    ]);
    if (!row) throw new Error(`analytics_target ${input.metric}/${input.period} vanished after its upsert`);
    return toTarget(row);
  }

  /** False when the corp has no such target. */
  async deleteTarget(corpId: string, id: string): Promise<boolean> {
    const [row] = await this.ds.query<Row[]>('SELECT id FROM analytics_target WHERE corp_id = ? AND id = ?', [corpId, id]);
    if (!row) return false;
    await this.ds.query('DELETE FROM analytics_target WHERE corp_id = ? AND id = ?', [corpId, id]);
    return true;
  }

  async hasSnapshot(key: string): Promise<boolean> {
    const [row] = await this.ds.query<Row[]>('SELECT id FROM analytics_snapshot WHERE snapshot_key = ?', [key]);
    return row !== undefined;
  }

  /**
   * Writes a snapshot unless one with its key exists: of two processes racing on the same key,
   * exactly one row lands and the other gets false.
   */
  async insertSnapshot(s: NewSnapshot): Promise<boolean> {
    try {
      await this.ds.query(
        'INSERT INTO analytics_snapshot (id, corp_id, snapshot_key, `period`, period_start, period_end, taken_at, trigger_kind, rows_json, off_track) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [s.id, s.corpId, s.key, s.period, toDbTime(s.periodStart), toDbTime(s.periodEnd), toDbTime(s.takenAt), s.trigger, JSON.stringify(s.rows), s.offTrack],
      );
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /** The corp's snapshots, latest taken first, of one period kind or all. */
  async listSnapshots(corpId: string, period: EvaluationPeriod | null, limit: number): Promise<StoredSnapshot[]> {
    const rows = await this.ds.query<Row[]>(
      `SELECT ${snapshotColumns} FROM analytics_snapshot WHERE corp_id = ?${period ? ' AND `period` = ?' : ''} ORDER BY taken_at DESC, id DESC LIMIT ${Math.trunc(limit)}`,
      period ? [corpId, period] : [corpId],
    );
    return rows.map(toSnapshot);
  }

  async getSnapshot(corpId: string, id: string): Promise<StoredSnapshot | null> {
    const [row] = await this.ds.query<Row[]>(`SELECT ${snapshotColumns} FROM analytics_snapshot WHERE corp_id = ? AND id = ?`, [corpId, id]);
    return row ? toSnapshot(row) : null;
  }

  /** Drops scheduled realtime snapshots taken before `before` (one every 5 minutes adds up). */
  async pruneRealtime(corpId: string, before: Date): Promise<number> {
    const [row] = await this.ds.query<Row[]>("SELECT COUNT(*) AS n FROM analytics_snapshot WHERE corp_id = ? AND `period` = 'realtime' AND trigger_kind = 'schedule' AND taken_at < ?", [
      corpId,
      toDbTime(before),
    ]);
    const n = Number(row?.n ?? 0);
    if (n) await this.ds.query("DELETE FROM analytics_snapshot WHERE corp_id = ? AND `period` = 'realtime' AND trigger_kind = 'schedule' AND taken_at < ?", [corpId, toDbTime(before)]);
    return n;
  }

  /** The corp's team names by id. */
  async teamNames(corpId: string): Promise<Map<string, string>> {
    const rows = await this.ds.query<Row[]>('SELECT id, name FROM team WHERE corp_id = ?', [corpId]);
    return new Map(rows.map((r) => [String(r.id), String(r.name)]));
  }
}
