import { createHash } from 'node:crypto';

/**
 * WeCom's JS-SDK signature: sha1 of `jsapi_ticket=T&noncestr=N&timestamp=TS&url=URL`, keys in
 * that order, the URL without its fragment.
 */
export function jssdkSignature(ticket: string, nonceStr: string, timestamp: number, url: string): string {
  const page = url.split('#')[0]!;
  return createHash('sha1').update(`jsapi_ticket=${ticket}&noncestr=${nonceStr}&timestamp=${timestamp}&url=${page}`).digest('hex');
}

/** The OAuth address that sends an agent back to `redirect` with a code (snsapi_base, silent). */
export function wecomOAuthUrl(corpId: string, agentId: string, redirect: string, state = ''): string {
  const q = new URLSearchParams({ appid: corpId, redirect_uri: redirect, response_type: 'code', scope: 'snsapi_base', state, agentid: agentId });
  return `https://open.weixin.qq.com/connect/oauth2/authorize?${q.toString()}#wechat_redirect`;
}
