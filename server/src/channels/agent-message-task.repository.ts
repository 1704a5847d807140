import type { DataSource } from 'typeorm';
import { asInsert, isUniqueViolation } from '../db/transaction';
import { AgentMessageTask } from './agent-message-task.entity';

/** Agent message tasks: written by the journey worker, read and closed by the sidebar's API. */
export class AgentMessageTaskRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Inserts the task unless one with its key exists, and returns the row that holds the key: the
   * new one, or the first one when the key was seen before (a retried send, or a concurrent one).
   */
  async insertOrIgnore(row: AgentMessageTask): Promise<{ inserted: boolean; task: AgentMessageTask }> {
    const repo = this.ds.getRepository(AgentMessageTask);
    try {
      await repo.insert(asInsert(row));
      return { inserted: true, task: row };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const first = await repo.findOneBy({ key: row.key });
    if (!first) throw new Error(`agent message task ${row.key} collided with a row that is gone`);
    return { inserted: false, task: first };
  }

  /** One agent's open tasks, oldest first: the order the sidebar shows them in. */
  listOpen(corpId: string, staffUserId: string, limit: number): Promise<AgentMessageTask[]> {
    return this.ds.getRepository(AgentMessageTask).find({
      where: { corpId, staffUserId, status: 'open' },
      order: { createdAt: 'ASC', id: 'ASC' },
      take: Math.trunc(limit),
    });
  }

  /** Marks an open task sent; false when it is not open (sent or cancelled already) or not the corp's. */
  async markSent(corpId: string, id: string, at: Date): Promise<boolean> {
    const result = await this.ds.getRepository(AgentMessageTask).update({ id, corpId, status: 'open' }, { status: 'sent', doneAt: at });
    return (result.affected ?? 0) > 0;
  }
}
