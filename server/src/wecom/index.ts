export { WecomApiError, type WecomApiPort } from './wecom-api.port';
export { WecomHttpAdapter } from './wecom-api.http-adapter';
