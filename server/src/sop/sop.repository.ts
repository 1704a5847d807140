import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import type { SopTaskStatus } from '@lodestar/shared';
import { fromDbTime, toDbTime } from '../db/naming';
import { chunk, placeholders } from '../db/sql-lists';
import { asInsert, retryOnDeadlock } from '../db/transaction';
import { SopPlanRow } from './sop-plan.entity';
import { SopTargetStateRow } from './sop-target-state.entity';
import { SopTaskRow } from './sop-task.entity';

/** A customer group as a group plan sees it. */
export interface SopGroupRow {
  id: string;
  chatId: string;
  name: string;
  tags: string[];
  ownerStaffId: string;
  ownerUserId: string;
  teamId: string | null;
  createdAt: Date;
  memberCount: number;
}

/** A segment member as a customer plan sees it (customers whose agent can send to them). */
export interface SopCustomerRow {
  id: string;
  name: string;
  externalUserId: string;
  ownerStaffId: string;
  ownerUserId: string;
  enteredAt: Date;
  tags: string[];
}

const open: SopTaskStatus[] = ['awaiting', 'overdue'];

/** Plans, their tasks and what the runner saw of each target. */
export class SopRepository {
  constructor(private readonly ds: DataSource) {}

  // Plans

  async insertPlan(row: SopPlanRow): Promise<void> {
    await this.ds.getRepository(SopPlanRow).insert(asInsert(row));
  }

  async savePlan(row: SopPlanRow): Promise<void> {
    await this.ds.getRepository(SopPlanRow).save(row);
  }

  async plan(corpId: string, id: string): Promise<SopPlanRow | null> {
    return this.ds.getRepository(SopPlanRow).findOneBy({ corpId, id });
  }

  async plans(corpId: string): Promise<SopPlanRow[]> {
    return this.ds.getRepository(SopPlanRow).find({ where: { corpId }, order: { createdAt: 'DESC' } });
  }

  async livePlans(corpId: string): Promise<SopPlanRow[]> {
    return this.ds.getRepository(SopPlanRow).findBy({ corpId, status: 'live' });
  }

  /** Moves the plan's planned-to mark forward only (two runners never move it back). */
  async advancePlannedTo(planId: string, to: Date): Promise<void> {
    await this.ds.query('UPDATE sop_plan SET planned_to = ? WHERE id = ? AND (planned_to IS NULL OR planned_to < ?)', [toDbTime(to), planId, toDbTime(to)]);
  }

  // Targets

  /** The corp's active groups with an owner on staff, and the owner's team. */
  async groups(corpId: string): Promise<SopGroupRow[]> {
    const rows = await this.ds.query<Array<Record<string, unknown>>>(
      `SELECT g.id, g.chat_id, g.name, g.tags, g.owner_staff_id, g.owner_user_id, s.team_id, g.created_at, g.member_count
         FROM customer_group g JOIN staff_member s ON s.id = g.owner_staff_id
        WHERE g.corp_id = ? AND g.status = 'active'`,
      [corpId],
    );
    return rows.map((r) => ({
      id: String(r.id),
      chatId: String(r.chat_id),
      name: String(r.name),
      tags: r.tags ? (JSON.parse(String(r.tags)) as string[]) : [],
      ownerStaffId: String(r.owner_staff_id),
      ownerUserId: String(r.owner_user_id),
      teamId: (r.team_id as string | null) ?? null,
      createdAt: fromDbTime(r.created_at as string | Date),
      memberCount: Number(r.member_count),
    }));
  }

  /** Customers' joins of these groups since a time, by group. */
  async joins(groupIds: readonly string[], since: Date): Promise<Map<string, Date[]>> {
    const out = new Map<string, Date[]>();
    for (const part of chunk(groupIds, 500)) {
      const rows = await this.ds.query<Array<{ group_id: string; at: string | Date }>>(
        `SELECT group_id, at FROM group_member_event WHERE group_id IN (${placeholders(part.length)}) AND kind = 'join' AND customer_id IS NOT NULL AND at > ?`,
        [...part, toDbTime(since)],
      );
      for (const r of rows) out.set(r.group_id, [...(out.get(r.group_id) ?? []), fromDbTime(r.at)]);
    }
    return out;
  }

  /** A segment's members who have an agent and a WeCom id, with the names of their tags. */
  async segmentCustomers(corpId: string, segmentId: string): Promise<SopCustomerRow[]> {
    const rows = await this.ds.query<Array<Record<string, unknown>>>(
      `SELECT c.id, c.name, i.value AS ext, c.owner_staff_id, s.wecom_user_id, m.entered_at
         FROM segment_member m JOIN customer c ON c.id = m.customer_id
         JOIN staff_member s ON s.id = c.owner_staff_id
         JOIN customer_identity i ON i.customer_id = c.id AND i.kind = 'external_userid'
        WHERE m.segment_id = ? AND m.corp_id = ? AND s.status = 'active'`,
      [segmentId, corpId],
    );
    const tags = new Map<string, string[]>();
    for (const part of chunk(rows.map((r) => String(r.id)), 500)) {
      const t = await this.ds.query<Array<{ customer_id: string; name: string }>>(
        `SELECT ct.customer_id, t.name FROM customer_tag ct JOIN tag t ON t.id = ct.tag_id WHERE ct.customer_id IN (${placeholders(part.length)})`,
        part,
      );
      for (const r of t) tags.set(r.customer_id, [...(tags.get(r.customer_id) ?? []), r.name]);
    }
    const seen = new Set<string>();
    return rows
      .filter((r) => !seen.has(String(r.id)) && seen.add(String(r.id)))
      .map((r) => ({
        id: String(r.id),
        name: String(r.name),
        externalUserId: String(r.ext),
        ownerStaffId: String(r.owner_staff_id),
        ownerUserId: String(r.wecom_user_id),
        enteredAt: fromDbTime(r.entered_at as string | Date),
        tags: tags.get(String(r.id)) ?? [],
      }));
  }

  async targetStates(planId: string): Promise<Map<string, SopTargetStateRow>> {
    return new Map((await this.ds.getRepository(SopTargetStateRow).findBy({ planId })).map((r) => [r.targetId, r]));
  }

  async saveTargetStates(rows: readonly SopTargetStateRow[]): Promise<void> {
    for (const part of chunk(rows, 200)) await this.ds.getRepository(SopTargetStateRow).save(part.map((r) => ({ ...r })));
  }

  // Tasks

  /** Inserts tasks, ignoring occurrences that exist already (another runner, an earlier run); returns how many were new. */
  async insertTasks(rows: readonly SopTaskRow[]): Promise<number> {
    let inserted = 0;
    for (const part of chunk(rows, 200)) {
      const result = await retryOnDeadlock(() => this.ds.createQueryBuilder().insert().into(SopTaskRow).values(part.map(asInsert)).orIgnore().execute());
      const affected = (result.raw as { affectedRows?: number; changes?: number } | undefined) ?? {};
      inserted += affected.affectedRows ?? affected.changes ?? 0;
    }
    return inserted;
  }

  /**
   * Claims due pending tasks for one dispatcher: each row moves to `sending` with the claim token
   * only if it is still pending, so two dispatchers never both take one.
   */
  async claimDue(corpId: string, now: Date, limit: number, claim: string): Promise<SopTaskRow[]> {
    const ids = (
      await this.ds.query<Array<{ id: string }>>(`SELECT id FROM sop_task WHERE corp_id = ? AND status = 'pending' AND due_at <= ? ORDER BY due_at LIMIT ${Math.max(1, Math.floor(limit))}`, [
        corpId,
        toDbTime(now),
      ])
    ).map((r) => r.id);
    if (!ids.length) return [];
    await this.ds.query(`UPDATE sop_task SET status = 'sending', claim = ?, updated_at = ? WHERE id IN (${placeholders(ids.length)}) AND status = 'pending'`, [claim, toDbTime(now), ...ids]);
    return this.ds.getRepository(SopTaskRow).findBy({ id: In(ids), claim, status: 'sending' });
  }

  async update(ids: readonly string[], patch: Partial<Pick<SopTaskRow, 'status' | 'reason' | 'wecomMsgId' | 'claim' | 'sentAt' | 'resultSent' | 'resultUnsent' | 'resultFailed' | 'escalatedAt' | 'remindedAt' | 'updatedAt'>>): Promise<void> {
    for (const part of chunk(ids, 500)) await this.ds.getRepository(SopTaskRow).update({ id: In(part) }, patch);
  }

  /** Cancels a plan's tasks that were not handed over yet; returns how many. */
  async cancelPending(planId: string, reason: string, at: Date): Promise<number> {
    const result = await this.ds.getRepository(SopTaskRow).update({ planId, status: 'pending' }, { status: 'cancelled', reason, updatedAt: at });
    return result.affected ?? 0;
  }

  /** Tasks waiting for their owner (mass: WeCom's answer; manual: the sidebar), oldest first. */
  async openTasks(corpId: string, limit: number): Promise<SopTaskRow[]> {
    return this.ds.getRepository(SopTaskRow).find({ where: { corpId, status: In(open) }, order: { dueAt: 'ASC' }, take: limit });
  }

  async task(corpId: string, id: string): Promise<SopTaskRow | null> {
    return this.ds.getRepository(SopTaskRow).findOneBy({ corpId, id });
  }

  /** Tasks due in [from, to), optionally of some owners, plans or targets. */
  async tasksBetween(corpId: string, from: Date, to: Date, f: { ownerIds?: readonly string[]; planId?: string; targetId?: string; statuses?: readonly SopTaskStatus[] } = {}): Promise<SopTaskRow[]> {
    const q = this.ds
      .getRepository(SopTaskRow)
      .createQueryBuilder('t')
      .where('t.corpId = :corpId AND t.dueAt >= :from AND t.dueAt < :to', { corpId, from, to });
    if (f.ownerIds) q.andWhere(f.ownerIds.length ? 't.ownerStaffId IN (:...owners)' : '1 = 0', { owners: f.ownerIds });
    if (f.planId) q.andWhere('t.planId = :planId', { planId: f.planId });
    if (f.targetId) q.andWhere('t.targetId = :targetId', { targetId: f.targetId });
    if (f.statuses?.length) q.andWhere('t.status IN (:...statuses)', { statuses: f.statuses });
    return q.orderBy('t.dueAt', 'ASC').addOrderBy('t.id', 'ASC').limit(20_000).getMany();
  }

  /** Names for views: staff and teams, groups and customers, by id. */
  async names(ids: { staff: readonly string[]; groups: readonly string[]; customers: readonly string[] }): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const read = async (table: string, list: readonly string[]) => {
      for (const part of chunk([...new Set(list)], 500)) {
        const rows = await this.ds.query<Array<{ id: string; name: string }>>(`SELECT id, name FROM ${table} WHERE id IN (${placeholders(part.length)})`, part);
        for (const r of rows) out.set(r.id, r.name);
      }
    };
    await read('staff_member', ids.staff);
    await read('customer_group', ids.groups);
    await read('customer', ids.customers);
    return out;
  }

  /** Staff → team and the team's lead, for the board and escalations. */
  async teams(corpId: string): Promise<Map<string, { teamId: string | null; teamName: string | null; leadStaffId: string | null }>> {
    const rows = await this.ds.query<Array<{ id: string; team_id: string | null; team_name: string | null; lead: string | null }>>(
      'SELECT s.id, s.team_id, t.name AS team_name, t.lead_staff_id AS lead FROM staff_member s LEFT JOIN team t ON t.id = s.team_id WHERE s.corp_id = ?',
      [corpId],
    );
    return new Map(rows.map((r) => [r.id, { teamId: r.team_id, teamName: r.team_name, leadStaffId: r.lead }]));
  }
}
