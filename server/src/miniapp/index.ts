export { Activity } from './activity.entity';
export { WechatApiError, type WechatApiPort } from './wechat-api.port';
export { WechatHttpAdapter } from './wechat-api.http-adapter';
