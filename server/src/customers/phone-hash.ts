import { createHmac } from 'node:crypto';

/** Keeps only the digits of a mainland mobile number (drops +86, spaces and dashes). */
export function normalisePhone(raw: string): string | null {
  const digits = raw.replace(/[\s-]/g, '').replace(/^(\+?86)/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

/** A keyed hash of a phone number: joinable across sources, useless without the key. */
export function hashPhone(key: string, phone: string): string {
  return createHmac('sha256', key).update(phone).digest('hex');
}
