import type { DataSource } from 'typeorm';
import type { LeadGrade, LeadProductLine, LeadStatus } from '@lodestar/shared';
import { fromDbTime, toDbTime } from '../db/naming';
import { chunk, placeholders } from '../db/sql-lists';
import { isUniqueViolation, withTransaction, type Tx } from '../db/transaction';
import type { CallMove, CallPatch } from './call-outcome.plan';
import { readTallies, tallySql, type CallTally } from './connect-rate.query';
import { LeadMoveRecord } from './lead-move.entity';
import { LeadRecord } from './lead.entity';
import { LeadCallRecord, SeatGroupMemberRecord, SeatGroupRecord } from './seat-group.entity';

type Row = Record<string, unknown>;
const time = (v: unknown): Date | null => (v === null || v === undefined ? null : fromDbTime(v as string | Date));

export interface SeatMember {
  groupId: string;
  staffId: string;
  name: string;
}

export interface StaffCheck {
  id: string;
  name: string;
  status: string;
}

/** The lead fields a call reads. */
export interface LeadForCall {
  id: string;
  corpId: string;
  customerId: string;
  status: LeadStatus;
  seatGroupId: string | null;
  ownerStaffId: string | null;
}

export interface CallRow {
  id: string;
  leadId: string;
  seatGroupId: string;
  staffId: string;
  staffName: string | null;
  connected: boolean;
  intent: string;
  nextStep: string;
  note: string | null;
  durationSeconds: number | null;
  calledAt: Date;
}

export interface QueueRow {
  leadId: string;
  customerId: string;
  customerName: string;
  phoneMasked: string | null;
  productLine: LeadProductLine;
  sourceId: string;
  sourceName: string;
  detail: string;
  grade: LeadGrade | null;
  score: number | null;
  callbackAt: Date | null;
  due: boolean;
  createdAt: Date;
}

export interface GroupCounts {
  calling: number;
  due: number;
  calls: number;
  connected: number;
}

function toCall(r: Row): CallRow {
  return {
    id: String(r.id),
    leadId: String(r.lead_id),
    seatGroupId: String(r.seat_group_id),
    staffId: String(r.staff_id),
    staffName: (r.staff_name as string | null) ?? null,
    connected: Boolean(Number(r.connected)),
    intent: String(r.intent),
    nextStep: String(r.next_step),
    note: (r.note as string | null) ?? null,
    durationSeconds: r.duration_seconds === null || r.duration_seconds === undefined ? null : Number(r.duration_seconds),
    calledAt: fromDbTime(r.called_at as string | Date),
  };
}

const callColumns = `k.id, k.lead_id, k.seat_group_id, k.staff_id, s.name AS staff_name, k.connected, k.intent, k.next_step, k.note, k.duration_seconds, k.called_at`;

/** Seat groups with their members, the leads waiting in them, and the calls seats make. */
export class SeatGroupRepository {
  constructor(private readonly ds: DataSource) {}

  inTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return withTransaction(this.ds, fn);
  }

  async corpTimezone(corpId: string): Promise<string> {
    const [row] = await this.ds.query<Row[]>('SELECT timezone FROM corp WHERE id = ?', [corpId]);
    return (row?.timezone as string | null) ?? 'Asia/Shanghai';
  }

  async list(corpId: string): Promise<SeatGroupRecord[]> {
    const rows = await this.ds.query<Row[]>('SELECT id, corp_id, name, created_at, updated_at FROM seat_group WHERE corp_id = ? ORDER BY name, id', [corpId]);
    return rows.map(toGroup);
  }

  async find(corpId: string, id: string): Promise<SeatGroupRecord | null> {
    const [row] = await this.ds.query<Row[]>('SELECT id, corp_id, name, created_at, updated_at FROM seat_group WHERE corp_id = ? AND id = ?', [corpId, id]);
    return row ? toGroup(row) : null;
  }

  async nameTaken(corpId: string, name: string, exceptId?: string): Promise<boolean> {
    const rows = await this.ds.query<Row[]>('SELECT id FROM seat_group WHERE corp_id = ? AND name = ?', [corpId, name]);
    return rows.some((r) => String(r.id) !== exceptId);
  }

  /** Members of the groups, by name. */
  async members(groupIds: readonly string[]): Promise<SeatMember[]> {
    const out: SeatMember[] = [];
    for (const part of chunk([...new Set(groupIds)], 500)) {
      const rows = await this.ds.query<Row[]>(
        `SELECT m.group_id, m.staff_id, s.name FROM seat_group_member m LEFT JOIN staff_member s ON s.id = m.staff_id WHERE m.group_id IN (${placeholders(part.length)}) ORDER BY s.name, m.staff_id`,
        part,
      );
      for (const r of rows) out.push({ groupId: String(r.group_id), staffId: String(r.staff_id), name: String(r.name ?? r.staff_id) });
    }
    return out;
  }

  /** The groups a staff member calls for. */
  async groupsOf(corpId: string, staffId: string): Promise<string[]> {
    const rows = await this.ds.query<Row[]>('SELECT group_id FROM seat_group_member WHERE corp_id = ? AND staff_id = ?', [corpId, staffId]);
    return rows.map((r) => String(r.group_id));
  }

  async isMember(groupId: string, staffId: string): Promise<boolean> {
    const rows = await this.ds.query<Row[]>('SELECT 1 AS x FROM seat_group_member WHERE group_id = ? AND staff_id = ?', [groupId, staffId]);
    return rows.length > 0;
  }

  /** The staff members of the corp among `ids`, with their status. */
  async staff(corpId: string, ids: readonly string[]): Promise<StaffCheck[]> {
    const out: StaffCheck[] = [];
    for (const part of chunk([...new Set(ids)], 500)) {
      const rows = await this.ds.query<Row[]>(`SELECT id, name, status FROM staff_member WHERE corp_id = ? AND id IN (${placeholders(part.length)})`, [corpId, ...part]);
      for (const r of rows) out.push({ id: String(r.id), name: String(r.name), status: String(r.status) });
    }
    return out;
  }

  /** Saves the group and replaces its members; false when the name is taken (a race past nameTaken). */
  async save(group: SeatGroupRecord, memberIds: readonly string[], create: boolean): Promise<boolean> {
    try {
      await this.inTransaction(async (tx) => {
      if (create) await tx.getRepository(SeatGroupRecord).insert(group);
      else await tx.getRepository(SeatGroupRecord).update({ id: group.id }, { name: group.name, updatedAt: group.updatedAt });
      await tx.getRepository(SeatGroupMemberRecord).delete({ groupId: group.id });
      const rows: SeatGroupMemberRecord[] = memberIds.map((staffId) => ({ groupId: group.id, staffId, corpId: group.corpId, addedAt: group.updatedAt }));
      for (const part of chunk(rows, 200)) await tx.createQueryBuilder().insert().into(SeatGroupMemberRecord).values(part).updateEntity(false).execute();
      });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /**
   * Deletes the group and its members unless leads are calling in it or a lead source sends
   * leads to it; says what is in the way otherwise. Calls made by the group stay (history).
   */
  async remove(corpId: string, id: string): Promise<{ deleted: true } | { deleted: false; calling: number; sources: string[] }> {
    return this.inTransaction(async (tx) => {
      const [busy] = await tx.query<Row[]>(`SELECT COUNT(*) AS n FROM lead WHERE corp_id = ? AND seat_group_id = ? AND status = 'calling'`, [corpId, id]);
      const sources = (await tx.query<Row[]>('SELECT name FROM lead_source WHERE corp_id = ? AND seat_group_id = ? ORDER BY name', [corpId, id])).map((r) => String(r.name));
      const calling = Number(busy?.n ?? 0);
      if (calling > 0 || sources.length) return { deleted: false, calling, sources };
      await tx.getRepository(SeatGroupMemberRecord).delete({ groupId: id });
      await tx.getRepository(SeatGroupRecord).delete({ id, corpId });
      return { deleted: true };
    });
  }

  /** Per group: calling leads, due ones, and calls since `since` (connected or not). */
  async counts(corpId: string, groupIds: readonly string[], now: Date, since: Date): Promise<Map<string, GroupCounts>> {
    const out = new Map<string, GroupCounts>(groupIds.map((g) => [g, { calling: 0, due: 0, calls: 0, connected: 0 }]));
    const at = toDbTime(now);
    for (const part of chunk([...new Set(groupIds)], 500)) {
      const leads = await this.ds.query<Row[]>(
        `SELECT seat_group_id, COUNT(*) AS calling, SUM(CASE WHEN callback_at IS NULL OR callback_at <= ? THEN 1 ELSE 0 END) AS due
           FROM lead WHERE corp_id = ? AND status = 'calling' AND seat_group_id IN (${placeholders(part.length)}) GROUP BY seat_group_id`,
        [at, corpId, ...part],
      );
      for (const r of leads) Object.assign(out.get(String(r.seat_group_id))!, { calling: Number(r.calling), due: Number(r.due ?? 0) });
      const calls = await this.ds.query<Row[]>(
        `SELECT seat_group_id, COUNT(*) AS calls, SUM(CASE WHEN connected = 1 THEN 1 ELSE 0 END) AS connected
           FROM lead_call WHERE seat_group_id IN (${placeholders(part.length)}) AND called_at >= ? AND called_at <= ? GROUP BY seat_group_id`,
        [...part, toDbTime(since), at],
      );
      for (const r of calls) Object.assign(out.get(String(r.seat_group_id))!, { calls: Number(r.calls), connected: Number(r.connected ?? 0) });
    }
    return out;
  }

  /**
   * A page of the group's calling leads: due ones first, best first (grade A first, then score,
   * then oldest), then, with `includeLater`, the others by callback time.
   */
  async queue(corpId: string, groupId: string, now: Date, includeLater: boolean, limit: number, offset: number): Promise<{ rows: QueueRow[]; due: number; later: number }> {
    const at = toDbTime(now);
    const dueSql = '(l.callback_at IS NULL OR l.callback_at <= ?)';
    const only = includeLater ? '' : `AND ${dueSql}`;
    const rows = await this.ds.query<Row[]>(
      `SELECT l.id, l.customer_id, l.product_line, l.source_id, l.detail, l.callback_at, l.created_at,
              c.name AS customer_name, c.phone_masked, src.name AS source_name, ls.grade, ls.score,
              CASE WHEN ${dueSql} THEN 0 ELSE 1 END AS later
         FROM lead l
         JOIN customer c ON c.id = l.customer_id
         LEFT JOIN lead_source src ON src.id = l.source_id
         LEFT JOIN lead_score ls ON ls.customer_id = l.customer_id
        WHERE l.corp_id = ? AND l.seat_group_id = ? AND l.status = 'calling' ${only}
        ORDER BY later, CASE WHEN ${dueSql} THEN NULL ELSE l.callback_at END,
                 CASE WHEN ls.grade IS NULL THEN 'E' ELSE ls.grade END, ls.score DESC, l.created_at, l.id
        LIMIT ${Math.trunc(limit)} OFFSET ${Math.trunc(offset)}`,
      [at, corpId, groupId, ...(includeLater ? [] : [at]), at],
    );
    const [count] = await this.ds.query<Row[]>(
      `SELECT COUNT(*) AS n, SUM(CASE WHEN ${dueSql} THEN 1 ELSE 0 END) AS due FROM lead l WHERE l.corp_id = ? AND l.seat_group_id = ? AND l.status = 'calling'`,
      [at, corpId, groupId],
    );
    const due = Number(count?.due ?? 0);
    return {
      due,
      later: Number(count?.n ?? 0) - due,
      rows: rows.map((r) => ({
        leadId: String(r.id),
        customerId: String(r.customer_id),
        customerName: String(r.customer_name),
        phoneMasked: (r.phone_masked as string | null) ?? null,
        productLine: r.product_line as LeadProductLine,
        sourceId: String(r.source_id),
        sourceName: String(r.source_name ?? r.source_id),
        detail: String(r.detail),
        grade: (r.grade as LeadGrade | null) ?? null,
        score: r.score === null || r.score === undefined ? null : Number(r.score),
        callbackAt: time(r.callback_at),
        due: Number(r.later) === 0,
        createdAt: time(r.created_at)!,
      })),
    };
  }

  async lead(corpId: string, id: string): Promise<LeadForCall | null> {
    const [r] = await this.ds.query<Row[]>('SELECT id, corp_id, customer_id, status, seat_group_id, owner_staff_id FROM lead WHERE corp_id = ? AND id = ?', [corpId, id]);
    if (!r) return null;
    return {
      id: String(r.id),
      corpId: String(r.corp_id),
      customerId: String(r.customer_id),
      status: r.status as LeadStatus,
      seatGroupId: (r.seat_group_id as string | null) ?? null,
      ownerStaffId: (r.owner_staff_id as string | null) ?? null,
    };
  }

  /** Every call on these leads, oldest first. */
  async calls(leadIds: readonly string[]): Promise<CallRow[]> {
    const out: CallRow[] = [];
    for (const part of chunk([...new Set(leadIds)], 500)) {
      const rows = await this.ds.query<Row[]>(
        `SELECT ${callColumns} FROM lead_call k LEFT JOIN staff_member s ON s.id = k.staff_id WHERE k.lead_id IN (${placeholders(part.length)}) ORDER BY k.called_at, k.id`,
        part,
      );
      out.push(...rows.map(toCall));
    }
    return out;
  }

  async call(id: string): Promise<CallRow | null> {
    const [row] = await this.ds.query<Row[]>(`SELECT ${callColumns} FROM lead_call k LEFT JOIN staff_member s ON s.id = k.staff_id WHERE k.id = ?`, [id]);
    return row ? toCall(row) : null;
  }

  /** Calls in [from, to) per group and seat (connect-rate.query.ts); `groupIds` null: every group. */
  async tallies(corpId: string, from: Date, to: Date, groupIds: readonly string[] | null): Promise<CallTally[]> {
    if (groupIds && !groupIds.length) return [];
    const { sql, params } = tallySql(corpId, from, to, groupIds);
    return readTallies(await this.ds.query<Row[]>(sql, params));
  }

  /** Names of staff members and seat groups by id (for seats and groups seen only in old calls). */
  async names(ids: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const part of chunk([...new Set(ids)], 500)) {
      const list = placeholders(part.length);
      const rows = await this.ds.query<Row[]>(`SELECT id, name FROM staff_member WHERE id IN (${list}) UNION ALL SELECT id, name FROM seat_group WHERE id IN (${list})`, [...part, ...part]);
      for (const r of rows) out.set(String(r.id), String(r.name));
    }
    return out;
  }

  // Writes of one call, all inside the caller's transaction.

  /** Calls on the lead so far and how many of them did not connect, read inside the transaction. */
  async callCounts(tx: Tx, leadId: string): Promise<{ calls: number; unanswered: number }> {
    const [r] = await tx.query<Row[]>('SELECT COUNT(*) AS calls, SUM(CASE WHEN connected = 1 THEN 0 ELSE 1 END) AS unanswered FROM lead_call WHERE lead_id = ?', [leadId]);
    return { calls: Number(r?.calls ?? 0), unanswered: Number(r?.unanswered ?? 0) };
  }

  async insertCall(tx: Tx, call: LeadCallRecord): Promise<void> {
    await tx.getRepository(LeadCallRecord).insert(call);
  }

  /**
   * Takes the lead for this call: a conditional touch that holds its row (MySQL) until commit, so
   * two calls on one lead count each other's attempts. False when it is no longer calling in the group.
   */
  async holdForCall(tx: Tx, lead: LeadForCall, at: Date): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .update(LeadRecord)
      .set({ updatedAt: at })
      .where(`id = :id AND status = 'calling' AND seat_group_id = :groupId`, { id: lead.id, groupId: lead.seatGroupId })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Applies the call's patch if the lead is still calling in the same group; true when it did. */
  async moveCalledLead(tx: Tx, lead: LeadForCall, patch: CallPatch): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .update(LeadRecord)
      .set(patch)
      .where(`id = :id AND status = 'calling' AND seat_group_id = :groupId`, { id: lead.id, groupId: lead.seatGroupId })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  async addMoves(tx: Tx, lead: LeadForCall, moves: ReadonlyArray<CallMove & { id: string }>, actor: string, at: Date): Promise<void> {
    for (const m of moves) {
      const row: LeadMoveRecord = {
        id: m.id,
        corpId: lead.corpId,
        leadId: lead.id,
        customerId: lead.customerId,
        kind: m.kind,
        fromStaffId: null,
        toStaffId: null,
        ruleId: null,
        reason: m.reason.slice(0, 500),
        actor: actor.slice(0, 64),
        at,
      };
      await tx.getRepository(LeadMoveRecord).insert(row);
    }
  }

  /**
   * Puts the customer's phone numbers (their phone_hash identities) on the corp's do-not-contact
   * list; a number already there stays as it was. Returns how many numbers the customer has.
   */
  async addDoNotContact(tx: Tx, corpId: string, customerId: string, reason: string, addedBy: string, at: Date): Promise<number> {
    const hashes = (await tx.query<Row[]>(`SELECT value FROM customer_identity WHERE corp_id = ? AND customer_id = ? AND kind = 'phone_hash'`, [corpId, customerId])).map((r) => String(r.value));
    if (!hashes.length) return 0;
    const [customer] = await tx.query<Row[]>('SELECT phone_masked FROM customer WHERE id = ?', [customerId]);
    const masked = (customer?.phone_masked as string | null) ?? null;
    const tail = this.ds.options.type === 'mysql' ? 'ON DUPLICATE KEY UPDATE phone_hash = phone_hash' : 'ON CONFLICT(corp_id, phone_hash) DO NOTHING';
    for (const hash of hashes) {
      await tx.query(`INSERT INTO do_not_contact (corp_id, phone_hash, phone_masked, reason, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?) ${tail}`, [
        corpId,
        hash,
        masked,
        reason.slice(0, 200),
        addedBy,
        toDbTime(at),
      ]);
    }
    return hashes.length;
  }
}

function toGroup(r: Row): SeatGroupRecord {
  return { id: String(r.id), corpId: String(r.corp_id), name: String(r.name), createdAt: time(r.created_at)!, updatedAt: time(r.updated_at)! };
}
