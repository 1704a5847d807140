import type { Clock } from '../platform/clock';
import type { IdGenerator } from '../platform/ids';
import type { Logger } from '../platform/logger';
import { archiveErrorMeaning, ChatArchiveError, mapArchivedMessage, withArchiveRetries, type ArchiveKeyRing, type ChatArchivePort, type EncryptedChatRecord } from './archive';
import type { ArchiveParkedRow } from './archive-parked.entity';
import { toMessageRow, type ArchiveParties } from './archived-message.row';
import type { ChatMessageRow } from './chat-message.entity';
import type { ChatMessageRepository } from './chat-message.repository';

export interface ArchiveSyncDeps {
  /** null when the corp has no archive configured: pulls do nothing and the status says so. */
  archive: ChatArchivePort | null;
  source: 'sandbox' | 'native' | 'none';
  /** The private keys by publickey_ver (read again on each pull, so a key added later is used). */
  keys: () => Promise<ArchiveKeyRing>;
  repo: ChatMessageRepository;
  parties: ArchiveParties;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  sleep: (ms: number) => Promise<void>;
  /** Told the messages each page stored for the first time (mining, real-time enablement). */
  onArchived: (corpId: string, messages: ChatMessageRow[]) => Promise<void>;
  pageSize?: number;
  /** Pages per pull: a notify storm or a long backlog is worked off over several pulls. */
  maxPages?: number;
}

export interface PullSummary {
  pages: number;
  records: number;
  stored: number;
  parked: number;
  cursor: number;
}

/**
 * Pulls a corp's chat archive: GetChatData after the stored seq, each record's random key unwrapped
 * with the private key of its publickey_ver, the message decrypted and mapped, the page stored with
 * the cursor in one transaction. A record that cannot be read is parked (kept encrypted, with its
 * error) rather than lost or allowed to stop the archive; retryable SDK errors are retried.
 */
export class ArchiveSyncService {
  private readonly running = new Map<string, Promise<PullSummary>>();
  private readonly again = new Set<string>();

  constructor(private readonly d: ArchiveSyncDeps) {}

  get source(): ArchiveSyncDeps['source'] {
    return this.d.source;
  }

  /** Single flight per corp: a pull asked for while one runs makes that one go round once more. */
  pull(corpId: string): Promise<PullSummary> {
    const current = this.running.get(corpId);
    if (current) {
      this.again.add(corpId);
      return current;
    }
    const run = (async () => {
      const total: PullSummary = { pages: 0, records: 0, stored: 0, parked: 0, cursor: 0 };
      do {
        this.again.delete(corpId);
        const s = await this.pullOnce(corpId);
        total.pages += s.pages;
        total.records += s.records;
        total.stored += s.stored;
        total.parked += s.parked;
        total.cursor = s.cursor;
      } while (this.again.has(corpId));
      return total;
    })().finally(() => this.running.delete(corpId));
    this.running.set(corpId, run);
    return run;
  }

  private async pullOnce(corpId: string): Promise<PullSummary> {
    const summary: PullSummary = { pages: 0, records: 0, stored: 0, parked: 0, cursor: (await this.d.repo.cursor(corpId))?.seq ?? 0 };
    const archive = this.d.archive;
    if (!archive) return summary;
    const pageSize = this.d.pageSize ?? 500;
    try {
      const keys = await this.d.keys();
      for (let page = 0; page < (this.d.maxPages ?? 20); page++) {
        const records = await withArchiveRetries(() => archive.fetch(summary.cursor, pageSize), {
          attempts: 4,
          baseDelayMs: 500,
          sleep: this.d.sleep,
          onRetry: (error, attempt, delayMs) => this.d.logger.warn({ corpId, code: error.code, attempt, delayMs }, 'chat archive pull failed; retrying'),
        });
        if (!records.length) break;
        const { messages, parked } = await this.readPage(corpId, archive, keys, records);
        const upTo = Math.max(...records.map((r) => r.seq));
        const fresh = await this.d.repo.storePage(corpId, messages, parked, upTo, this.d.clock.now());
        summary.pages += 1;
        summary.records += records.length;
        summary.stored += fresh.length;
        summary.parked += parked.length;
        summary.cursor = upTo;
        const recalled = fresh.filter((m) => m.msgType === 'revoke').map((m) => String((JSON.parse(m.body) as { pre_msgid?: unknown }).pre_msgid ?? ''));
        if (recalled.some(Boolean)) await this.d.repo.markRecalled(corpId, recalled.filter(Boolean));
        if (fresh.length) await this.d.onArchived(corpId, fresh);
        if (records.length < pageSize) break;
      }
      await this.d.repo.recordPull(corpId, this.d.clock.now(), null);
    } catch (error) {
      const code = error instanceof ChatArchiveError ? error.code : 0;
      const message = error instanceof Error ? error.message : String(error);
      this.d.logger.error({ corpId, code, err: error }, 'chat archive pull failed');
      await this.d.repo.recordPull(corpId, this.d.clock.now(), { code, message: code ? `${message} (${archiveErrorMeaning(code).hint})` : message });
    }
    return summary;
  }

  /** Decrypts and maps a page; what cannot be read is parked with its code. */
  private async readPage(corpId: string, archive: ChatArchivePort, keys: ArchiveKeyRing, records: readonly EncryptedChatRecord[]): Promise<{ messages: ChatMessageRow[]; parked: ArchiveParkedRow[] }> {
    const now = this.d.clock.now();
    const decoded: Array<{ seq: number; message: ReturnType<typeof mapArchivedMessage> }> = [];
    const parked: ArchiveParkedRow[] = [];
    for (const [i, record] of records.entries()) {
      // Let other requests in between: a page is hundreds of RSA unwraps and AES decryptions.
      if (i % 100 === 99) await this.d.sleep(0);
      try {
        const plaintext = await archive.decrypt(keys.unwrap(record), record.encryptChatMsg);
        decoded.push({ seq: record.seq, message: mapArchivedMessage(plaintext, record) });
      } catch (error) {
        if (error instanceof ChatArchiveError && error.retryable) throw error;
        const code = error instanceof ChatArchiveError ? error.code : 10002;
        parked.push({
          id: this.d.ids.next(),
          corpId,
          seq: record.seq,
          msgid: record.msgid.slice(0, 64),
          publickeyVer: record.publickeyVer,
          encryptRandomKey: record.encryptRandomKey,
          encryptChatMsg: record.encryptChatMsg,
          code,
          error: (error instanceof Error ? error.message : String(error)).slice(0, 300),
          parkedAt: now,
        });
      }
    }
    const messages = await toMessageRows(corpId, decoded, this.d.parties, this.d.ids, now);
    return { messages, parked };
  }

  /**
   * Mines again what was stored but never mined (mining failed after the page was committed): the
   * messages still pending that were archived more than `graceMs` ago, oldest first, a bounded batch.
   */
  async retryMining(corpId: string, graceMs = 120_000, limit = 500): Promise<number> {
    const stuck = await this.d.repo.unmined(corpId, new Date(this.d.clock.now().getTime() - graceMs), limit);
    if (stuck.length) await this.d.onArchived(corpId, stuck);
    return stuck.length;
  }

  /** Tries parked records again (after an admin added the missing private key); returns how many came back. */
  async retryParked(corpId: string): Promise<{ recovered: number; still: number }> {
    const archive = this.d.archive;
    if (!archive) return { recovered: 0, still: 0 };
    const keys = await this.d.keys();
    const rows = await this.d.repo.parked(corpId, 1000);
    const decoded: Array<{ seq: number; message: ReturnType<typeof mapArchivedMessage> }> = [];
    const done: string[] = [];
    for (const row of rows) {
      try {
        const plaintext = await archive.decrypt(keys.unwrap(row), row.encryptChatMsg);
        decoded.push({ seq: row.seq, message: mapArchivedMessage(plaintext, row) });
        done.push(row.id);
      } catch {
        // Still unreadable: it stays parked.
      }
    }
    const messages = await toMessageRows(corpId, decoded, this.d.parties, this.d.ids, this.d.clock.now());
    const fresh = await this.d.repo.unpark(corpId, messages, done);
    if (fresh.length) await this.d.onArchived(corpId, fresh);
    return { recovered: done.length, still: rows.length - done.length };
  }
}

/** Resolves who is who for a page and applies the consent messages in order, then builds the rows. */
async function toMessageRows(
  corpId: string,
  decoded: ReadonlyArray<{ seq: number; message: ReturnType<typeof mapArchivedMessage> }>,
  parties: ArchiveParties,
  ids: IdGenerator,
  now: Date,
): Promise<ChatMessageRow[]> {
  if (!decoded.length) return [];
  const people = [...new Set(decoded.flatMap((d) => [d.message.from, ...d.message.tolist]))];
  const known = await parties.resolve(corpId, people);
  const rows: ChatMessageRow[] = [];
  for (const { seq, message } of decoded) {
    if (message.consent) {
      const customer = known.customers.get(message.from);
      if (customer) {
        customer.consent = message.consent === 'agree';
        await parties.setConsent(corpId, customer.id, customer.consent, message.at);
      }
    }
    rows.push(toMessageRow(corpId, seq, message, known, ids.next(), now));
  }
  return rows;
}
