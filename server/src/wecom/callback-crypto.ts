import { createDecipheriv, createHash, timingSafeEqual } from 'node:crypto';
import { decrypt as wecomDecrypt, getSignature } from '@wecom/crypto';

/** Why a callback was refused; each maps to a 4xx and changes nothing. */
export type CallbackRejection = 'bad_signature' | 'stale_timestamp' | 'bad_ciphertext' | 'bad_padding' | 'wrong_receive_id' | 'malformed_xml' | 'missing_parameters';

export interface CallbackQuery {
  msgSignature: string;
  timestamp: string;
  nonce: string;
}

/** msg_signature = sha1(sorted token, timestamp, nonce, encrypted), compared in constant time. */
export function signatureMatches(token: string, q: CallbackQuery, encrypted: string): boolean {
  const expected = Buffer.from(getSignature(token, q.timestamp, q.nonce, encrypted), 'utf8');
  const given = Buffer.from(q.msgSignature.toLowerCase(), 'utf8');
  // Hash both sides so the comparison takes the same time whatever the given length.
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}

/** WeCom's timestamp (seconds) must be within `windowSeconds` of now, either way. */
export function timestampFresh(timestamp: string, now: Date, windowSeconds = 300): boolean {
  if (!/^\d{1,12}$/.test(timestamp)) return false;
  return Math.abs(now.getTime() / 1000 - Number(timestamp)) <= windowSeconds;
}

function aesKey(encodingAesKey: string): Buffer {
  return Buffer.from(`${encodingAesKey}=`, 'base64');
}

/**
 * The PKCS#7 padding length (block of 32, as WeCom pads), or 0 when invalid. Only the last AES block
 * is decrypted:
 * in CBC, its plaintext is D(C_n) XOR C_(n-1), so nothing else needs decrypting twice.
 */
export function paddingLength(encodingAesKey: string, cipher: Buffer): number {
  if (cipher.length < 32 || cipher.length % 16 !== 0) return 0;
  const key = aesKey(encodingAesKey);
  const prev = cipher.subarray(cipher.length - 32, cipher.length - 16);
  const last = cipher.subarray(cipher.length - 16);
  const d = createDecipheriv('aes-256-ecb', key, null);
  d.setAutoPadding(false);
  const block = Buffer.concat([d.update(last), d.final()]);
  const plain = Buffer.alloc(16);
  for (let i = 0; i < 16; i++) plain[i] = block[i]! ^ prev[i]!;
  const pad = plain[15]!;
  if (pad < 1 || pad > 32) return 0;
  // Padding longer than one AES block reaches into the block before; check what we have here.
  const inBlock = Math.min(pad, 16);
  for (let i = 16 - inBlock; i < 16; i++) if (plain[i] !== pad) return 0;
  return pad;
}

export type DecryptResult = { ok: true; message: string } | { ok: false; reason: CallbackRejection };

/** Decrypts a callback ciphertext and checks padding, structure and the ReceiveId (the corp id). */
export function decryptCallback(encodingAesKey: string, encrypted: string, receiveId: string): DecryptResult {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encrypted)) return { ok: false, reason: 'bad_ciphertext' };
  const cipher = Buffer.from(encrypted, 'base64');
  const pad = paddingLength(encodingAesKey, cipher);
  if (pad === 0) return { ok: false, reason: 'bad_padding' };
  let decrypted: { message: string; id: string };
  try {
    decrypted = wecomDecrypt(encodingAesKey, encrypted);
  } catch {
    return { ok: false, reason: 'bad_ciphertext' };
  }
  const total = cipher.length - pad;
  if (Buffer.byteLength(decrypted.message) + Buffer.byteLength(decrypted.id) + 20 !== total || decrypted.id.length === 0) {
    return { ok: false, reason: 'bad_ciphertext' };
  }
  if (decrypted.id !== receiveId) return { ok: false, reason: 'wrong_receive_id' };
  return { ok: true, message: decrypted.message };
}
