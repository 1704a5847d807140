/** What Lodestar asks of the WeChat mini-program server API. */
export interface WechatApiPort {
  /** Exchanges a wx.login code; the session key never leaves the server. */
  code2session(code: string): Promise<{ openid: string; unionid: string | null }>;
}

export class WechatApiError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`WeChat API failed: ${errcode} ${errmsg}`);
    this.name = 'WechatApiError';
  }
}
