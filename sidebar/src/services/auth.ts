import type { LoginResponse, Role } from '@lodestar/shared';
import { get, post } from './http';
import { saveSession, type Session } from './session';

export async function login(username: string, password: string): Promise<Session> {
  return saveSession(await post<LoginResponse>('/api/auth/login', { username, password }));
}

/** Inside WeCom: the OAuth code WeCom put on the sidebar's URL. */
export async function loginWithWecomCode(code: string): Promise<Session> {
  return saveSession(await post<LoginResponse>('/api/auth/wecom', { code }));
}

export async function wecomAuthorizeUrl(redirect: string): Promise<string> {
  return (await get<{ url: string }>('/api/auth/wecom/authorize-url', { redirect })).url;
}

export const me = (): Promise<{ id: string; name: string; role: Role; corpId: string; teamId: string | null }> => get('/api/auth/me');
