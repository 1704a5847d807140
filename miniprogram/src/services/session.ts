import { platform } from './platform';
import type { MpSource, TokenProvider } from './source';
import type { MpCustomer, MpLoginResponse } from './types';
import { launchQuery, loginCode, referrerFromQuery } from './wechat';

const sessionKey = 'lodestar.session';
const referrerKey = 'lodestar.referrer';

interface Stored {
  token: string;
  expiresAt: string;
  customer: MpCustomer;
}

export interface Session extends TokenProvider {
  /** Logs in if needed and returns who the customer is. */
  ensure(): Promise<MpCustomer>;
  /** The signed-in customer, or null before the first login finished. */
  customer(): MpCustomer | null;
  /** Remembers a referral code seen on a launch or a shared page, for the first login to send. */
  rememberReferrer(code: string | null | undefined): void;
  /** The phone was bound: keep the masked number with the customer. */
  updateCustomer(patch: Partial<MpCustomer>): void;
  /** Whether the last login created the customer. */
  isNew(): boolean;
  /** Subscribes to the signed-in customer (tracking stamps events with the id). */
  onLogin(listener: (customer: MpCustomer) => void): void;
}

/**
 * The customer's session: wx.login (or the H5 sandbox code) → POST /api/mp/login, the token kept
 * in Taro storage, one login in flight at a time, a fresh login after a 401.
 */
export function createSession(source: () => MpSource, channel: string): Session {
  let stored = platform.storage.get<Stored>(sessionKey);
  let inFlight: Promise<Stored> | null = null;
  let lastIsNew = false;
  const listeners: Array<(c: MpCustomer) => void> = [];

  const valid = (s: Stored | null): s is Stored => !!s && Date.parse(s.expiresAt) - platform.nowMs() > 60_000;

  const login = (): Promise<Stored> => {
    if (inFlight) return inFlight;
    inFlight = (async () => {
      const code = await loginCode();
      const referrer = platform.storage.get<string>(referrerKey) ?? referrerFromQuery(launchQuery()) ?? undefined;
      const res: MpLoginResponse = await source().login({ code, ...(referrer ? { referrer } : {}), channel });
      lastIsNew = res.isNew;
      stored = { token: res.token, expiresAt: res.expiresAt, customer: res.customer };
      platform.storage.set(sessionKey, stored);
      platform.storage.remove(referrerKey);
      for (const l of listeners) l(res.customer);
      return stored;
    })().finally(() => {
      inFlight = null;
    });
    return inFlight;
  };

  return {
    async token() {
      return valid(stored) ? stored.token : (await login()).token;
    },
    async renew() {
      stored = null;
      platform.storage.remove(sessionKey);
      return (await login()).token;
    },
    async ensure() {
      if (valid(stored)) return stored.customer;
      return (await login()).customer;
    },
    customer: () => stored?.customer ?? null,
    rememberReferrer(code) {
      if (code && !valid(stored)) platform.storage.set(referrerKey, code);
    },
    updateCustomer(patch) {
      if (!stored) return;
      stored = { ...stored, customer: { ...stored.customer, ...patch } };
      platform.storage.set(sessionKey, stored);
    },
    isNew: () => lastIsNew,
    onLogin(listener) {
      listeners.push(listener);
      if (valid(stored)) listener(stored.customer);
    },
  };
}
