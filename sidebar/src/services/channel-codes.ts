import type { ChannelCodeView, CreateChannelCode } from '@lodestar/shared';
import { get, post } from './http';

export const listChannelCodes = async (): Promise<ChannelCodeView[]> => (await get<{ items: ChannelCodeView[] }>('/api/channel-codes')).items;
export const createChannelCode = (input: CreateChannelCode): Promise<ChannelCodeView> => post('/api/channel-codes', input);

/** WeCom user ids of the corp's agents, for the code's pool (sandbox only: the server lists no staff user ids elsewhere). */
export const sandboxAgentUserIds = async (): Promise<string[]> => (await get<{ agentUserIds?: string[] }>('/api/sandbox/info').catch(() => ({ agentUserIds: [] }))).agentUserIds ?? [];
