import Taro from '@tarojs/taro';

/**
 * The one place in the app that reads ambient time and randomness, and knows which platform it
 * runs on. Everything else asks here, so tests can pin both and the rest of the code stays pure.
 */
export const platform = {
  /** 'weapp' inside WeChat, 'h5' in a browser (the demo and the browser tests). */
  target: process.env.TARO_ENV === 'h5' ? ('h5' as const) : ('weapp' as const),
  /** Server origin; '' in H5 means the page's own origin (the server serves the H5 build at /mp/). */
  apiBase: LODESTAR_API_BASE,
  dataSource: LODESTAR_DATA_SOURCE,
  saProject: LODESTAR_SA_PROJECT,
  version: LODESTAR_VERSION,
  nowMs(): number {
    // eslint-disable-next-line no-restricted-syntax
    return Date.now();
  },
  /** Letters and digits, for request ids and anonymous ids (not secrets). */
  randomToken(length = 16): string {
    const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
    let s = '';
    // eslint-disable-next-line no-restricted-syntax
    for (let i = 0; i < length; i++) s += alphabet[Math.floor(Math.random() * alphabet.length)];
    return s;
  },
  /** A 9-digit number, as Sensors SDKs draw for _track_id. */
  randomInt(max: number): number {
    // eslint-disable-next-line no-restricted-syntax
    return Math.floor(Math.random() * max);
  },
  storage: {
    get<T>(key: string): T | null {
      try {
        const v = Taro.getStorageSync(key) as T | '' | undefined;
        return v === '' || v === undefined ? null : v;
      } catch {
        return null;
      }
    },
    set(key: string, value: unknown): void {
      try {
        Taro.setStorageSync(key, value);
      } catch {
        /* storage full or unavailable: the app keeps working without it */
      }
    },
    remove(key: string): void {
      try {
        Taro.removeStorageSync(key);
      } catch {
        /* nothing to do */
      }
    },
  },
};

/** A fresh idempotency key for one user action (8–64 of [A-Za-z0-9_-]). */
export function newRequestId(prefix = 'r'): string {
  return `${prefix}-${platform.nowMs().toString(36)}-${platform.randomToken(10)}`;
}
