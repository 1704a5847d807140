import { constants, createPrivateKey, privateDecrypt, type KeyObject } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../../platform/config';
import { ChatArchiveError, type EncryptedChatRecord } from './chat-archive.port';
import { pkcs1v15Unpad } from './pkcs1-v15';

/** The environment variable that points at the keys; named in every configuration error. */
export const archiveKeysVariable = 'WECOM_ARCHIVE_PRIVATE_KEYS';

const shape = 'a JSON file {"<publickey_ver>": "-----BEGIN RSA PRIVATE KEY-----…"} or a folder of <publickey_ver>.pem files';

/** `where` names the place the keys came from (a file, a folder, the variable) in error messages. */
const configError = (where: string, problem: string): ConfigError =>
  new ConfigError(`Invalid configuration: ${archiveKeysVariable}: ${where} ${problem}`);

/** One key as read: its version as written (a JSON key or a file name), the PEM, and its origin. */
export interface ArchiveKeyEntry {
  ver: string;
  pem: string;
  where: string;
}

/** A publickey_ver as written in a JSON key or a file name: a positive whole number. */
function parseVersion(raw: string, where: string): number {
  const ver = /^[1-9][0-9]{0,8}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!Number.isSafeInteger(ver)) throw configError(where, `has "${raw}", which is not a publickey_ver (a positive whole number)`);
  return ver;
}

/** One PEM (PKCS#1 "RSA PRIVATE KEY" or PKCS#8 "PRIVATE KEY") → Node's key; Node parses both and says clearly what is wrong. */
function parsePrivateKey(pem: string, ver: number, where: string): KeyObject {
  if (!/-----BEGIN (RSA )?PRIVATE KEY-----/.test(pem)) {
    const encrypted = pem.includes('ENCRYPTED PRIVATE KEY') || pem.includes('Proc-Type: 4,ENCRYPTED');
    throw configError(where, `version ${ver} is not ${encrypted ? 'an unencrypted' : 'a PEM'} RSA private key (expected -----BEGIN RSA PRIVATE KEY----- or -----BEGIN PRIVATE KEY-----)`);
  }
  try {
    const key = createPrivateKey({ key: pem, format: 'pem' });
    if (key.asymmetricKeyType !== 'rsa') throw new Error(`it is a ${key.asymmetricKeyType ?? 'non-RSA'} key`);
    return key;
  } catch (error) {
    throw configError(where, `version ${ver} is not a usable RSA private key (${(error as Error).message})`);
  }
}

/**
 * The corp's archive private keys by publickey_ver, parsed once. Every version ever uploaded must
 * stay here: each record names the version its random key was encrypted for.
 */
export class ArchiveKeyRing {
  private readonly keys = new Map<number, KeyObject>();

  /**
   * `pems`: publickey_ver → PEM, or entries each naming where it came from. `where` names the
   * origin of a map in error messages.
   */
  constructor(pems: Readonly<Record<string, string>> | ReadonlyMap<number, string> | readonly ArchiveKeyEntry[], where = 'the key map') {
    const entries: ArchiveKeyEntry[] = Array.isArray(pems)
      ? [...(pems as readonly ArchiveKeyEntry[])]
      : pems instanceof Map
        ? [...pems].map(([v, pem]) => ({ ver: String(v), pem, where }))
        : Object.entries(pems as Record<string, string>).map(([ver, pem]) => ({ ver, pem, where }));
    if (entries.length === 0) throw configError(where, `holds no keys (${shape})`);
    for (const e of entries) {
      const ver = parseVersion(e.ver, e.where);
      if (typeof e.pem !== 'string') throw configError(e.where, `version ${ver} is not a PEM string`);
      if (this.keys.has(ver)) throw configError(e.where, `has version ${ver} twice`);
      this.keys.set(ver, parsePrivateKey(e.pem, ver, e.where));
    }
  }

  /** The versions held, in order. */
  get versions(): number[] {
    return [...this.keys.keys()].sort((a, b) => a - b);
  }

  has(publickeyVer: number): boolean {
    return this.keys.has(publickeyVer);
  }

  /**
   * The record's random key in clear: base64-decode encrypt_random_key and RSA PKCS#1 v1.5-decrypt
   * it with the key of the record's publickey_ver (Node's RSA without padding, then pkcs1v15Unpad). 10007 when that version is missing, 10006 when
   * decryption fails (the wrong key, or a corrupt record).
   */
  unwrap(record: EncryptedChatRecord): string {
    const context = { seq: record.seq, publickeyVer: record.publickeyVer };
    const key = this.keys.get(record.publickeyVer);
    if (!key) {
      throw new ChatArchiveError(
        10007,
        `record seq ${record.seq} (msgid ${record.msgid}) needs publickey_ver ${record.publickeyVer}, which ${archiveKeysVariable} lacks (it has ${this.versions.join(', ')})`,
        context,
      );
    }
    const encrypted = Buffer.from(record.encryptRandomKey, 'base64');
    try {
      if (encrypted.length === 0) throw new Error('encrypt_random_key is empty');
      return pkcs1v15Unpad(privateDecrypt({ key, padding: constants.RSA_NO_PADDING }, encrypted)).toString('utf8');
    } catch (error) {
      throw new ChatArchiveError(
        10006,
        `could not unwrap the random key of record seq ${record.seq} with publickey_ver ${record.publickeyVer}: ${(error as Error).message}`,
        { ...context, cause: error },
      );
    }
  }
}

/** The file system as the loader needs it; node:fs by default. */
export interface KeyFiles {
  /** null when nothing is there. */
  kind(path: string): 'file' | 'dir' | null;
  readDir(path: string): string[];
  readFile(path: string): string;
}

export const nodeKeyFiles: KeyFiles = {
  kind: (path) => {
    const s = statSync(path, { throwIfNoEntry: false });
    return s ? (s.isDirectory() ? 'dir' : 'file') : null;
  },
  readDir: (path) => readdirSync(path),
  readFile: (path) => readFileSync(path, 'utf8'),
};

/**
 * Reads WECOM_ARCHIVE_PRIVATE_KEYS: a path to a JSON file {"1": "-----BEGIN…", "2": …} or to a
 * folder of `<publickey_ver>.pem` files (other files there are ignored). Throws a ConfigError
 * naming the variable, the file and what is wrong.
 */
export function loadArchiveKeyRing(source: string, files: KeyFiles = nodeKeyFiles): ArchiveKeyRing {
  const path = source.trim();
  if (path.startsWith('-----BEGIN') || path.startsWith('{')) {
    throw configError('the value', `must be a path to ${shape}, not the key itself`);
  }
  const kind = files.kind(path);
  if (kind === null) throw configError(path, `does not exist (${shape})`);
  if (kind === 'dir') {
    const entries = files
      .readDir(path)
      .filter((name) => name.toLowerCase().endsWith('.pem'))
      .sort()
      .map((name) => ({ ver: name.slice(0, -'.pem'.length), pem: files.readFile(join(path, name)), where: join(path, name) }));
    if (entries.length === 0) throw configError(path, `holds no <publickey_ver>.pem files (${shape})`);
    return new ArchiveKeyRing(entries, path);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(files.readFile(path));
  } catch (error) {
    throw configError(path, `is not JSON (${(error as Error).message}); expected ${shape}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw configError(path, `must hold a JSON object {"<publickey_ver>": "<PEM>"}`);
  }
  return new ArchiveKeyRing(parsed as Record<string, string>, path);
}
