import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for one kind of personal field (random 96-bit IV), the same format as the phone
 * vault: `v1:<iv>:<tag>:<data>` in base64url, so a later key rotation can add v2.
 */
export class FieldCipher {
  private readonly key: Buffer;

  constructor(
    keyHex: string,
    /** Named in errors: "the ID number encryption key must be …". */
    private readonly what: string,
    private readonly iv: () => Buffer = () => randomBytes(12),
  ) {
    this.key = Buffer.from(keyHex, 'hex');
    if (this.key.length !== 32) throw new Error(`the ${what} encryption key must be 32 bytes (64 hex digits)`);
  }

  encrypt(text: string): string {
    const iv = this.iv();
    const c = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([c.update(text, 'utf8'), c.final()]);
    return ['v1', iv.toString('base64url'), c.getAuthTag().toString('base64url'), data.toString('base64url')].join(':');
  }

  decrypt(cipher: string): string {
    const [version, iv, tag, data] = cipher.split(':');
    if (version !== 'v1' || !iv || !tag || !data) throw new Error(`not a ${this.what} cipher`);
    const d = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    d.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([d.update(Buffer.from(data, 'base64url')), d.final()]).toString('utf8');
  }
}
