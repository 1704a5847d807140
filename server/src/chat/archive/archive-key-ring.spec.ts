import { constants, createPrivateKey, generateKeyPairSync, publicEncrypt } from 'node:crypto';
import { ConfigError } from '../../platform/config';
import { ArchiveKeyRing, type KeyFiles, loadArchiveKeyRing } from './archive-key-ring';
import { ChatArchiveError, type EncryptedChatRecord } from './chat-archive.port';

interface Pair {
  publicKeyPem: string;
  pkcs1: string;
  pkcs8: string;
}

function pair(): Pair {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    pkcs1: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    pkcs8: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

const record = (p: Pair, ver: number, randomKey: string, seq = 7): EncryptedChatRecord => ({
  seq,
  msgid: `msg-${seq}`,
  publickeyVer: ver,
  encryptRandomKey: publicEncrypt({ key: p.publicKeyPem, padding: constants.RSA_PKCS1_PADDING }, Buffer.from(randomKey)).toString('base64'),
  encryptChatMsg: 'opaque',
});

/** An in-memory file system for the loader. */
function filesOf(tree: Record<string, string | string[]>): KeyFiles {
  return {
    kind: (path) => (path in tree ? (Array.isArray(tree[path]) ? 'dir' : 'file') : null),
    readDir: (path) => tree[path] as string[],
    readFile: (path) => {
      const f = tree[path];
      if (typeof f !== 'string') throw new Error(`ENOENT ${path}`);
      return f;
    },
  };
}

describe('ArchiveKeyRing', () => {
  let v1: Pair;
  let v2: Pair;
  beforeAll(() => {
    v1 = pair();
    v2 = pair();
  });

  it('unwraps each record with the key of its own publickey_ver, PKCS#1 and PKCS#8 alike', () => {
    const ring = new ArchiveKeyRing({ '1': v1.pkcs1, '2': v2.pkcs8 });
    expect(ring.versions).toEqual([1, 2]);
    expect(ring.unwrap(record(v1, 1, 'abcdefghijklmnopqrstuvwxyz012345'))).toBe('abcdefghijklmnopqrstuvwxyz012345');
    expect(ring.unwrap(record(v2, 2, 'ZYXWVUTSRQPONMLKJIHGFEDCBA987654'))).toBe('ZYXWVUTSRQPONMLKJIHGFEDCBA987654');
  });

  it('accepts a Map of versions too', () => {
    const ring = new ArchiveKeyRing(new Map([[3, v1.pkcs8]]));
    expect(ring.has(3)).toBe(true);
    expect(ring.unwrap(record(v1, 3, 'k'.repeat(32)))).toBe('k'.repeat(32));
  });

  it('throws 10007 naming the seq and the version when no key exists for it', () => {
    const ring = new ArchiveKeyRing({ '1': v1.pkcs1 });
    let thrown: unknown;
    try {
      ring.unwrap(record(v2, 5, 'x'.repeat(32), 4242));
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ChatArchiveError);
    expect(thrown).toMatchObject({ code: 10007, seq: 4242, publickeyVer: 5, retryable: false });
    expect((thrown as Error).message).toMatch(/seq 4242.*publickey_ver 5.*WECOM_ARCHIVE_PRIVATE_KEYS/);
  });

  it('throws 10006 when the key of that version does not open the random key', () => {
    const ring = new ArchiveKeyRing({ '1': v1.pkcs1 });
    // Encrypted for v2's public key but labelled version 1.
    expect(() => ring.unwrap(record(v2, 1, 'y'.repeat(32), 9))).toThrow(expect.objectContaining({ code: 10006, seq: 9, publickeyVer: 1 }));
    expect(() => ring.unwrap({ ...record(v1, 1, 'y'.repeat(32)), encryptRandomKey: '' })).toThrow(expect.objectContaining({ code: 10006 }));
    const short = Buffer.alloc(10, 1).toString('base64');
    expect(() => ring.unwrap({ ...record(v1, 1, 'y'.repeat(32), 10), encryptRandomKey: short })).toThrow(/seq 10 with publickey_ver 1/);
  });

  it('refuses a version that is not a positive integer, a non-key and an encrypted key', () => {
    expect(() => new ArchiveKeyRing({ v1: v1.pkcs1 })).toThrow(/WECOM_ARCHIVE_PRIVATE_KEYS.*"v1".*positive whole number/);
    expect(() => new ArchiveKeyRing({ '0': v1.pkcs1 })).toThrow(ConfigError);
    expect(() => new ArchiveKeyRing({ '1': 'hello' })).toThrow(/version 1 is not a PEM RSA private key/);
    expect(() => new ArchiveKeyRing({ '1': v1.publicKeyPem })).toThrow(/version 1 is not a PEM RSA private key/);
    const encrypted = createPrivateKey(v1.pkcs1).export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' }).toString();
    expect(() => new ArchiveKeyRing({ '1': encrypted })).toThrow(/unencrypted/);
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => new ArchiveKeyRing({ '1': ec })).toThrow(/version 1 is not a usable RSA private key \(it is a ec key\)/);
    expect(() => new ArchiveKeyRing({})).toThrow(/holds no keys/);
  });
});

describe('loadArchiveKeyRing', () => {
  let v1: Pair;
  let v2: Pair;
  beforeAll(() => {
    v1 = pair();
    v2 = pair();
  });

  it('reads a JSON file {"<ver>": "<PEM>"}', () => {
    const ring = loadArchiveKeyRing('/etc/lodestar/keys.json', filesOf({ '/etc/lodestar/keys.json': JSON.stringify({ 1: v1.pkcs1, 2: v2.pkcs8 }) }));
    expect(ring.versions).toEqual([1, 2]);
    expect(ring.unwrap(record(v2, 2, 'q'.repeat(32)))).toBe('q'.repeat(32));
  });

  it('reads a folder of <ver>.pem files and ignores other files', () => {
    const files = filesOf({ '/keys': ['2.pem', '1.pem', 'README.txt'], '/keys/1.pem': v1.pkcs8, '/keys/2.pem': v2.pkcs1 });
    const ring = loadArchiveKeyRing('/keys', files);
    expect(ring.versions).toEqual([1, 2]);
    expect(ring.unwrap(record(v1, 1, 'w'.repeat(32)))).toBe('w'.repeat(32));
  });

  it('names the variable and the file in every configuration error', () => {
    expect(() => loadArchiveKeyRing('/nope.json', filesOf({}))).toThrow('Invalid configuration: WECOM_ARCHIVE_PRIVATE_KEYS: /nope.json does not exist');
    expect(() => loadArchiveKeyRing('/k.json', filesOf({ '/k.json': 'not json' }))).toThrow(/WECOM_ARCHIVE_PRIVATE_KEYS: \/k.json is not JSON/);
    expect(() => loadArchiveKeyRing('/k.json', filesOf({ '/k.json': '["a"]' }))).toThrow(/\/k.json must hold a JSON object/);
    expect(() => loadArchiveKeyRing('/k.json', filesOf({ '/k.json': JSON.stringify({ latest: v1.pkcs1 }) }))).toThrow(/\/k.json has "latest"/);
    expect(() => loadArchiveKeyRing('/k.json', filesOf({ '/k.json': JSON.stringify({ 1: 'oops' }) }))).toThrow(/\/k.json version 1 is not a PEM/);
    expect(() => loadArchiveKeyRing('/keys', filesOf({ '/keys': ['a.txt'] }))).toThrow(/\/keys holds no <publickey_ver>.pem files/);
    expect(() => loadArchiveKeyRing('/keys', filesOf({ '/keys': ['one.pem'], '/keys/one.pem': v1.pkcs1 }))).toThrow(/\/keys\/one.pem has "one"/);
    expect(() => loadArchiveKeyRing(v1.pkcs1, filesOf({}))).toThrow(/must be a path/);
  });
});
