import type { ErrorBody } from '@lodestar/shared';
import { clearSession, loadSession } from './session';

/** An API answer other than 2xx, with the server's code, message and field details. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Array<{ path: string; message: string }> = [],
  ) {
    super(message);
  }
}

type Query = Record<string, string | number | boolean | undefined | null | string[]>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v)) v.forEach((x) => q.append(k, x));
    else q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** Same-origin JSON call with the session's bearer token; a 401 ends the session. */
export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, opts: { query?: Query; body?: unknown } = {}): Promise<T> {
  const session = loadSession();
  const headers: Record<string, string> = { accept: 'application/json' };
  if (session) headers.authorization = `Bearer ${session.token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(withQuery(path, opts.query), { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  const text = await res.text();
  const json = text ? (JSON.parse(text) as unknown) : undefined;
  if (!res.ok) {
    const err = (json as ErrorBody | undefined)?.error;
    if (res.status === 401 && session && !path.startsWith('/api/auth/')) clearSession();
    throw new ApiError(res.status, err?.code ?? 'internal_error', err?.message ?? `${method} ${path} answered ${res.status}`, err?.details ?? []);
  }
  return json as T;
}

export const get = <T>(path: string, query?: Query): Promise<T> => api<T>('GET', path, { query });
export const post = <T>(path: string, body?: unknown): Promise<T> => api<T>('POST', path, { body: body ?? {} });
export const put = <T>(path: string, body: unknown): Promise<T> => api<T>('PUT', path, { body });
export const patch = <T>(path: string, body: unknown): Promise<T> => api<T>('PATCH', path, { body });
export const del = <T>(path: string): Promise<T> => api<T>('DELETE', path);

/** One path segment, encoded. */
export const seg = (s: string): string => encodeURIComponent(s);

/** A readable line for an error shown in a toast. */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) return e.details.length ? `${e.message}: ${e.details.map((d) => `${d.path} ${d.message}`).join('; ')}` : e.message;
  return e instanceof Error ? e.message : String(e);
}
