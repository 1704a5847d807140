import { randomBytes } from 'node:crypto';
import { FieldCipher } from './field-cipher';
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
  private readonly cipher: FieldCipher;

  constructor(
    private readonly hashKey: string,
    encryptionKeyHex: string,
    iv: () => Buffer = () => randomBytes(12),
  ) {
    this.cipher = new FieldCipher(encryptionKeyHex, 'phone', iv);
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
    return this.cipher.encrypt(phone);
  }

  decrypt(cipher: string): string {
    return this.cipher.decrypt(cipher);
  }
}

/** 13812345678 → 138****5678 */
export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '****';
}
