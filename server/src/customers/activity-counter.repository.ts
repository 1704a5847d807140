import type { EntityManager } from 'typeorm';
import { advanceStreak, sumIncrements, type CountIncrement, type StreakState } from './activity-counter.plan';
import { chunk } from '../db/sql-lists';


/** Keeps the daily activity counts and streaks current on ingest, with one upsert per chunk. */
export class ActivityCounterRepository {
  /** Adds the increments (summed per customer, counter and day) to activity_count. */
  async add(em: EntityManager, increments: readonly CountIncrement[]): Promise<void> {
    const mysql = em.connection.options.type === 'mysql';
    const tail = mysql ? 'ON DUPLICATE KEY UPDATE `count` = `count` + VALUES(`count`)' : 'ON CONFLICT(customer_id, counter_key, `day`) DO UPDATE SET `count` = `count` + excluded.`count`';
    for (const part of chunk(sumIncrements(increments), 500)) {
      const sql = `INSERT INTO activity_count (customer_id, counter_key, \`day\`, corp_id, \`count\`) VALUES ${part.map(() => '(?,?,?,?,?)').join(',')} ${tail}`;
      await em.query(
        sql,
        part.flatMap((r) => [r.customerId, r.counterKey, r.day, r.corpId, r.count]),
      );
    }
  }

  /** Moves each (customer, counter) streak forward to the days it saw activity on. */
  async advanceStreaks(em: EntityManager, activity: ReadonlyArray<{ customerId: string; corpId: string; counterKey: string; day: string }>): Promise<void> {
    if (!activity.length) return;
    const mysql = em.connection.options.type === 'mysql';
    const byPair = new Map<string, { customerId: string; corpId: string; counterKey: string; days: string[] }>();
    for (const a of activity) {
      const k = `${a.customerId}|${a.counterKey}`;
      const entry = byPair.get(k) ?? { customerId: a.customerId, corpId: a.corpId, counterKey: a.counterKey, days: [] };
      entry.days.push(a.day);
      byPair.set(k, entry);
    }
    const customers = [...new Set(activity.map((a) => a.customerId))];
    const existing = new Map<string, StreakState>();
    for (const part of chunk(customers, 500)) {
      const rows = await em.query<Array<{ customer_id: string; counter_key: string; current: number; best: number; last_day: string }>>(
        `SELECT customer_id, counter_key, \`current\`, best, last_day FROM activity_streak WHERE customer_id IN (${part.map(() => '?').join(',')})`,
        part,
      );
      for (const r of rows) existing.set(`${r.customer_id}|${r.counter_key}`, { current: Number(r.current), best: Number(r.best), lastDay: r.last_day });
    }
    const changed: Array<{ customerId: string; corpId: string; counterKey: string; state: StreakState }> = [];
    for (const [k, e] of byPair) {
      const before = existing.get(k) ?? null;
      let state = before;
      for (const day of [...new Set(e.days)].sort()) state = advanceStreak(state, day);
      if (state && state !== before) changed.push({ customerId: e.customerId, corpId: e.corpId, counterKey: e.counterKey, state });
    }
    const tail = mysql
      ? 'ON DUPLICATE KEY UPDATE `current` = VALUES(`current`), best = VALUES(best), last_day = VALUES(last_day)'
      : 'ON CONFLICT(customer_id, counter_key) DO UPDATE SET `current` = excluded.`current`, best = excluded.best, last_day = excluded.last_day';
    changed.sort((a, b) => (a.customerId + a.counterKey < b.customerId + b.counterKey ? -1 : 1));
    for (const part of chunk(changed, 500)) {
      await em.query(
        `INSERT INTO activity_streak (customer_id, counter_key, corp_id, \`current\`, best, last_day) VALUES ${part.map(() => '(?,?,?,?,?,?)').join(',')} ${tail}`,
        part.flatMap((c) => [c.customerId, c.counterKey, c.corpId, c.state.current, c.state.best, c.state.lastDay]),
      );
    }
  }
}
