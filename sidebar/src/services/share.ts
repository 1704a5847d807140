import type { OutgoingMessage } from './wecom/wecom.port';

/** A server-relative link made absolute for the customer's phone. */
export const absoluteUrl = (url: string, origin: string = location.origin): string => new URL(url, origin).toString();

/**
 * The message that shares a page: a mini-program card when the appid is known, else a news link to
 * the same page in the H5 build.
 */
export function shareMessage(item: { title: string; summary: string; page: string; url: string }, appid: string | null, origin?: string): OutgoingMessage {
  if (appid) return { msgtype: 'miniprogram', miniprogram: { appid, title: item.title, imgUrl: '', page: item.page } };
  return { msgtype: 'news', news: { link: absoluteUrl(item.url, origin), title: item.title, desc: item.summary, imgUrl: '' } };
}
