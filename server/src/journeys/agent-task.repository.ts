import type { DataSource } from 'typeorm';
import { fromDbTime, toDbTime } from '../db/naming';
import { chunk } from '../db/sql-lists';
import { AgentTaskRow } from './agent-task.entity';

export type AgentTaskView = AgentTaskRow & { customerName: string | null };

/** Agent tasks (call, chat, invite) from journeys: inserted once per key. */
export class AgentTaskRepository {
  private readonly mysql: boolean;
  constructor(private readonly ds: DataSource) {
    this.mysql = ds.options.type === 'mysql';
  }

  async insertMany(rows: readonly AgentTaskRow[]): Promise<void> {
    const ignore = this.mysql ? 'INSERT IGNORE' : 'INSERT OR IGNORE';
    for (const part of chunk(rows, 200)) {
      await this.ds.query(
        `${ignore} INTO agent_task (id, corp_id, task_key, staff_id, customer_id, kind, title, note, status, source, due_at, created_at, done_at) VALUES ${part.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)').join(', ')}`,
        part.flatMap((r) => [r.id, r.corpId, r.taskKey, r.staffId, r.customerId, r.kind, r.title, r.note, r.status, r.source, toDbTime(r.dueAt), toDbTime(r.createdAt)]),
      );
    }
  }

  /** An agent's open tasks, soonest due first. */
  openFor(corpId: string, staffId: string, limit = 100): Promise<AgentTaskRow[]> {
    return this.ds.getRepository(AgentTaskRow).find({ where: { corpId, staffId, status: 'open' }, order: { dueAt: 'ASC', id: 'ASC' }, take: limit });
  }

  /** Tasks with their customer's name, soonest due first: one agent's, one team's, or the corp's. */
  list(corpId: string, scope: { staffId?: string; teamId?: string }, status: 'open' | 'done' | 'cancelled', limit: number): Promise<AgentTaskView[]> {
    const where = ['t.corp_id = ?', 't.status = ?'];
    const params: unknown[] = [corpId, status];
    if (scope.staffId) {
      where.push('t.staff_id = ?');
      params.push(scope.staffId);
    }
    if (scope.teamId) {
      where.push('t.staff_id IN (SELECT id FROM staff_member WHERE team_id = ?)');
      params.push(scope.teamId);
    }
    return this.select(where.join(' AND '), params, `ORDER BY t.due_at ${status === 'open' ? 'ASC' : 'DESC'}, t.id LIMIT ${Math.trunc(limit)}`);
  }

  async one(corpId: string, id: string): Promise<AgentTaskView | null> {
    return (await this.select('t.corp_id = ? AND t.id = ?', [corpId, id], ''))[0] ?? null;
  }

  private async select(where: string, params: unknown[], tail: string): Promise<AgentTaskView[]> {
    const rows = (await this.ds.query(
      `SELECT t.id, t.corp_id, t.task_key, t.staff_id, t.customer_id, t.kind, t.title, t.note, t.status, t.source, t.due_at, t.created_at, t.done_at, c.name AS customer_name
         FROM agent_task t LEFT JOIN customer c ON c.id = t.customer_id WHERE ${where} ${tail}`,
      params,
    )) as Array<Record<string, unknown>>;
    return rows.map((r) =>
      Object.assign(new AgentTaskRow(), {
        id: r.id as string,
        corpId: r.corp_id as string,
        taskKey: r.task_key as string,
        staffId: (r.staff_id as string | null) ?? null,
        customerId: r.customer_id as string,
        kind: r.kind as AgentTaskRow['kind'],
        title: r.title as string,
        note: (r.note as string | null) ?? null,
        status: r.status as AgentTaskRow['status'],
        source: r.source as string,
        dueAt: fromDbTime(r.due_at as string | Date),
        createdAt: fromDbTime(r.created_at as string | Date),
        doneAt: r.done_at ? fromDbTime(r.done_at as string | Date) : null,
        customerName: (r.customer_name as string | null) ?? null,
      }),
    );
  }

  ofCustomer(corpId: string, customerId: string): Promise<AgentTaskRow[]> {
    return this.ds.getRepository(AgentTaskRow).find({ where: { corpId, customerId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async finish(corpId: string, id: string, staffId: string | null, status: 'done' | 'cancelled', at: Date): Promise<boolean> {
    const res = await this.ds.getRepository(AgentTaskRow).update({ corpId, id, status: 'open', ...(staffId ? { staffId } : {}) }, { status, doneAt: at });
    return (res.affected ?? 0) > 0;
  }
}
