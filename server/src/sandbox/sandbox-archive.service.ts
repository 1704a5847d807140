import type { ArchivePlaintext } from '@lodestar/shared';
import { ArchiveKeyRing } from '../chat';
import type { Clock } from '../platform/clock';
import type { IdGenerator } from '../platform/ids';
import { encryptArchiveRecord, generateArchiveKeyPair, newRandomKey } from './archive-fake.cipher';
import type { SandboxArchiveKeyRow } from './sandbox-archive.entity';
import type { SandboxArchiveRepository } from './sandbox-archive.repository';

export interface SandboxArchiveDeps {
  repo: SandboxArchiveRepository;
  clock: Clock;
  ids: IdGenerator;
  /** Tells the server new messages exist, as WeCom's msgaudit_notify callback does. */
  notify: () => Promise<void>;
}

/**
 * The sandbox corp's side of the chat archive: it holds the corp's RSA key pair (publickey_ver 1),
 * encrypts appended messages the way the vendor's archive serves them, and sends msgaudit_notify.
 */
export class SandboxArchiveService {
  private ring: ArchiveKeyRing | null = null;

  constructor(private readonly d: SandboxArchiveDeps) {}

  /** The private keys the pulling side uses (what WECOM_ARCHIVE_PRIVATE_KEYS holds for a real corp). */
  async keyRing(): Promise<ArchiveKeyRing> {
    if (this.ring) return this.ring;
    const keys = await this.ensureKeys();
    this.ring = new ArchiveKeyRing(new Map(keys.map((k) => [k.ver, k.privateKeyPem])), 'the sandbox archive keys');
    return this.ring;
  }

  async append(messages: readonly ArchivePlaintext[]): Promise<{ appended: number; firstSeq: number; lastSeq: number }> {
    const keys = await this.ensureKeys();
    const key = keys[keys.length - 1]!;
    const now = this.d.clock.now();
    const records = messages.map((m) => {
      const plaintext = { ...m, msgid: m.msgid ?? `sandbox-${this.d.ids.next()}`, action: m.action ?? 'send', roomid: m.roomid ?? '', msgtime: m.msgtime ?? now.getTime() };
      // The database gives the seq; the record is encrypted without it, as nothing in it depends on it.
      const r = encryptArchiveRecord({ seq: 0, msgid: plaintext.msgid, plaintext: JSON.stringify(plaintext), publicKeyPem: key.publicKeyPem, publickeyVer: key.ver, randomKey: newRandomKey() });
      return { msgid: r.msgid, publickeyVer: r.publickeyVer, encryptRandomKey: r.encryptRandomKey, encryptChatMsg: r.encryptChatMsg };
    });
    const seqs = await this.d.repo.append(records, now);
    await this.d.notify();
    return { appended: seqs.length, firstSeq: seqs[0] ?? 0, lastSeq: seqs[seqs.length - 1] ?? 0 };
  }

  private async ensureKeys(): Promise<SandboxArchiveKeyRow[]> {
    let keys = await this.d.repo.keys();
    if (!keys.length) {
      const pair = generateArchiveKeyPair();
      await this.d.repo.addKey({ ver: 1, publicKeyPem: pair.publicKeyPem, privateKeyPem: pair.privateKeyPem, createdAt: this.d.clock.now() });
      keys = await this.d.repo.keys();
    }
    return keys;
  }
}
