import type { DataSource } from 'typeorm';
import { fromDbTime, toDbTime } from '../db/naming';
import { chunk, placeholders } from '../db/sql-lists';

export interface ObjectionTurn {
  messageId: string;
  staffId: string;
  customerId: string;
  objection: string;
  at: Date;
}

export interface PairMessage {
  id: string;
  staffId: string;
  customerId: string;
  by: 'staff' | 'customer';
  text: string;
  at: Date;
  objections: string[];
}

/** What ranking talk tracks reads: objections, the 1:1 messages around them, proposals and purchases. */
export class TalkTrackRepository {
  constructor(private readonly ds: DataSource) {}

  async objections(corpId: string, from: Date, to: Date): Promise<ObjectionTurn[]> {
    const rows = await this.ds.query<Array<{ message_id: string; staff_id: string; customer_id: string; label: string; at: Date | string }>>(
      `SELECT i.message_id, i.staff_id, i.customer_id, i.label, i.at FROM chat_insight i JOIN chat_message m ON m.id = i.message_id
       WHERE i.corp_id = ? AND i.kind = 'objection' AND i.at >= ? AND i.at < ? AND i.staff_id IS NOT NULL AND i.customer_id IS NOT NULL AND m.room_id IS NULL
       ORDER BY i.at`,
      [corpId, toDbTime(from), toDbTime(to)],
    );
    return rows.map((r) => ({ messageId: r.message_id, staffId: r.staff_id, customerId: r.customer_id, objection: r.label, at: fromDbTime(r.at) }));
  }

  /** The 1:1 text messages of these customers in [from, to), oldest first, with their objections. */
  async messages(corpId: string, customerIds: readonly string[], from: Date, to: Date): Promise<PairMessage[]> {
    const out: PairMessage[] = [];
    for (const part of chunk([...new Set(customerIds)], 300)) {
      const rows = await this.ds.query<Array<{ id: string; staff_id: string; customer_id: string; sender_kind: string; content: string; sent_at: Date | string; objections: string | null }>>(
        `SELECT m.id, m.staff_id, m.customer_id, m.sender_kind, m.content, m.sent_at,
                (SELECT GROUP_CONCAT(i.label) FROM chat_insight i WHERE i.message_id = m.id AND i.kind = 'objection') AS objections
         FROM chat_message m WHERE m.corp_id = ? AND m.customer_id IN (${placeholders(part.length)}) AND m.room_id IS NULL AND m.staff_id IS NOT NULL
           AND m.content IS NOT NULL AND m.sender_kind IN ('staff', 'customer') AND m.recalled = 0 AND m.sent_at >= ? AND m.sent_at < ?
         ORDER BY m.sent_at, m.seq`,
        [corpId, ...part, toDbTime(from), toDbTime(to)],
      );
      for (const r of rows)
        out.push({ id: r.id, staffId: r.staff_id, customerId: r.customer_id, by: r.sender_kind as 'staff' | 'customer', text: r.content, at: fromDbTime(r.sent_at), objections: r.objections ? r.objections.split(',') : [] });
    }
    return out;
  }

  /** The first time each customer viewed a proposal or bought, at or after `from`. */
  async outcomes(corpId: string, customerIds: readonly string[], from: Date): Promise<Map<string, { viewed: Date[]; bought: Date[] }>> {
    const map = new Map<string, { viewed: Date[]; bought: Date[] }>();
    for (const part of chunk([...new Set(customerIds)], 300)) {
      const rows = await this.ds.query<Array<{ customer_id: string; name: string; occurred_at: Date | string }>>(
        `SELECT customer_id, name, occurred_at FROM tracking_event WHERE corp_id = ? AND customer_id IN (${placeholders(part.length)}) AND name IN ('proposal_viewed', 'purchase') AND occurred_at >= ?`,
        [corpId, ...part, toDbTime(from)],
      );
      for (const r of rows) {
        const entry = map.get(r.customer_id) ?? { viewed: [], bought: [] };
        (r.name === 'purchase' ? entry.bought : entry.viewed).push(fromDbTime(r.occurred_at));
        map.set(r.customer_id, entry);
      }
    }
    return map;
  }
}
