import { isPlainObject, type IdentityClaim } from './tracked-event';
import { maskPhone, normalisePhone } from '../customers';

const namePattern = /^[A-Za-z$_][A-Za-z0-9$_]{0,99}$/;

/** Event names: letters, digits, _ and $, not starting with a digit, at most 100 (Sensors' rule). */
export function validName(name: string): boolean {
  return namePattern.test(name);
}

export function validProperties(p: unknown): p is Record<string, unknown> {
  return isPlainObject(p) && Object.keys(p).length <= 500;
}

/**
 * The event's time: a millisecond timestamp (or ISO text), not more than a day in the future;
 * absent means "now". Null when present but unusable.
 */
export function eventTime(raw: unknown, receivedAt: Date): Date | null {
  if (raw === undefined || raw === null) return receivedAt;
  const ms = typeof raw === 'number' ? raw : typeof raw === 'string' ? (/^\d+$/.test(raw) ? Number(raw) : Date.parse(raw)) : NaN;
  if (!Number.isFinite(ms) || ms < Date.UTC(2000, 0, 1) || ms > receivedAt.getTime() + 86_400_000) return null;
  return new Date(ms);
}

/** ID-Mapping keys ($identity_…) and plain trait names to our identity kinds. */
const identityKeys: Record<string, IdentityClaim['kind']> = {
  $identity_login_id: 'login_id',
  $identity_anonymous_id: 'anonymous_id',
  $identity_cookie_id: 'anonymous_id',
  $identity_android_id: 'anonymous_id',
  $identity_android_uuid: 'anonymous_id',
  $identity_idfv: 'anonymous_id',
  $identity_distinct_id: 'distinct_id',
  $identity_mp_openid: 'openid',
  $identity_mp_id: 'openid',
  $identity_mp_wx_openid: 'openid',
  $identity_mp_unionid: 'unionid',
  $identity_mp_wx_unionid: 'unionid',
  $identity_mobile: 'phone',
  $identity_phone: 'phone',
  $identity_wecom_external_userid: 'external_userid',
  $identity_external_userid: 'external_userid',
  openid: 'openid',
  unionid: 'unionid',
  external_userid: 'external_userid',
  wecom_external_userid: 'external_userid',
};

export function identityFromKey(key: string): IdentityClaim['kind'] | null {
  return identityKeys[key] ?? null;
}

/** Properties that carry a phone number, in any SDK. */
export const phoneKeys: readonly string[] = ['$phone', 'phone', '$mobile', 'mobile', 'phone_number', 'phoneNumber', 'tel'];

/**
 * Takes phone numbers out of properties: each is returned (to be hashed and encrypted) and
 * replaced in place by its masked form, so the event store never holds one in clear.
 */
export function extractPhones(properties: Record<string, unknown>): string[] {
  const found: string[] = [];
  for (const k of phoneKeys) {
    const v = properties[k];
    if (typeof v === 'string' || typeof v === 'number') {
      const phone = normalisePhone(String(v));
      found.push(String(v));
      properties[k] = phone ? maskPhone(phone) : '****';
    }
  }
  return found;
}
