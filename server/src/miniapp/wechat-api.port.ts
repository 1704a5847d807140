/** What Lodestar asks of the WeChat mini-program server API. */
export interface WechatApiPort {
  /** Exchanges a wx.login code; the session key never leaves the server. */
  code2session(code: string): Promise<{ openid: string; unionid: string | null }>;
  /** The phone number behind a getPhoneNumber button's code (single use, 5 minutes). */
  getPhoneNumber(code: string): Promise<WechatPhone>;
  /** A mini-program code (小程序码) for a scene, as image bytes (wxa/getwxacodeunlimit). */
  getUnlimitedQrCode(req: UnlimitedQrRequest): Promise<{ contentType: string; image: Buffer }>;
}

export interface WechatPhone {
  /** With the country code for numbers outside China ("+1 …"). */
  phoneNumber: string;
  purePhoneNumber: string;
  countryCode: string;
}

export interface UnlimitedQrRequest {
  /** At most 32 visible characters; arrives URL-encoded in the launch options' scene. */
  scene: string;
  /** A page without a leading slash or query; the home page when absent. */
  page?: string;
  /** false: allow a page not yet released (trial and developer builds). */
  checkPath?: boolean;
  envVersion?: 'release' | 'trial' | 'develop';
  width?: number;
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
