import type { DataSource } from 'typeorm';
import { fromDbTime, toDbTime } from '../db/naming';
import { chunk, placeholders } from '../db/sql-lists';
import { AgentNotificationRecord } from './agent-notification.entity';

export type NotificationRow = AgentNotificationRecord;

/** Where a notification stands in a staff member's feed: by time, then by id. */
export interface FeedPosition {
  createdAt: Date;
  id: string;
}

const columns = 'id, corp_id, staff_id, kind, payload, created_at, read_at';

function toRow(r: Record<string, unknown>): NotificationRow {
  const row = new AgentNotificationRecord();
  row.id = String(r.id);
  row.corpId = String(r.corp_id);
  row.staffId = String(r.staff_id);
  row.kind = String(r.kind);
  row.payload = String(r.payload);
  row.createdAt = fromDbTime(r.created_at as Date | string);
  row.readAt = r.read_at === null || r.read_at === undefined ? null : fromDbTime(r.read_at as Date | string);
  return row;
}

/**
 * Agent notifications: written by whichever process decides (often a worker), read by the api
 * process that holds the agent's stream. Reads go by (corp_id, created_at) for the feed's poll and
 * by (staff_id, created_at) for one agent's list.
 */
export class AgentNotificationRepository {
  constructor(private readonly ds: DataSource) {}

  async insert(row: NotificationRow): Promise<void> {
    await this.ds.getRepository(AgentNotificationRecord).insert(row);
  }

  /** One staff member's notifications, newest first. */
  async listForStaff(corpId: string, staffId: string, opts: { unread?: boolean; limit: number }): Promise<NotificationRow[]> {
    const read = opts.unread === undefined ? '' : opts.unread ? ' AND read_at IS NULL' : ' AND read_at IS NOT NULL';
    const rows = await this.ds.query<Record<string, unknown>[]>(
      `SELECT ${columns} FROM agent_notification WHERE staff_id = ? AND corp_id = ?${read} ORDER BY created_at DESC, id DESC LIMIT ${Math.trunc(opts.limit)}`,
      [staffId, corpId],
    );
    return rows.map(toRow);
  }

  async unreadCount(corpId: string, staffId: string): Promise<number> {
    const [row] = await this.ds.query<Array<{ n: unknown }>>('SELECT COUNT(*) AS n FROM agent_notification WHERE staff_id = ? AND corp_id = ? AND read_at IS NULL', [staffId, corpId]);
    return Number(row?.n ?? 0);
  }

  /** Marks the staff member's own unread ones among `ids` as read; returns how many changed. */
  async markRead(corpId: string, staffId: string, ids: readonly string[], at: Date): Promise<number> {
    let changed = 0;
    for (const part of chunk([...new Set(ids)], 500)) {
      const result = await this.ds
        .createQueryBuilder()
        .update(AgentNotificationRecord)
        .set({ readAt: at })
        .where('corp_id = :corpId AND staff_id = :staffId AND read_at IS NULL AND id IN (:...ids)', { corpId, staffId, ids: part })
        .execute();
      changed += result.affected ?? 0;
    }
    return changed;
  }

  /** One of the staff member's notifications, or null (someone else's reads as missing). */
  async findForStaff(corpId: string, staffId: string, id: string): Promise<NotificationRow | null> {
    const [row] = await this.ds.query<Record<string, unknown>[]>(`SELECT ${columns} FROM agent_notification WHERE id = ? AND staff_id = ? AND corp_id = ?`, [id, staffId, corpId]);
    return row ? toRow(row) : null;
  }

  /** The staff member's latest `limit` notifications after a position, oldest first. */
  async afterForStaff(corpId: string, staffId: string, after: FeedPosition, limit: number): Promise<NotificationRow[]> {
    const at = toDbTime(after.createdAt);
    const rows = await this.ds.query<Record<string, unknown>[]>(
      `SELECT ${columns} FROM agent_notification
        WHERE staff_id = ? AND corp_id = ? AND (created_at > ? OR (created_at = ? AND id > ?))
        ORDER BY created_at DESC, id DESC LIMIT ${Math.trunc(limit)}`,
      [staffId, corpId, at, at, after.id],
    );
    return rows.map(toRow).reverse();
  }

  /**
   * The corp's notifications for any of `staffIds` created at or after `since`, oldest first: the
   * feed's poll. Pages through by position, so a burst bigger than a page is read whole.
   */
  async since(corpId: string, staffIds: readonly string[], since: Date, pageSize = 500): Promise<NotificationRow[]> {
    const out: NotificationRow[] = [];
    for (const staff of chunk([...staffIds], 500)) {
      let after: FeedPosition | null = null;
      for (;;) {
        const from = toDbTime(after?.createdAt ?? since);
        const position: string = after ? ' AND (created_at > ? OR (created_at = ? AND id > ?))' : ' AND created_at >= ?';
        const params: unknown[] = after ? [from, from, after.id] : [from];
        const rows = await this.ds.query<Record<string, unknown>[]>(
          `SELECT ${columns} FROM agent_notification
            WHERE corp_id = ?${position} AND staff_id IN (${placeholders(staff.length)})
            ORDER BY created_at, id LIMIT ${Math.trunc(pageSize)}`,
          [corpId, ...params, ...staff],
        );
        const page = rows.map(toRow);
        out.push(...page);
        if (page.length < pageSize) break;
        const last = page[page.length - 1]!;
        after = { createdAt: last.createdAt, id: last.id };
      }
    }
    return staffIds.length > 500 ? out.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) : out;
  }
}
