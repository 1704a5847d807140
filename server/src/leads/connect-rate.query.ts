import type { ConnectRate } from '@lodestar/shared';
import { toDbTime } from '../db/naming';
import { placeholders } from '../db/sql-lists';

/** Calls and connected calls of one seat in one group. */
export interface CallTally {
  groupId: string;
  staffId: string;
  calls: number;
  connected: number;
}

export interface RateGroup {
  id: string;
  name: string;
  members: ReadonlyArray<{ id: string; name: string }>;
}

const rate = (calls: number, connected: number): number | null => (calls ? connected / calls : null);

/**
 * Connect rates (connected calls / calls) per seat, per group and overall, from the tallies.
 * Groups listed in `groups` appear even without calls, their members as seats with rate null; a
 * group or seat seen only in the calls (since deleted or left) appears under its id or `names`.
 */
export function connectRates(window: { from: Date; to: Date }, groups: readonly RateGroup[], tallies: readonly CallTally[], names: ReadonlyMap<string, string>): ConnectRate {
  const groupName = new Map(groups.map((g) => [g.id, g.name]));
  const byGroup = new Map<string, { calls: number; connected: number }>(groups.map((g) => [g.id, { calls: 0, connected: 0 }]));
  const seats = new Map<string, { id: string; groupId: string; calls: number; connected: number }>();
  for (const g of groups) for (const m of g.members) seats.set(`${g.id}|${m.id}`, { id: m.id, groupId: g.id, calls: 0, connected: 0 });
  let calls = 0;
  let connected = 0;
  for (const t of tallies) {
    const g = byGroup.get(t.groupId) ?? { calls: 0, connected: 0 };
    byGroup.set(t.groupId, { calls: g.calls + t.calls, connected: g.connected + t.connected });
    const key = `${t.groupId}|${t.staffId}`;
    const s = seats.get(key) ?? { id: t.staffId, groupId: t.groupId, calls: 0, connected: 0 };
    seats.set(key, { ...s, calls: s.calls + t.calls, connected: s.connected + t.connected });
    calls += t.calls;
    connected += t.connected;
  }
  const memberName = new Map(groups.flatMap((g) => g.members.map((m) => [m.id, m.name] as const)));
  const nameOf = (id: string) => memberName.get(id) ?? names.get(id) ?? id;
  return {
    from: window.from.toISOString(),
    to: window.to.toISOString(),
    groups: [...byGroup]
      .map(([id, t]) => ({ id, name: groupName.get(id) ?? names.get(id) ?? id, ...t, rate: rate(t.calls, t.connected) }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)),
    seats: [...seats.values()]
      .map((s) => ({ id: s.id, name: nameOf(s.id), groupId: s.groupId, calls: s.calls, connected: s.connected, rate: rate(s.calls, s.connected) }))
      .sort((a, b) => a.groupId.localeCompare(b.groupId) || b.calls - a.calls || a.name.localeCompare(b.name) || a.id.localeCompare(b.id)),
    overall: { calls, connected, rate: rate(calls, connected) },
  };
}

/** The instant a local calendar day (YYYY-MM-DD) starts in a time zone. */
export function localDayStart(day: string, timeZone: string): Date {
  const wall = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
  let at = wall;
  // Two rounds settle a day that starts just after an offset change.
  for (let i = 0; i < 2; i++) at = wall - offsetAt(at, timeZone);
  return new Date(at);
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
function offsetAt(at: number, timeZone: string): number {
  let f = offsetFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    offsetFormatters.set(timeZone, f);
  }
  const part = Object.fromEntries(f.formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  const wall = Date.UTC(Number(part.year), Number(part.month) - 1, Number(part.day), Number(part.hour), Number(part.minute), Number(part.second));
  return wall - Math.floor(at / 1000) * 1000;
}

export interface CallSql {
  sql: string;
  params: Array<string | number>;
}

/**
 * The outbound-call tallies behind the connect rate: calls in [from, to) per group and seat, one
 * range scan of idx_lead_call_corp. `groupIds` null: every group of the corp.
 */
export function tallySql(corpId: string, from: Date, to: Date, groupIds: readonly string[] | null): CallSql {
  const only = groupIds ? `AND seat_group_id IN (${groupIds.length ? placeholders(groupIds.length) : 'NULL'})` : '';
  return {
    sql: `SELECT seat_group_id, staff_id, COUNT(*) AS calls, SUM(CASE WHEN connected = 1 THEN 1 ELSE 0 END) AS connected
            FROM lead_call WHERE corp_id = ? AND called_at >= ? AND called_at < ? ${only}
           GROUP BY seat_group_id, staff_id`,
    params: [corpId, toDbTime(from), toDbTime(to), ...(groupIds ?? [])],
  };
}

export function readTallies(rows: ReadonlyArray<Record<string, unknown>>): CallTally[] {
  return rows.map((r) => ({ groupId: String(r.seat_group_id), staffId: String(r.staff_id), calls: Number(r.calls), connected: Number(r.connected ?? 0) }));
}
