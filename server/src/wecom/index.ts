export { WecomApiError, type ContactWayRequest, type WecomApiPort } from './wecom-api.port';
export { WecomHttpAdapter } from './wecom-api.http-adapter';
export { CallbackInbox, retryDelayMs, type CallbackHandler } from './callback-inbox.service';
export { WecomInboxRepository } from './wecom-inbox.repository';
export { wecomCallbackRouter, type CallbackCorp } from './callback.router';
export { parseCallback, type WecomEvent, type WecomEventKind, type ParsedCallback } from './callback-event';
export { parseWecomXml } from './callback-xml';
export { type AccessTokenCache } from './access-token.port';
export { DbAccessTokenCache } from './access-token.repository';
