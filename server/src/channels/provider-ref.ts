import { createHash } from 'node:crypto';

/**
 * Our idempotency key in a form a provider accepts as its client serial: WeChat's client_msg_id
 * and most SMS gateways' serials stop at 64 bytes. A short ASCII key goes as it is (readable in
 * the provider's console); a longer or non-ASCII one as its SHA-256, which is just as stable, so
 * a retry with the same key still names the same send.
 */
export function providerRef(key: string, maxBytes = 64): string {
  if (Buffer.byteLength(key, 'utf8') <= maxBytes && /^[\x21-\x7e]+$/.test(key)) return key;
  return createHash('sha256').update(key).digest('hex').slice(0, Math.min(64, maxBytes));
}
