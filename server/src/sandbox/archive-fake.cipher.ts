import { constants, createCipheriv, createDecipheriv, createHash, generateKeyPairSync, publicEncrypt, randomBytes } from 'node:crypto';
import { ChatArchiveError, type EncryptedChatRecord } from '../chat';

/**
 * The sandbox's stand-ins for the vendor's side of the chat archive.
 *
 * The random-key wrapping is the real protocol: RSA PKCS#1 v1.5 with the corp's public key, so the
 * sandbox exercises the same ArchiveKeyRing (and its key versions) a real tenant uses.
 *
 * The message cipher is NOT WeCom's. The real encrypt_chat_msg is opened only by the vendor's
 * DecryptData inside libWeWorkFinanceSdk_C.so (NativeChatArchive). Here, so the sandbox can run
 * without it, encrypt_chat_msg is base64(IV ‖ AES-256-CBC(plaintext)) with key = sha256(randomKey)
 * and a random 16-byte IV, and sandboxDecryptData is the sandbox's DecryptData.
 */

/** Where randomness comes from: the id generator, or a source of random bytes. */
export type RandomKeySource = { next(): string } | ((size: number) => Buffer);

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A 32-character random key (letters and digits), like the ones the archive wraps. */
export function newRandomKey(source: RandomKeySource = randomBytes): string {
  const bytes = typeof source === 'function' ? source(32) : createHash('sha256').update(source.next()).digest();
  if (bytes.length < 32) throw new Error(`newRandomKey needs 32 random bytes (got ${bytes.length})`);
  let key = '';
  for (let i = 0; i < 32; i += 1) key += alphabet[bytes[i]! % alphabet.length];
  return key;
}

/** A corp key pair as the admin would make it: RSA-2048, the private key as PKCS#1 PEM. */
export function generateArchiveKeyPair(): { publicKeyPem: string; privateKeyPem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  return { publicKeyPem: publicKey, privateKeyPem: privateKey };
}

const aesKey = (randomKey: string): Buffer => createHash('sha256').update(randomKey, 'utf8').digest();

/** The sandbox's encrypt_chat_msg: base64(IV ‖ AES-256-CBC(plaintext)), key sha256(randomKey). */
export function sandboxEncryptChatMsg(randomKey: string, plaintext: string, iv: Buffer = randomBytes(16)): string {
  if (iv.length !== 16) throw new Error(`the IV must be 16 bytes (got ${iv.length})`);
  const cipher = createCipheriv('aes-256-cbc', aesKey(randomKey), iv);
  return Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}

/** The sandbox's DecryptData (the inverse of sandboxEncryptChatMsg); 10006 when it does not open. */
export function sandboxDecryptData(randomKey: string, encryptChatMsg: string): string {
  const raw = Buffer.from(encryptChatMsg, 'base64');
  if (raw.length < 32 || (raw.length - 16) % 16 !== 0) {
    throw new ChatArchiveError(10006, `encrypt_chat_msg is ${raw.length} bytes, not an IV and whole AES blocks`);
  }
  try {
    const decipher = createDecipheriv('aes-256-cbc', aesKey(randomKey), raw.subarray(0, 16));
    return Buffer.concat([decipher.update(raw.subarray(16)), decipher.final()]).toString('utf8');
  } catch (error) {
    throw new ChatArchiveError(10006, 'the sandbox could not decrypt encrypt_chat_msg with this random key', { cause: error });
  }
}

export interface ArchiveRecordInput {
  seq: number;
  msgid: string;
  /** The message JSON, as DecryptData would return it. */
  plaintext: string;
  /** The corp's public key of `publickeyVer` (SPKI or PKCS#1 PEM). */
  publicKeyPem: string;
  publickeyVer: number;
  randomKey: string;
  /** Tests may fix the IV; otherwise random. */
  iv?: Buffer;
}

/** One record as the sandbox archive serves it: the random key RSA-wrapped, the message AES-encrypted. */
export function encryptArchiveRecord(input: ArchiveRecordInput): EncryptedChatRecord {
  const wrapped = publicEncrypt({ key: input.publicKeyPem, padding: constants.RSA_PKCS1_PADDING }, Buffer.from(input.randomKey, 'utf8'));
  return {
    seq: input.seq,
    msgid: input.msgid,
    publickeyVer: input.publickeyVer,
    encryptRandomKey: wrapped.toString('base64'),
    encryptChatMsg: sandboxEncryptChatMsg(input.randomKey, input.plaintext, input.iv),
  };
}
