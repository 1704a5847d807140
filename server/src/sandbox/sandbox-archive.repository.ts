import type { DataSource } from 'typeorm';
import { MoreThan } from 'typeorm';
import type { EncryptedChatRecord } from '../chat';
import { SandboxArchiveKeyRow, SandboxArchiveRecordRow } from './sandbox-archive.entity';
import type { SandboxArchiveStore } from './archive-fake.adapter';

/**
 * The sandbox archive in the database, so every process of a sandbox (api and workers) reads the
 * same records: seq is the table's auto-increment, as the vendor's seq only grows.
 */
export class SandboxArchiveRepository implements SandboxArchiveStore {
  constructor(private readonly ds: DataSource) {}

  async after(afterSeq: number, limit: number): Promise<EncryptedChatRecord[]> {
    const rows = await this.ds.getRepository(SandboxArchiveRecordRow).find({ where: { seq: MoreThan(afterSeq) }, order: { seq: 'ASC' }, take: limit });
    return rows.map((r) => ({ seq: r.seq, msgid: r.msgid, publickeyVer: r.publickeyVer, encryptRandomKey: r.encryptRandomKey, encryptChatMsg: r.encryptChatMsg }));
  }

  /** The sandbox's images and files are made up: any id it issued (`sandbox-media:…`) reads as a small file. */
  async media(sdkFileId: string): Promise<Buffer | null> {
    return sdkFileId.startsWith('sandbox-media:') ? Buffer.from(`sandbox media ${sdkFileId.slice('sandbox-media:'.length)}`) : null;
  }

  /** Appends records in order; returns the seqs the database gave them. */
  async append(records: ReadonlyArray<Omit<EncryptedChatRecord, 'seq'>>, at: Date): Promise<number[]> {
    const seqs: number[] = [];
    await this.ds.transaction(async (em) => {
      for (const r of records) {
        const result = await em.getRepository(SandboxArchiveRecordRow).insert({ ...r, createdAt: at });
        seqs.push(Number((result.identifiers[0] as { seq: number }).seq));
      }
    });
    return seqs;
  }

  async keys(): Promise<SandboxArchiveKeyRow[]> {
    return this.ds.getRepository(SandboxArchiveKeyRow).find({ order: { ver: 'ASC' } });
  }

  /** Stores a key pair unless that version exists (two processes starting at once keep the first). */
  async addKey(row: SandboxArchiveKeyRow): Promise<void> {
    await this.ds.createQueryBuilder().insert().into(SandboxArchiveKeyRow).values(row).orIgnore().execute();
  }
}
