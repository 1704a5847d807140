import { createHmac } from 'node:crypto';
import { FieldCipher } from './field-cipher';
import { maskIdNumber, normaliseIdNumber } from './id-number';

/** What Lodestar keeps of an ID number: a keyed hash to find it by, a cipher, and a masked form. */
export interface ProtectedIdNumber {
  hash: string;
  cipher: string;
  masked: string;
}

/**
 * The one place ID numbers (身份证号) are hashed (HMAC-SHA256, its own key), encrypted
 * (AES-256-GCM, its own key: ID_NUMBER_ENCRYPTION_KEY) and decrypted.
 */
export class IdNumberVault {
  private readonly cipher: FieldCipher;

  constructor(
    private readonly hashKey: string,
    encryptionKeyHex: string,
    iv?: () => Buffer,
  ) {
    this.cipher = new FieldCipher(encryptionKeyHex, 'ID number', iv);
  }

  /** Null when the text is not a valid ID number (checksum included). */
  protect(raw: string): ProtectedIdNumber | null {
    const id = normaliseIdNumber(raw);
    if (!id) return null;
    return { hash: this.hashOf(id), cipher: this.cipher.encrypt(id), masked: maskIdNumber(id) };
  }

  hash(raw: string): string | null {
    const id = normaliseIdNumber(raw);
    return id ? this.hashOf(id) : null;
  }

  decrypt(cipher: string): string {
    return this.cipher.decrypt(cipher);
  }

  private hashOf(id: string): string {
    return createHmac('sha256', this.hashKey).update(`id:${id}`).digest('hex');
  }
}
