export {
  WecomApiError,
  type ContactWayRequest,
  type MassAttachment,
  type MassMessageRequest,
  type MassSendResult,
  type MassSenderTask,
  type Page,
  type TransferRequest,
  type TransferResult,
  type WecomAgentApiPort,
  type WecomApiPort,
  type WecomContact,
  type WecomContactOfAgent,
  type WecomContactProfile,
  type WecomContactWay,
  type WecomErrorMeaning,
  type WecomFollow,
  type WecomGender,
  type WecomGroupChat,
  type WecomGroupMember,
  type WecomTag,
  type WecomTagGroup,
} from './wecom-api.port';
export { WecomHttpAdapter, type WecomHttpOptions } from './wecom-api.http-adapter';
export { describeWecomFailure, isWecomOutage } from './wecom-api.client';
export { meaningOf } from './wecom-error.meaning';
export { CallbackInbox, retryDelayMs, type CallbackHandler } from './callback-inbox.service';
export { WecomInboxRepository } from './wecom-inbox.repository';
export { wecomCallbackRouter, type CallbackCorp } from './callback.router';
export { parseCallback, type WecomEvent, type WecomEventKind, type ParsedCallback } from './callback-event';
export { parseWecomXml } from './callback-xml';
export { type AccessTokenCache } from './access-token.port';
export { DbAccessTokenCache } from './access-token.repository';
