import type { DataSource, EntityManager } from 'typeorm';
import type { LeadGrade, LeadListQuery, LeadMoveKind, LeadStatus, Seniority, WorkingHours } from '@lodestar/shared';
import { fromDbTime, toDbTime } from '../db/naming';
import { chunk, placeholders } from '../db/sql-lists';
import { withTransaction } from '../db/transaction';
import type { AssignmentCandidate } from './assignment.plan';
import { LeadMoveRecord } from './lead-move.entity';
import { LeadRecord } from './lead.entity';
import type { LeadReturn } from './sla.plan';

type Row = Record<string, unknown>;
const time = (v: unknown): Date | null => (v === null || v === undefined ? null : fromDbTime(v as string));
const json = <T>(v: unknown): T | null => (v === null || v === undefined || v === '' ? null : (JSON.parse(String(v)) as T));

/** A lead with what the console, the sidebar and the rules read beside it. */
export interface LeadRow extends LeadRecord {
  customerName: string;
  phoneMasked: string | null;
  customerOwnerId: string | null;
  sourceName: string;
  sourceKind: string;
  grade: LeadGrade | null;
  score: number | null;
  reasons: string | null;
  ownerName: string | null;
}

/** Who sees which leads: an agent their own and the pool, a team lead their team's and the pool. */
export type LeadScope = { kind: 'corp'; corpId: string } | { kind: 'team'; corpId: string; teamId: string | null } | { kind: 'agent'; corpId: string; staffId: string };

const leadColumns = [
  'id',
  'corp_id',
  'customer_id',
  'product_line',
  'source_id',
  'detail',
  'status',
  'open_key',
  'owner_staff_id',
  'seat_group_id',
  'assigned_at',
  'first_touched_at',
  'last_activity_at',
  'sla_deadline',
  'remind_at',
  'reminded_at',
  'callback_at',
  'reject_reason',
  'outcome',
  'created_at',
  'updated_at',
  'closed_at',
];

const selectLeads = `SELECT ${leadColumns.map((c) => `l.${c}`).join(', ')},
    c.name AS customer_name, c.phone_masked, c.owner_staff_id AS customer_owner_id,
    s.name AS source_name, s.definition AS source_definition,
    ls.grade, ls.score, ls.reasons, o.name AS owner_name
  FROM \`lead\` l
  JOIN customer c ON c.id = l.customer_id
  JOIN lead_source s ON s.id = l.source_id
  LEFT JOIN lead_score ls ON ls.customer_id = l.customer_id
  LEFT JOIN staff_member o ON o.id = l.owner_staff_id`;

function toLead(r: Row): LeadRow {
  return {
    id: String(r.id),
    corpId: String(r.corp_id),
    customerId: String(r.customer_id),
    productLine: r.product_line as LeadRow['productLine'],
    sourceId: String(r.source_id),
    detail: String(r.detail),
    status: r.status as LeadStatus,
    openKey: (r.open_key as string | null) ?? null,
    ownerStaffId: (r.owner_staff_id as string | null) ?? null,
    seatGroupId: (r.seat_group_id as string | null) ?? null,
    assignedAt: time(r.assigned_at),
    firstTouchedAt: time(r.first_touched_at),
    lastActivityAt: time(r.last_activity_at),
    slaDeadline: time(r.sla_deadline),
    remindAt: time(r.remind_at),
    remindedAt: time(r.reminded_at),
    callbackAt: time(r.callback_at),
    rejectReason: (r.reject_reason as string | null) ?? null,
    outcome: (r.outcome as string | null) ?? null,
    createdAt: time(r.created_at)!,
    updatedAt: time(r.updated_at)!,
    closedAt: time(r.closed_at),
    customerName: String(r.customer_name),
    phoneMasked: (r.phone_masked as string | null) ?? null,
    customerOwnerId: (r.customer_owner_id as string | null) ?? null,
    sourceName: String(r.source_name),
    sourceKind: json<{ kind: string }>(r.source_definition)?.kind ?? 'unknown',
    grade: (r.grade as LeadGrade | null) ?? null,
    score: r.score === null || r.score === undefined ? null : Number(r.score),
    reasons: (r.reasons as string | null) ?? null,
    ownerName: (r.owner_name as string | null) ?? null,
  };
}

function scopeSql(scope: LeadScope): { sql: string; params: unknown[] } {
  switch (scope.kind) {
    case 'corp':
      return { sql: 'l.corp_id = ?', params: [scope.corpId] };
    case 'team':
      return {
        sql: `l.corp_id = ? AND (l.status = 'pool' OR l.owner_staff_id IN (SELECT id FROM staff_member WHERE team_id = ?))`,
        params: [scope.corpId, scope.teamId ?? ''],
      };
    case 'agent':
      return { sql: `l.corp_id = ? AND (l.status = 'pool' OR l.owner_staff_id = ?)`, params: [scope.corpId, scope.staffId] };
  }
}

export interface MoveInput {
  kind: LeadMoveKind;
  fromStaffId?: string | null;
  toStaffId?: string | null;
  ruleId?: string | null;
  reason: string;
  actor: string;
}

/** Leads, their moves, and what assignment reads: agents with their load, the rules' cursors. */
export class LeadRepository {
  constructor(private readonly ds: DataSource) {}

  /** Runs `fn` in one transaction; the writes below take its manager. */
  inTransaction<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    return withTransaction(this.ds, fn);
  }

  async get(corpId: string, id: string): Promise<LeadRow | null> {
    const [row] = await this.ds.query<Row[]>(`${selectLeads} WHERE l.corp_id = ? AND l.id = ?`, [corpId, id]);
    return row ? toLead(row) : null;
  }

  async many(corpId: string, ids: readonly string[]): Promise<LeadRow[]> {
    const out: LeadRow[] = [];
    for (const part of chunk(ids, 500)) out.push(...(await this.ds.query<Row[]>(`${selectLeads} WHERE l.corp_id = ? AND l.id IN (${placeholders(part.length)})`, [corpId, ...part])).map(toLead));
    return out;
  }

  /** A page of leads the scope sees, hottest first (grade, then score, then oldest). */
  async list(scope: LeadScope, q: LeadListQuery): Promise<{ items: LeadRow[]; total: number }> {
    const s = scopeSql(scope);
    const where = [s.sql];
    const params = [...s.params];
    const add = (sql: string, value: unknown) => {
      where.push(sql);
      params.push(value);
    };
    if (q.status) add('l.status = ?', q.status);
    if (q.open === 'true') where.push('l.open_key IS NOT NULL');
    if (q.open === 'false') where.push('l.open_key IS NULL');
    if (q.grade) add('ls.grade = ?', q.grade);
    if (q.ownerStaffId) add('l.owner_staff_id = ?', q.ownerStaffId);
    if (q.sourceId) add('l.source_id = ?', q.sourceId);
    if (q.productLine) add('l.product_line = ?', q.productLine);
    if (q.customerId) add('l.customer_id = ?', q.customerId);
    const clause = where.join(' AND ');
    const order = `ORDER BY CASE WHEN ls.grade IS NULL THEN 'E' ELSE ls.grade END, ls.score DESC, l.created_at, l.id`;
    const rows = await this.ds.query<Row[]>(`${selectLeads} WHERE ${clause} ${order} LIMIT ${Math.trunc(q.limit)} OFFSET ${Math.trunc(q.offset)}`, params);
    const [count] = await this.ds.query<Row[]>(`SELECT COUNT(*) AS n FROM \`lead\` l LEFT JOIN lead_score ls ON ls.customer_id = l.customer_id WHERE ${clause}`, params);
    return { items: rows.map(toLead), total: Number(count?.n ?? 0) };
  }

  /** Leads waiting for the assignment rules: ready ones, and pool ones (oldest first). */
  async waiting(corpId: string, limit: number, ids?: readonly string[]): Promise<LeadRow[]> {
    const only = ids ? `AND l.id IN (${placeholders(ids.length)})` : '';
    if (ids && !ids.length) return [];
    const rows = await this.ds.query<Row[]>(`${selectLeads} WHERE l.corp_id = ? AND l.status IN ('ready', 'pool') ${only} ORDER BY l.status DESC, l.updated_at, l.id LIMIT ${Math.trunc(limit)}`, [
      corpId,
      ...(ids ?? []),
    ]);
    return rows.map(toLead);
  }

  /** Customers of the list who hold an active orphan policy. */
  async orphanHolders(customerIds: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (const part of chunk([...new Set(customerIds)], 500)) {
      const rows = await this.ds.query<Row[]>(`SELECT DISTINCT customer_id FROM policy WHERE status = 'active' AND orphaned_at IS NOT NULL AND customer_id IN (${placeholders(part.length)})`, part);
      for (const r of rows) out.add(String(r.customer_id));
    }
    return out;
  }

  /** Active agents of the corp with their team, hours and open (assigned) leads. */
  async candidates(corpId: string): Promise<Array<AssignmentCandidate & { name: string }>> {
    const rows = await this.ds.query<Row[]>(
      `SELECT s.id, s.name, s.team_id, t.name AS team_name, s.seniority, s.skills, s.status, s.capacity, s.weight, s.working_hours, t.working_hours AS team_hours,
              (SELECT COUNT(*) FROM \`lead\` l WHERE l.owner_staff_id = s.id AND l.status = 'assigned') AS open_leads
         FROM staff_member s LEFT JOIN team t ON t.id = s.team_id
        WHERE s.corp_id = ? AND s.role = 'agent'`,
      [corpId],
    );
    return rows.map((r) => ({
      id: String(r.id),
      name: String(r.name),
      teamId: (r.team_id as string | null) ?? null,
      teamName: (r.team_name as string | null) ?? null,
      seniority: r.seniority as Seniority,
      skills: json<string[]>(r.skills) ?? [],
      status: r.status as 'active' | 'left',
      openLeads: Number(r.open_leads),
      capacity: r.capacity === null || r.capacity === undefined ? null : Number(r.capacity),
      weight: r.weight === null || r.weight === undefined ? 1 : Number(r.weight),
      workingHours: json<WorkingHours>(r.working_hours) ?? json<WorkingHours>(r.team_hours),
    }));
  }

  /** Leads taken back from (or given back by) agents since `since`, for the cooldown. */
  async returnsSince(corpId: string, customerIds: readonly string[], since: Date): Promise<LeadReturn[]> {
    const out: LeadReturn[] = [];
    for (const part of chunk([...new Set(customerIds)], 500)) {
      const rows = await this.ds.query<Row[]>(
        `SELECT customer_id, from_staff_id, at FROM lead_move WHERE corp_id = ? AND kind IN ('returned', 'released') AND at >= ? AND from_staff_id IS NOT NULL AND customer_id IN (${placeholders(part.length)})`,
        [corpId, toDbTime(since), ...part],
      );
      for (const r of rows) out.push({ customerId: String(r.customer_id), staffId: String(r.from_staff_id), at: fromDbTime(r.at as string) });
    }
    return out;
  }

  async assignmentState(corpId: string): Promise<{ cursors: Record<string, string>; currentWeights: Record<string, Record<string, number>> }> {
    const rows = await this.ds.query<Row[]>('SELECT rule_id, cursor_staff_id, weights FROM lead_assignment_state WHERE corp_id = ?', [corpId]);
    const cursors: Record<string, string> = {};
    const currentWeights: Record<string, Record<string, number>> = {};
    for (const r of rows) {
      if (r.cursor_staff_id) cursors[String(r.rule_id)] = String(r.cursor_staff_id);
      const w = json<Record<string, number>>(r.weights);
      if (w) currentWeights[String(r.rule_id)] = w;
    }
    return { cursors, currentWeights };
  }

  async saveAssignmentState(em: EntityManager, corpId: string, ruleId: string, cursor: string | null, weights: Record<string, number> | null, at: Date): Promise<void> {
    const mysql = this.ds.options.type === 'mysql';
    const tail = mysql
      ? 'ON DUPLICATE KEY UPDATE cursor_staff_id = VALUES(cursor_staff_id), weights = VALUES(weights), updated_at = VALUES(updated_at)'
      : 'ON CONFLICT(corp_id, rule_id) DO UPDATE SET cursor_staff_id = excluded.cursor_staff_id, weights = excluded.weights, updated_at = excluded.updated_at';
    await em.query(`INSERT INTO lead_assignment_state (corp_id, rule_id, cursor_staff_id, weights, updated_at) VALUES (?, ?, ?, ?, ?) ${tail}`, [
      corpId,
      ruleId,
      cursor,
      weights ? JSON.stringify(weights) : null,
      toDbTime(at),
    ]);
  }

  /**
   * Moves a lead from one of `fromStatuses` with a conditional update, so two processes never both
   * move it; true when this call did.
   */
  async transition(em: EntityManager, id: string, fromStatuses: readonly LeadStatus[], patch: Partial<LeadRecord>): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .update(LeadRecord)
      .set(patch)
      .where(`id = :id AND status IN (${fromStatuses.map((_, i) => `:s${i}`).join(', ')})`, { id, ...Object.fromEntries(fromStatuses.map((s, i) => [`s${i}`, s])) })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  async update(em: EntityManager, id: string, patch: Partial<LeadRecord>): Promise<void> {
    await em.getRepository(LeadRecord).update({ id }, patch);
  }

  async addMove(em: EntityManager, id: string, lead: { id: string; corpId: string; customerId: string }, move: MoveInput, at: Date): Promise<void> {
    const row: LeadMoveRecord = {
      id,
      corpId: lead.corpId,
      leadId: lead.id,
      customerId: lead.customerId,
      kind: move.kind,
      fromStaffId: move.fromStaffId ?? null,
      toStaffId: move.toStaffId ?? null,
      ruleId: move.ruleId ?? null,
      reason: move.reason.slice(0, 500),
      actor: move.actor.slice(0, 64),
      at,
    };
    await em.getRepository(LeadMoveRecord).insert(row);
  }

  async moves(leadId: string): Promise<Array<LeadMoveRecord & { fromName: string | null; toName: string | null; actorName: string | null }>> {
    const rows = await this.ds.query<Row[]>(
      `SELECT m.*, f.name AS from_name, t.name AS to_name, a.name AS actor_name FROM lead_move m
         LEFT JOIN staff_member f ON f.id = m.from_staff_id LEFT JOIN staff_member t ON t.id = m.to_staff_id LEFT JOIN staff_member a ON a.id = m.actor
        WHERE m.lead_id = ? ORDER BY m.at, m.id`,
      [leadId],
    );
    return rows.map((r) => ({
      id: String(r.id),
      corpId: String(r.corp_id),
      leadId: String(r.lead_id),
      customerId: String(r.customer_id),
      kind: r.kind as LeadMoveKind,
      fromStaffId: (r.from_staff_id as string | null) ?? null,
      toStaffId: (r.to_staff_id as string | null) ?? null,
      ruleId: (r.rule_id as string | null) ?? null,
      reason: String(r.reason),
      actor: String(r.actor),
      at: fromDbTime(r.at as string),
      fromName: (r.from_name as string | null) ?? null,
      toName: (r.to_name as string | null) ?? null,
      actorName: (r.actor_name as string | null) ?? null,
    }));
  }

  /** When the owner acted on the lead since it was assigned to them. */
  async activityTimes(leadId: string, staffId: string, since: Date): Promise<Date[]> {
    const rows = await this.ds.query<Row[]>(`SELECT at FROM lead_move WHERE lead_id = ? AND kind = 'activity' AND actor = ? AND at >= ? ORDER BY at`, [leadId, staffId, toDbTime(since)]);
    return rows.map((r) => fromDbTime(r.at as string));
  }

  /** Assigned leads whose reminder or deadline has come. */
  async slaDue(corpId: string, now: Date, limit: number): Promise<{ remind: LeadRow[]; reclaim: LeadRow[] }> {
    const at = toDbTime(now);
    const reclaim = await this.ds.query<Row[]>(`${selectLeads} WHERE l.corp_id = ? AND l.status = 'assigned' AND l.sla_deadline <= ? ORDER BY l.sla_deadline LIMIT ${Math.trunc(limit)}`, [corpId, at]);
    const remind = await this.ds.query<Row[]>(
      `${selectLeads} WHERE l.corp_id = ? AND l.status = 'assigned' AND l.remind_at <= ? AND l.reminded_at IS NULL AND l.sla_deadline > ? ORDER BY l.remind_at LIMIT ${Math.trunc(limit)}`,
      [corpId, at, at],
    );
    return { remind: remind.map(toLead), reclaim: reclaim.map(toLead) };
  }

  /** Open leads (any status) of these customers, to tell their agents about an upgrade. */
  async assignedOf(corpId: string, customerIds: readonly string[]): Promise<LeadRow[]> {
    const out: LeadRow[] = [];
    for (const part of chunk([...new Set(customerIds)], 500)) {
      out.push(...(await this.ds.query<Row[]>(`${selectLeads} WHERE l.corp_id = ? AND l.status = 'assigned' AND l.customer_id IN (${placeholders(part.length)})`, [corpId, ...part])).map(toLead));
    }
    return out;
  }

  async staffName(staffId: string): Promise<{ name: string; role: string; teamId: string | null; status: string } | null> {
    const [row] = await this.ds.query<Row[]>('SELECT name, role, team_id, status FROM staff_member WHERE id = ?', [staffId]);
    return row ? { name: String(row.name), role: String(row.role), teamId: (row.team_id as string | null) ?? null, status: String(row.status) } : null;
  }

  async calls(leadId: string): Promise<Row[]> {
    return this.ds.query<Row[]>(
      `SELECT k.id, k.called_at, k.staff_id, s.name AS staff_name, k.connected, k.intent, k.next_step, k.note FROM lead_call k LEFT JOIN staff_member s ON s.id = k.staff_id WHERE k.lead_id = ? ORDER BY k.called_at`,
      [leadId],
    );
  }
}
