import type { DataSource, EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { toDbTime } from '../db/naming';
import { chunk } from '../db/sql-lists';
import { asInsert, retryOnDeadlock, withTransaction } from '../db/transaction';
import { ArchiveCursorRow } from './archive-cursor.entity';
import { ArchiveParkedRow } from './archive-parked.entity';
import { ChatInsightRow } from './chat-insight.entity';
import { ChatMessageRow, type MinedState } from './chat-message.entity';

/** The archive's storage: messages, the pull cursor, parked records, and what mining found. */
export class ChatMessageRepository {
  constructor(private readonly ds: DataSource) {}

  async cursor(corpId: string): Promise<ArchiveCursorRow | null> {
    return this.ds.getRepository(ArchiveCursorRow).findOneBy({ corpId });
  }

  /**
   * Stores a pulled page and moves the cursor to `upToSeq` in one transaction: a crash before the
   * commit pulls the page again, and messages already stored (same corp and msgid) are not stored twice.
   * Returns the messages that are new.
   */
  async storePage(corpId: string, messages: readonly ChatMessageRow[], parked: readonly ArchiveParkedRow[], upToSeq: number, at: Date): Promise<ChatMessageRow[]> {
    return retryOnDeadlock(() =>
      withTransaction(this.ds, async (em) => {
        const fresh = await this.insertNew(em, corpId, messages);
        for (const part of chunk(parked, 200)) await em.createQueryBuilder().insert().into(ArchiveParkedRow).values(part.map(asInsert)).orIgnore().execute();
        await this.moveCursor(em, corpId, upToSeq, at);
        return fresh;
      }),
    );
  }

  private async insertNew(em: EntityManager, corpId: string, messages: readonly ChatMessageRow[]): Promise<ChatMessageRow[]> {
    if (!messages.length) return [];
    const known = new Set<string>();
    for (const part of chunk(messages, 500)) {
      const rows = await em.getRepository(ChatMessageRow).find({ select: { msgid: true }, where: { corpId, msgid: In(part.map((m) => m.msgid)) } });
      for (const r of rows) known.add(r.msgid);
    }
    const seen = new Set<string>();
    const fresh = messages.filter((m) => !known.has(m.msgid) && !seen.has(m.msgid) && seen.add(m.msgid));
    // orIgnore: another process that pulled the same page first wins; only our own rows are reported.
    for (const part of chunk(fresh, 200)) await em.createQueryBuilder().insert().into(ChatMessageRow).values(part.map(asInsert)).orIgnore().execute();
    const ours = new Set<string>();
    for (const part of chunk(fresh, 500)) {
      const rows = await em.getRepository(ChatMessageRow).find({ select: { id: true }, where: { id: In(part.map((m) => m.id)) } });
      for (const r of rows) ours.add(r.id);
    }
    return fresh.filter((m) => ours.has(m.id));
  }

  private async moveCursor(em: EntityManager, corpId: string, seq: number, at: Date): Promise<void> {
    const repo = em.getRepository(ArchiveCursorRow);
    const row = await repo.findOneBy({ corpId });
    if (!row) {
      await em.createQueryBuilder().insert().into(ArchiveCursorRow).values({ corpId, seq, lastPullAt: at, lastErrorCode: null, lastError: null, lastErrorAt: null }).orIgnore().execute();
    }
    // Never backwards: a slower process that pulled an older page leaves the cursor where it is.
    await em.query('UPDATE chat_archive_cursor SET seq = CASE WHEN seq < ? THEN ? ELSE seq END, last_pull_at = ? WHERE corp_id = ?', [seq, seq, toDbTime(at), corpId]);
  }

  async recordPull(corpId: string, at: Date, error: { code: number; message: string } | null): Promise<void> {
    const repo = this.ds.getRepository(ArchiveCursorRow);
    await repo
      .createQueryBuilder()
      .insert()
      .values({ corpId, seq: 0, lastPullAt: at, lastErrorCode: null, lastError: null, lastErrorAt: null })
      .orIgnore()
      .execute();
    await repo.update({ corpId }, error ? { lastPullAt: at, lastErrorCode: error.code, lastError: error.message.slice(0, 300), lastErrorAt: at } : { lastPullAt: at, lastErrorCode: null, lastError: null });
  }

  async parkedSummary(corpId: string): Promise<Array<{ code: number; publickeyVer: number; count: number }>> {
    const rows = await this.ds.query<Array<{ code: number; ver: number; n: number | string }>>(
      'SELECT code, publickey_ver AS ver, COUNT(*) AS n FROM chat_archive_parked WHERE corp_id = ? GROUP BY code, publickey_ver ORDER BY code, publickey_ver',
      [corpId],
    );
    return rows.map((r) => ({ code: Number(r.code), publickeyVer: Number(r.ver), count: Number(r.n) }));
  }

  async parked(corpId: string, limit: number): Promise<ArchiveParkedRow[]> {
    return this.ds.getRepository(ArchiveParkedRow).find({ where: { corpId }, order: { seq: 'ASC' }, take: limit });
  }

  /** Stores what retrying parked records recovered and drops those records, together. */
  async unpark(corpId: string, recovered: readonly ChatMessageRow[], parkedIds: readonly string[]): Promise<ChatMessageRow[]> {
    return withTransaction(this.ds, async (em) => {
      const fresh = await this.insertNew(em, corpId, recovered);
      if (parkedIds.length) await em.getRepository(ArchiveParkedRow).delete({ id: In([...parkedIds]) });
      return fresh;
    });
  }

  async count(corpId: string): Promise<number> {
    return this.ds.getRepository(ChatMessageRow).countBy({ corpId });
  }

  async byIds(ids: readonly string[]): Promise<ChatMessageRow[]> {
    const out: ChatMessageRow[] = [];
    for (const part of chunk(ids, 500)) out.push(...(await this.ds.getRepository(ChatMessageRow).findBy({ id: In(part) })));
    return out;
  }

  async findByMsgid(corpId: string, msgid: string): Promise<ChatMessageRow | null> {
    return this.ds.getRepository(ChatMessageRow).findOneBy({ corpId, msgid });
  }

  async markRecalled(corpId: string, msgids: readonly string[]): Promise<void> {
    for (const part of chunk(msgids, 500)) await this.ds.getRepository(ChatMessageRow).update({ corpId, msgid: In(part) }, { recalled: true });
  }

  /**
   * What mining found for these messages and their new state, in one transaction; insights they had
   * (from a mining run that failed half-way) are replaced, so mining a message again never doubles them.
   */
  async saveMining(ids: readonly string[], insights: readonly ChatInsightRow[], state: MinedState): Promise<void> {
    await retryOnDeadlock(() =>
      withTransaction(this.ds, async (em) => {
        for (const part of chunk(ids, 500)) await em.getRepository(ChatInsightRow).delete({ messageId: In(part) });
        for (const part of chunk(insights, 200)) await em.getRepository(ChatInsightRow).insert(part.map(asInsert));
        for (const part of chunk(ids, 500)) await em.getRepository(ChatMessageRow).update({ id: In(part) }, { mined: state });
      }),
    );
  }

  /** Messages of a corp still waiting for mining that were archived before `before` (their mining failed), oldest first. */
  async unmined(corpId: string, before: Date, limit: number): Promise<ChatMessageRow[]> {
    return this.ds
      .getRepository(ChatMessageRow)
      .createQueryBuilder('m')
      .where('m.corpId = :corpId AND m.mined = :pending AND m.archivedAt < :before', { corpId, pending: 'pending', before })
      .orderBy('m.archivedAt', 'ASC')
      .addOrderBy('m.seq', 'ASC')
      .limit(limit)
      .getMany();
  }

  async insightsOf(messageIds: readonly string[]): Promise<ChatInsightRow[]> {
    const out: ChatInsightRow[] = [];
    for (const part of chunk(messageIds, 500)) out.push(...(await this.ds.getRepository(ChatInsightRow).findBy({ messageId: In(part) })));
    return out;
  }

  /** The 1:1 messages between an agent and a customer since a time, oldest first. */
  async between(staffId: string, customerId: string, since: Date): Promise<ChatMessageRow[]> {
    return this.ds
      .getRepository(ChatMessageRow)
      .createQueryBuilder('m')
      .where('m.customerId = :customerId AND m.staffId = :staffId AND m.roomId IS NULL AND m.sentAt >= :since', { customerId, staffId, since })
      .orderBy('m.sentAt', 'ASC')
      .addOrderBy('m.seq', 'ASC')
      .getMany();
  }

  /** Customer messages of a corp since a time (for candidate tags), newest first, bounded. */
  async customerTexts(corpId: string, since: Date, limit: number): Promise<Array<{ customerId: string; content: string }>> {
    const rows = await this.ds.query<Array<{ customer_id: string; content: string }>>(
      `SELECT customer_id, content FROM chat_message WHERE corp_id = ? AND sender_kind = 'customer' AND mined = 'mined' AND content IS NOT NULL AND customer_id IS NOT NULL AND sent_at >= ? ORDER BY sent_at DESC LIMIT ${Math.floor(limit)}`,
      [corpId, toDbTime(since)],
    );
    return rows.map((r) => ({ customerId: r.customer_id, content: r.content }));
  }
}
