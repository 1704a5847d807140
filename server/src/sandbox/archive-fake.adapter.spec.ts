import { ChatArchiveError, type EncryptedChatRecord, withArchiveRetries } from '../chat/archive';
import { InMemoryArchiveStore, SandboxChatArchive, type SandboxArchiveStore } from './archive-fake.adapter';
import { sandboxEncryptChatMsg } from './archive-fake.cipher';

const rec = (seq: number, encryptChatMsg = `c${seq}`): EncryptedChatRecord => ({
  seq,
  msgid: `m${seq}`,
  publickeyVer: 1,
  encryptRandomKey: `k${seq}`,
  encryptChatMsg,
});

function storeWith(seqs: number[]): InMemoryArchiveStore {
  const store = new InMemoryArchiveStore();
  for (const s of seqs) store.append(rec(s));
  return store;
}

const seqsOf = (records: EncryptedChatRecord[]) => records.map((r) => r.seq);

describe('SandboxChatArchive', () => {
  it('pages through the records after a seq, at most limit at a time', async () => {
    const archive = new SandboxChatArchive(storeWith([1, 2, 3, 5, 8]));
    expect(seqsOf(await archive.fetch(0, 2))).toEqual([1, 2]);
    expect(seqsOf(await archive.fetch(2, 2))).toEqual([3, 5]);
    expect(seqsOf(await archive.fetch(5, 2))).toEqual([8]);
    expect(await archive.fetch(8, 2)).toEqual([]);
    expect(seqsOf(await archive.fetch(4, 1000))).toEqual([5, 8]);
  });

  it('keeps the port’s promise even when the store answers out of order or too much', async () => {
    const sloppy: SandboxArchiveStore = { after: async () => [rec(9), rec(3), rec(7), rec(2)], media: async () => null };
    expect(seqsOf(await new SandboxChatArchive(sloppy).fetch(2, 2))).toEqual([3, 7]);
  });

  it('refuses a limit outside 1..1000 as a parameter error', async () => {
    const archive = new SandboxChatArchive(storeWith([1]));
    await expect(archive.fetch(0, 1001)).rejects.toMatchObject({ code: 10000 });
    await expect(archive.fetch(0, 0)).rejects.toMatchObject({ code: 10000 });
  });

  it('fails the next fetches as planned, then serves again', async () => {
    const archive = new SandboxChatArchive(storeWith([1, 2]));
    archive.failNext(10001, 2);
    archive.failNext(10009);
    expect(archive.pendingFaults).toBe(3);
    await expect(archive.fetch(0, 10)).rejects.toMatchObject({ code: 10001, retryable: true, seq: 0 });
    await expect(archive.fetch(0, 10)).rejects.toMatchObject({ code: 10001 });
    await expect(archive.fetch(0, 10)).rejects.toMatchObject({ code: 10009, retryable: false });
    expect(seqsOf(await archive.fetch(0, 10))).toEqual([1, 2]);
    expect(() => archive.failNext(10001, 0)).toThrow(/times/);
  });

  it('lets withArchiveRetries ride over planned network errors', async () => {
    const archive = new SandboxChatArchive(storeWith([1, 2, 3]));
    archive.failNext(10001, 2);
    const waits: number[] = [];
    const page = await withArchiveRetries(() => archive.fetch(1, 10), { attempts: 3, baseDelayMs: 100, sleep: async (ms) => void waits.push(ms) });
    expect(seqsOf(page)).toEqual([2, 3]);
    expect(waits).toEqual([100, 200]);
  });

  it('decrypts with the sandbox DecryptData', async () => {
    const archive = new SandboxChatArchive(new InMemoryArchiveStore());
    const msg = sandboxEncryptChatMsg('r'.repeat(32), '{"msgid":"m1"}');
    await expect(archive.decrypt('r'.repeat(32), msg)).resolves.toBe('{"msgid":"m1"}');
    await expect(archive.decrypt('r'.repeat(32), 'AAAA')).rejects.toBeInstanceOf(ChatArchiveError);
  });

  it('serves stored media and answers 10005 for an unknown sdkfileid', async () => {
    const store = new InMemoryArchiveStore();
    store.putMedia('file-1', Buffer.from([1, 0, 2]));
    const archive = new SandboxChatArchive(store);
    expect([...(await archive.media('file-1'))]).toEqual([1, 0, 2]);
    await expect(archive.media('file-2')).rejects.toMatchObject({ code: 10005, retryable: false });
    await expect(archive.media('')).rejects.toMatchObject({ code: 10005 });
  });

  it('stops answering once closed', async () => {
    const archive = new SandboxChatArchive(storeWith([1]));
    await archive.close();
    await expect(archive.fetch(0, 1)).rejects.toThrow(/closed/);
  });
});

describe('InMemoryArchiveStore', () => {
  it('keeps seqs growing and hands out copies', async () => {
    const store = storeWith([1, 2]);
    expect(() => store.append(rec(2))).toThrow(/seq 2 does not follow 2/);
    expect(store.lastSeq).toBe(2);
    const [first] = await store.after(0, 1);
    first!.msgid = 'changed';
    expect((await store.after(0, 1))[0]!.msgid).toBe('m1');
  });
});
