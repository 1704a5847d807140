import type { DataSource } from 'typeorm';
import { fromDbTime, toDbTime } from '../db/naming';
import { placeholders } from '../db/sql-lists';
import { daySql } from './day-sql';
import { notMerged } from './metrics/metric-sql';
import type { DayRange } from './rollup.plan';
import { staffFilter, type AnalyticsScope } from './scope';

/** One staff member's actions over some days, as the staff rollup holds them. */
export interface StaffDayCounts {
  calls: number;
  connected: number;
  /** Every action agent activity counts: calls, staff messages, follow-ups, done tasks, sent SOP tasks. */
  actions: number;
}

/** The rollup's state for a corp: the days it holds and the last merge it folded in. */
export interface RollupState {
  built: DayRange | null;
  mergesThrough: Date | null;
}

type Row = Record<string, unknown>;
const n = (v: unknown): number => Number(v ?? 0) || 0;

/**
 * analytics_staff_day: per corp, local day and staff member, the actions the agent metrics count,
 * counted exactly as the live queries count them (merged customers' rows left out). A day range is
 * rebuilt in one transaction (delete, then one grouped INSERT … SELECT per range), so a reader sees
 * the old rows or the new ones, and two workers rebuilding the same days leave one set.
 */
export class StaffDayRepository {
  constructor(private readonly ds: DataSource) {}

  async state(corpId: string): Promise<RollupState> {
    const [row] = await this.ds.query<Row[]>('SELECT staff_from, staff_through, merges_through FROM analytics_rollup_state WHERE corp_id = ?', [corpId]);
    if (!row) return { built: null, mergesThrough: null };
    const built = row.staff_from && row.staff_through ? { from: String(row.staff_from), last: String(row.staff_through) } : null;
    return { built, mergesThrough: row.merges_through ? fromDbTime(row.merges_through as string) : null };
  }

  async saveState(corpId: string, s: RollupState, at: Date): Promise<void> {
    const values = [corpId, s.built?.from ?? null, s.built?.last ?? null, s.mergesThrough ? toDbTime(s.mergesThrough) : null, toDbTime(at)];
    const tail =
      this.ds.options.type === 'mysql'
        ? 'ON DUPLICATE KEY UPDATE staff_from = VALUES(staff_from), staff_through = VALUES(staff_through), merges_through = VALUES(merges_through), updated_at = VALUES(updated_at)'
        : 'ON CONFLICT(corp_id) DO UPDATE SET staff_from = excluded.staff_from, staff_through = excluded.staff_through, merges_through = excluded.merges_through, updated_at = excluded.updated_at';
    await this.ds.query(`INSERT INTO analytics_rollup_state (corp_id, staff_from, staff_through, merges_through, updated_at) VALUES (?, ?, ?, ?, ?) ${tail}`, values);
  }

  /**
   * Rebuilds the days of `range` ([start, end) as instants: the first instant of its first day and of
   * the day after its last), local days at `offsetMinutes` from UTC.
   */
  async rebuild(corpId: string, range: DayRange, start: Date, end: Date, offsetMinutes: number): Promise<void> {
    const sql = daySql(this.ds.options.type === 'mysql');
    const day = (column: string) => sql.localDay(column, offsetMinutes);
    const period = (column: string) => ` AND ${column} >= ? AND ${column} < ?`;
    const p = [corpId, toDbTime(start), toDbTime(end), corpId];
    const nm = (column: string) => notMerged(column, corpId).sql;
    const parts = [
      `SELECT ${day('k.called_at')} AS d, k.staff_id AS staff_id, COUNT(*) AS calls, SUM(CASE WHEN k.connected = 1 THEN 1 ELSE 0 END) AS connected, 0 AS messages, 0 AS follow_ups, 0 AS tasks_done, 0 AS sop_sent
         FROM lead_call k WHERE k.corp_id = ?${period('k.called_at')}${nm('k.customer_id')} GROUP BY ${day('k.called_at')}, k.staff_id`,
      `SELECT ${day('m.sent_at')}, m.staff_id, 0, 0, COUNT(*), 0, 0, 0
         FROM chat_message m WHERE m.corp_id = ? AND m.sender_kind = 'staff' AND m.action = 'send' AND m.staff_id IS NOT NULL${period('m.sent_at')}${nm('m.customer_id')} GROUP BY ${day('m.sent_at')}, m.staff_id`,
      `SELECT ${day('lm.at')}, lm.actor, 0, 0, 0, COUNT(*), 0, 0
         FROM lead_move lm WHERE lm.corp_id = ? AND lm.kind = 'activity' AND lm.actor <> 'system'${period('lm.at')}${nm('lm.customer_id')} GROUP BY ${day('lm.at')}, lm.actor`,
      `SELECT ${day('t.done_at')}, t.staff_id, 0, 0, 0, 0, COUNT(*), 0
         FROM agent_task t WHERE t.corp_id = ? AND t.status = 'done' AND t.staff_id IS NOT NULL${period('t.done_at')}${nm('t.customer_id')} GROUP BY ${day('t.done_at')}, t.staff_id`,
      `SELECT ${day('st.sent_at')}, st.owner_staff_id, 0, 0, 0, 0, 0, COUNT(*)
         FROM sop_task st WHERE st.corp_id = ? AND st.status IN ('sent', 'partly_sent')${period('st.sent_at')}${nm('st.target_id')} GROUP BY ${day('st.sent_at')}, st.owner_staff_id`,
    ];
    await this.ds.transaction(async (em) => {
      await em.query('DELETE FROM analytics_staff_day WHERE corp_id = ? AND `day` >= ? AND `day` <= ?', [corpId, range.from, range.last]);
      await em.query(
        'INSERT INTO analytics_staff_day (corp_id, `day`, staff_id, calls, connected, messages, follow_ups, tasks_done, sop_sent) ' +
          `SELECT ?, x.d, x.staff_id, SUM(x.calls), SUM(x.connected), SUM(x.messages), SUM(x.follow_ups), SUM(x.tasks_done), SUM(x.sop_sent) FROM (${parts.join(' UNION ALL ')}) x ` +
          'WHERE x.d >= ? AND x.d <= ? GROUP BY x.d, x.staff_id',
        [corpId, ...parts.flatMap(() => p), range.from, range.last],
      );
    });
  }

  /** Per staff member (in the scope's team), the actions of the days in `range`. */
  async read(scope: AnalyticsScope, range: DayRange): Promise<Map<string, StaffDayCounts>> {
    const f = staffFilter(scope, 'r.staff_id');
    const rows = await this.ds.query<Row[]>(
      'SELECT r.staff_id AS staff_id, SUM(r.calls) AS calls, SUM(r.connected) AS connected, SUM(r.calls + r.messages + r.follow_ups + r.tasks_done + r.sop_sent) AS actions ' +
        `FROM analytics_staff_day r WHERE r.corp_id = ? AND r.\`day\` >= ? AND r.\`day\` <= ?${f.sql} GROUP BY r.staff_id`,
      [scope.corpId, range.from, range.last, ...f.params],
    );
    return new Map(rows.map((r) => [String(r.staff_id), { calls: n(r.calls), connected: n(r.connected), actions: n(r.actions) }]));
  }

  /** Merges recorded after `since` (all when null), oldest first: the merged records and the last instant. */
  async mergesSince(corpId: string, since: Date | null): Promise<{ survivors: string[]; merged: string[]; last: Date | null }> {
    const rows = await this.ds.query<Row[]>(
      `SELECT survivor_id, merged_id, at FROM customer_merge WHERE corp_id = ?${since ? ' AND at > ?' : ''} ORDER BY at`,
      since ? [corpId, toDbTime(since)] : [corpId],
    );
    const last = rows.length ? fromDbTime(rows[rows.length - 1]!.at as string) : null;
    return { survivors: [...new Set(rows.map((r) => String(r.survivor_id)))], merged: [...new Set(rows.map((r) => String(r.merged_id)))], last };
  }

  /** The local days (within `range`) on which these customers have rows the staff rollup counts. */
  async daysOf(corpId: string, customerIds: readonly string[], range: DayRange, start: Date, end: Date, offsetMinutes: number): Promise<string[]> {
    if (!customerIds.length) return [];
    const sql = daySql(this.ds.options.type === 'mysql');
    const list = placeholders(customerIds.length);
    const sources: Array<[string, string, string]> = [
      ['lead_call', 'customer_id', 'called_at'],
      ['chat_message', 'customer_id', 'sent_at'],
      ['lead_move', 'customer_id', 'at'],
      ['agent_task', 'customer_id', 'done_at'],
      ['sop_task', 'target_id', 'sent_at'],
    ];
    const days = new Set<string>();
    for (const [table, customer, time] of sources) {
      const rows = await this.ds.query<Row[]>(
        `SELECT DISTINCT ${sql.localDay(`s.${time}`, offsetMinutes)} AS d FROM ${table} s WHERE s.corp_id = ? AND s.${customer} IN (${list}) AND s.${time} >= ? AND s.${time} < ?`,
        [corpId, ...customerIds, toDbTime(start), toDbTime(end)],
      );
      for (const r of rows) if (String(r.d) >= range.from && String(r.d) <= range.last) days.add(String(r.d));
    }
    return [...days].sort();
  }
}
