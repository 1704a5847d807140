import type { DataSource } from 'typeorm';
import { toDbTime } from '../db/naming';
import { chunk } from '../db/sql-lists';
import { AgentTaskRow } from './agent-task.entity';

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

  ofCustomer(corpId: string, customerId: string): Promise<AgentTaskRow[]> {
    return this.ds.getRepository(AgentTaskRow).find({ where: { corpId, customerId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async finish(corpId: string, id: string, staffId: string | null, status: 'done' | 'cancelled', at: Date): Promise<boolean> {
    const res = await this.ds.getRepository(AgentTaskRow).update({ corpId, id, status: 'open', ...(staffId ? { staffId } : {}) }, { status, doneAt: at });
    return (res.affected ?? 0) > 0;
  }
}
