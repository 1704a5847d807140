import { ArchiveKeyRing, ChatArchiveError, mapArchivedMessage } from '../chat/archive';
import { SequentialIdGenerator } from '../platform/ids';
import { encryptArchiveRecord, generateArchiveKeyPair, newRandomKey, sandboxDecryptData, sandboxEncryptChatMsg } from './archive-fake.cipher';

describe('the sandbox archive cipher', () => {
  let keys: { publicKeyPem: string; privateKeyPem: string };
  beforeAll(() => {
    keys = generateArchiveKeyPair();
  });

  it('generates an RSA-2048 pair with a PKCS#1 private key', () => {
    expect(keys.privateKeyPem).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
    expect(keys.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
  });

  it('round-trips a record: the key ring unwraps the random key, the sandbox DecryptData opens the message', () => {
    const plaintext = JSON.stringify({
      msgid: 'CAQQ2fbb4QUY0On2rYSAgAMgip/yzgs=',
      action: 'send',
      from: 'wmCustomerA',
      tolist: ['agent001'],
      roomid: '',
      msgtime: 1700000000000,
      msgtype: 'text',
      text: { content: '百万医疗险怎么报销？' },
    });
    const randomKey = newRandomKey();
    const record = encryptArchiveRecord({ seq: 196, msgid: 'CAQQ2fbb4QUY0On2rYSAgAMgip/yzgs=', plaintext, publicKeyPem: keys.publicKeyPem, publickeyVer: 3, randomKey });
    expect(record).toMatchObject({ seq: 196, msgid: 'CAQQ2fbb4QUY0On2rYSAgAMgip/yzgs=', publickeyVer: 3 });
    expect(Buffer.from(record.encryptRandomKey, 'base64')).toHaveLength(256);
    expect(record.encryptChatMsg).not.toContain('百万');

    const ring = new ArchiveKeyRing({ '3': keys.privateKeyPem });
    const unwrapped = ring.unwrap(record);
    expect(unwrapped).toBe(randomKey);
    const opened = sandboxDecryptData(unwrapped, record.encryptChatMsg);
    expect(opened).toBe(plaintext);
    expect(mapArchivedMessage(opened, record).text).toBe('百万医疗险怎么报销？');
  });

  it('prepends a fresh IV, so the same message encrypts differently each time', () => {
    const a = sandboxEncryptChatMsg('k'.repeat(32), 'hello');
    const b = sandboxEncryptChatMsg('k'.repeat(32), 'hello');
    expect(a).not.toBe(b);
    const iv = Buffer.alloc(16, 7);
    expect(Buffer.from(sandboxEncryptChatMsg('k'.repeat(32), 'hello', iv), 'base64').subarray(0, 16)).toEqual(iv);
    expect(sandboxEncryptChatMsg('k'.repeat(32), 'hello', iv)).toBe(sandboxEncryptChatMsg('k'.repeat(32), 'hello', iv));
  });

  it('fails with 10006 for the wrong random key or a damaged message', () => {
    const msg = sandboxEncryptChatMsg('right-key-right-key-right-key-12', '{"msgid":"x"}', Buffer.alloc(16, 1));
    const wrong = (() => {
      try {
        return sandboxDecryptData('wrong-key-wrong-key-wrong-key-12', msg);
      } catch (e) {
        return e;
      }
    })();
    // A wrong key either fails the padding check (10006) or yields other bytes; it never yields the message.
    if (wrong instanceof ChatArchiveError) expect(wrong.code).toBe(10006);
    else expect(wrong).not.toBe('{"msgid":"x"}');
    expect(() => sandboxDecryptData('k', 'AAAA')).toThrow(expect.objectContaining({ code: 10006 }));
    expect(() => sandboxDecryptData('k', Buffer.alloc(40).toString('base64'))).toThrow(/not an IV and whole AES blocks/);
  });

  it('makes 32-character random keys from random bytes or from the id generator', () => {
    const bytes = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => i));
    expect(newRandomKey(bytes)).toBe('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef');
    const ids = new SequentialIdGenerator('rk');
    const first = newRandomKey(ids);
    const second = newRandomKey(ids);
    expect(first).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(second).not.toBe(first);
    expect(newRandomKey(new SequentialIdGenerator('rk'))).toBe(first);
    expect(newRandomKey()).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(() => newRandomKey(() => Buffer.alloc(8))).toThrow(/32 random bytes/);
  });
});
