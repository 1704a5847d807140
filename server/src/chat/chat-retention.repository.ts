import type { DataSource } from 'typeorm';
import { changedRows } from '../db/changed-rows';
import { toDbTime } from '../db/naming';
import { placeholders } from '../db/sql-lists';
import { withTransaction } from '../db/transaction';

/** Deletes archived messages past a corp's retention, a batch at a time (each batch its own short transaction). */
export class ChatRetentionRepository {
  constructor(private readonly ds: DataSource) {}

  /** One batch: the oldest `size` messages sent before the cutoff, with what mining found in them. */
  async deleteBatch(corpId: string, cutoff: Date, size: number): Promise<{ messages: number; insights: number }> {
    return withTransaction(this.ds, async (em) => {
      const rows = await em.query<Array<{ id: string }>>(`SELECT id FROM chat_message WHERE corp_id = ? AND sent_at < ? ORDER BY sent_at, id LIMIT ${Number(size)}`, [corpId, toDbTime(cutoff)]);
      if (!rows.length) return { messages: 0, insights: 0 };
      const ids = rows.map((r) => r.id);
      const insights = await changedRows(em, `DELETE FROM chat_insight WHERE message_id IN (${placeholders(ids.length)})`, ids);
      const messages = await changedRows(em, `DELETE FROM chat_message WHERE id IN (${placeholders(ids.length)})`, ids);
      return { messages, insights };
    });
  }

  /** Conversation summaries whose last message is past the cutoff (their messages are gone). */
  async deleteConversations(corpId: string, cutoff: Date): Promise<number> {
    return changedRows(this.ds.manager, 'DELETE FROM chat_conversation WHERE corp_id = ? AND last_at < ?', [corpId, toDbTime(cutoff)]);
  }
}
