import type { DataSource } from 'typeorm';
import { toDbTime } from '../db/naming';
import { ConversationRow } from './conversation.entity';

/** Conversations between an agent and a customer, with the key nodes they reached. */
export class ConversationRepository {
  constructor(private readonly ds: DataSource) {}

  /** The pair's latest conversation (to extend it while the silence stays under the gap). */
  async latest(staffId: string, customerId: string): Promise<ConversationRow | null> {
    return this.ds.getRepository(ConversationRow).findOne({ where: { staffId, customerId }, order: { lastAt: 'DESC' } });
  }

  async save(row: ConversationRow): Promise<void> {
    await this.ds.getRepository(ConversationRow).save(row);
  }

  async ofCustomer(customerId: string, limit: number): Promise<ConversationRow[]> {
    return this.ds.getRepository(ConversationRow).find({ where: { customerId }, order: { lastAt: 'DESC' }, take: limit });
  }

  /** Conversations that started in [from, to) with their agent and the agent's team. */
  async inPeriod(corpId: string, from: Date, to: Date): Promise<Array<{ staffId: string; teamId: string | null; nodes: string }>> {
    const rows = await this.ds.query<Array<{ staff_id: string; team_id: string | null; nodes: string }>>(
      'SELECT c.staff_id, s.team_id, c.nodes FROM chat_conversation c LEFT JOIN staff_member s ON s.id = c.staff_id WHERE c.corp_id = ? AND c.started_at >= ? AND c.started_at < ?',
      [corpId, toDbTime(from), toDbTime(to)],
    );
    return rows.map((r) => ({ staffId: r.staff_id, teamId: r.team_id, nodes: r.nodes }));
  }
}
