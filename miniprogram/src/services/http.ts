import Taro from '@tarojs/taro';
import { platform } from './platform';

/** An API answer that was not 2xx, in the server's error shape `{ error: { code, message } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface HttpRequest {
  method: HttpMethod;
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  token?: string | null;
}

function queryString(query: HttpRequest['query']): string {
  const parts = Object.entries(query ?? {})
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

function errorOf(status: number, data: unknown): ApiError {
  const e = (data as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  const code = typeof e?.code === 'string' ? e.code : `http_${status}`;
  const message = typeof e?.message === 'string' ? e.message : `请求失败（${status}）`;
  return new ApiError(status, code, message);
}

/** One JSON call to the server; resolves with the body of a 2xx (undefined for 204). */
export async function httpJson<T>(req: HttpRequest): Promise<T> {
  const header: Record<string, string> = { accept: 'application/json' };
  if (req.body !== undefined) header['content-type'] = 'application/json';
  if (req.token) header.authorization = `Bearer ${req.token}`;
  let res: Taro.request.SuccessCallbackResult<Record<string, unknown>>;
  try {
    res = await Taro.request<Record<string, unknown>, Record<string, unknown>>({
      url: `${platform.apiBase}${req.path}${queryString(req.query)}`,
      method: req.method,
      header,
      data: req.body as Record<string, unknown> | undefined,
      dataType: 'json',
      timeout: 15000,
    });
  } catch (error) {
    throw new ApiError(0, 'network_error', `网络不给力，请稍后再试（${(error as { errMsg?: string }).errMsg ?? String(error)}）`);
  }
  if (res.statusCode >= 200 && res.statusCode < 300) return (res.statusCode === 204 ? undefined : res.data) as T;
  throw errorOf(res.statusCode, res.data);
}

/** A form post (the Sensors endpoint takes `data_list=…&gzip=0`); the answer is ignored but the status checked. */
export async function httpForm(path: string, form: Record<string, string>): Promise<number> {
  const body = Object.entries(form)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  const res = await Taro.request({
    url: `${platform.apiBase}${path}`,
    method: 'POST',
    header: { 'content-type': 'application/x-www-form-urlencoded' },
    data: body,
    dataType: 'json',
    timeout: 15000,
  });
  return res.statusCode;
}
