import Taro from '@tarojs/taro';
import { platform } from './platform';

/**
 * What the app asks of WeChat itself, behind one seam: in weapp the real wx APIs, in H5 (the demo
 * and the browser tests) stand-ins that the server's sandbox accepts.
 */

const deviceKey = 'lodestar.device';
const sandboxUserKey = 'lodestar.sandboxUser';

/** A stable id for this browser or phone: the sandbox maps `user-<device>-…` codes to one user. */
export function deviceId(): string {
  let id = platform.storage.get<string>(deviceKey);
  if (!id) {
    id = platform.randomToken(12);
    platform.storage.set(deviceKey, id);
  }
  return id;
}

/**
 * A login code for POST /api/mp/login. weapp: wx.login. H5: a sandbox code of the form the sandbox's
 * jscode2session accepts (`user-<device>-<nonce>`, 4–64 of [A-Za-z0-9_-]); the same device always
 * maps to the same sandbox user, as one WeChat user would.
 */
export async function loginCode(): Promise<string> {
  if (platform.target === 'weapp') {
    const res = await Taro.login();
    if (!res.code) throw new Error(`wx.login failed: ${res.errMsg}`);
    return res.code;
  }
  // `?sandbox_user=<n>` signs the H5 demo in as the sandbox tenant's n-th mini-program user
  // (code demo-<n>, e.g. the showcase customer with an agent and a proposal); kept for the device.
  const asked = launchQuery().sandbox_user;
  if (asked && /^\d{1,6}$/.test(asked)) platform.storage.set(sandboxUserKey, asked);
  const demo = platform.storage.get<string>(sandboxUserKey);
  return demo ? `demo-${demo}-${platform.randomToken(8)}` : `user-${deviceId()}-${platform.randomToken(8)}`;
}

/**
 * H5 stand-in for the getPhoneNumber button's code. The sandbox reads `phone-<11 digits>-…` as that
 * number; the digits come from the device id, so one browser always binds the same (fake) number.
 */
export function sandboxPhoneCode(): string {
  const digits = deviceId()
    .split('')
    .map((c) => c.charCodeAt(0) % 10)
    .join('')
    .padEnd(9, '0')
    .slice(0, 9);
  return `phone-13${digits}-${platform.randomToken(6)}`;
}

/**
 * The referral code a launch carries: `?r=<code>` on a share card's path, or `scene=r%3D<code>` when
 * the customer scanned a poster's mini-program code (the scene arrives URL-encoded).
 */
export function referrerFromQuery(query: Record<string, string | undefined> | undefined): string | null {
  if (!query) return null;
  if (query.r) return decodeURIComponent(query.r);
  if (query.referrer) return decodeURIComponent(query.referrer);
  if (query.scene) {
    const scene = decodeURIComponent(query.scene);
    const m = /(?:^|&)r=([^&]+)/.exec(scene);
    if (m?.[1]) return m[1];
  }
  return null;
}

/** The launch query: weapp from the launch options, H5 from the location's hash (#/pages/…?r=…) or search. */
export function launchQuery(): Record<string, string> {
  if (platform.target === 'weapp') {
    try {
      const o = Taro.getLaunchOptionsSync();
      return { ...(o.query as Record<string, string>) };
    } catch {
      return {};
    }
  }
  const out: Record<string, string> = {};
  if (typeof window === 'undefined') return out;
  const parts = [window.location.search.slice(1), window.location.hash.split('?')[1] ?? ''];
  for (const part of parts) {
    for (const pair of part.split('&')) {
      if (!pair) continue;
      const [k, v = ''] = pair.split('=');
      if (k) out[decodeURIComponent(k)] = decodeURIComponent(v);
    }
  }
  return out;
}

export type SubscribeAnswer = 'accept' | 'reject';

/**
 * Asks for consent to one-time subscription messages. weapp: wx.requestSubscribeMessage (must
 * follow a tap); H5: a confirm dialog standing in for WeChat's sheet.
 */
export async function requestSubscribe(templateIds: string[], h5Prompt: string): Promise<Record<string, SubscribeAnswer>> {
  if (platform.target === 'weapp') {
    try {
      // Taro's typing names the device-subscription variant (sn, snTicket); a mini-program passes tmplIds only.
      const res = (await Taro.requestSubscribeMessage({ tmplIds: templateIds } as unknown as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, string>;
      return Object.fromEntries(templateIds.map((t) => [t, res[t] === 'accept' ? 'accept' : 'reject']));
    } catch {
      return Object.fromEntries(templateIds.map((t) => [t, 'reject' as const]));
    }
  }
  const res = await Taro.showModal({ title: '订阅提醒', content: h5Prompt, confirmText: '允许', cancelText: '拒绝' });
  return Object.fromEntries(templateIds.map((t) => [t, res.confirm ? 'accept' : 'reject']));
}

/** Subscription message templates configured in the mini-program's console (sandbox ids by default). */
export const subscriptionTemplates = {
  checkin_reminder: 'sandbox-checkin-reminder',
  activity_reminder: 'sandbox-activity-reminder',
} as const;
