import { ChatArchiveError, checkFetchArgs, type ChatArchivePort, type EncryptedChatRecord } from '../chat';
import { sandboxDecryptData } from './archive-fake.cipher';

/** Where the sandbox keeps its archive: records already encrypted (archive-fake.cipher.ts) and media. */
export interface SandboxArchiveStore {
  /** Records with seq greater than `afterSeq`, at most `limit`, in seq order. */
  after(afterSeq: number, limit: number): Promise<EncryptedChatRecord[]>;
  /** null when the archive has no such file. */
  media(sdkFileId: string): Promise<Buffer | null>;
}

/** A store in memory: tests, and a sandbox that keeps nothing across restarts. */
export class InMemoryArchiveStore implements SandboxArchiveStore {
  private readonly records: EncryptedChatRecord[] = [];
  private readonly files = new Map<string, Buffer>();

  /** Adds a record; seqs must grow, as the archive's do. */
  append(record: EncryptedChatRecord): void {
    const last = this.records[this.records.length - 1];
    if (last && record.seq <= last.seq) throw new Error(`seq ${record.seq} does not follow ${last.seq}`);
    this.records.push(record);
  }

  putMedia(sdkFileId: string, data: Buffer): void {
    this.files.set(sdkFileId, Buffer.from(data));
  }

  get lastSeq(): number {
    return this.records[this.records.length - 1]?.seq ?? 0;
  }

  async after(afterSeq: number, limit: number): Promise<EncryptedChatRecord[]> {
    return this.records.filter((r) => r.seq > afterSeq).slice(0, limit).map((r) => ({ ...r }));
  }

  async media(sdkFileId: string): Promise<Buffer | null> {
    const data = this.files.get(sdkFileId);
    return data ? Buffer.from(data) : null;
  }
}

/**
 * The chat archive of the sandbox: the port over a store, with the sandbox's DecryptData. Faults
 * can be planned for tests and demos: `failNext(10001, 2)` makes the next two fetches fail the way
 * the vendor's SDK does on a network error.
 */
export class SandboxChatArchive implements ChatArchivePort {
  private readonly faults: number[] = [];
  private closed = false;

  constructor(private readonly store: SandboxArchiveStore) {}

  /** The next `times` fetch calls throw ChatArchiveError(code). Plans queue up in order. */
  failNext(code: number, times = 1): void {
    if (!Number.isInteger(times) || times < 1) throw new Error(`times must be a whole number ≥ 1 (got ${times})`);
    for (let i = 0; i < times; i += 1) this.faults.push(code);
  }

  /** Fetch failures still planned. */
  get pendingFaults(): number {
    return this.faults.length;
  }

  async fetch(afterSeq: number, limit: number): Promise<EncryptedChatRecord[]> {
    this.ensureOpen();
    checkFetchArgs(afterSeq, limit);
    const fault = this.faults.shift();
    if (fault !== undefined) throw new ChatArchiveError(fault, `the sandbox archive failed a fetch after seq ${afterSeq} as planned`, { seq: afterSeq });
    const page = await this.store.after(afterSeq, limit);
    // Whatever the store does, the port's promise holds: after afterSeq, in order, at most limit.
    return page
      .filter((r) => r.seq > afterSeq)
      .sort((a, b) => a.seq - b.seq)
      .slice(0, limit);
  }

  async decrypt(randomKey: string, encryptChatMsg: string): Promise<string> {
    this.ensureOpen();
    return sandboxDecryptData(randomKey, encryptChatMsg);
  }

  async media(sdkFileId: string): Promise<Buffer> {
    this.ensureOpen();
    const data = sdkFileId ? await this.store.media(sdkFileId) : null;
    if (!data) throw new ChatArchiveError(10005, `the sandbox archive has no file ${JSON.stringify(sdkFileId)}`);
    return data;
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private ensureOpen(): void {
    if (this.closed) throw new Error('The sandbox chat archive was closed');
  }
}
