import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { hashPhone, normalisePhone } from './phone-hash';

/** What Lodestar keeps of a phone number: a joinable keyed hash, a cipher, and a masked form. */
export interface ProtectedPhone {
  hash: string;
  cipher: string;
  masked: string;
}

/**
 * The one place phone numbers are hashed, encrypted (AES-256-GCM, random 96-bit IV) and decrypted.
 * Cipher text is `v1:<iv>:<tag>:<data>` in base64url, so a later key rotation can add v2.
 */
export class PhoneVault {
  private readonly key: Buffer;

  constructor(
    private readonly hashKey: string,
    encryptionKeyHex: string,
    private readonly iv: () => Buffer = () => randomBytes(12),
  ) {
    this.key = Buffer.from(encryptionKeyHex, 'hex');
    if (this.key.length !== 32) throw new Error('the phone encryption key must be 32 bytes (64 hex digits)');
  }

  /** Null when the text is not a mainland mobile number. */
  protect(raw: string): ProtectedPhone | null {
    const phone = normalisePhone(raw);
    if (!phone) return null;
    return { hash: hashPhone(this.hashKey, phone), cipher: this.encrypt(phone), masked: maskPhone(phone) };
  }

  hash(raw: string): string | null {
    const phone = normalisePhone(raw);
    return phone ? hashPhone(this.hashKey, phone) : null;
  }

  encrypt(phone: string): string {
    const iv = this.iv();
    const c = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([c.update(phone, 'utf8'), c.final()]);
    return ['v1', iv.toString('base64url'), c.getAuthTag().toString('base64url'), data.toString('base64url')].join(':');
  }

  decrypt(cipher: string): string {
    const [version, iv, tag, data] = cipher.split(':');
    if (version !== 'v1' || !iv || !tag || !data) throw new Error('not a phone cipher');
    const d = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    d.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([d.update(Buffer.from(data, 'base64url')), d.final()]).toString('utf8');
  }
}

/** 13812345678 → 138****5678 */
export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '****';
}
