import { failed, type ChannelResult } from './channel.port';

/** What the adapters need of fetch: Node's global fetch, or a test's stand-in. */
export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>;

/** Ten seconds: long enough for a slow provider, short enough that a worker's batch keeps moving. */
export const defaultTimeoutMs = 10_000;

/** A base URL now, or a function for one known only later (the sandbox's own server). */
export type BaseUrl = string | (() => string);

export function urlOf(base: BaseUrl, path: string, query: Record<string, string> = {}): URL {
  const root = typeof base === 'function' ? base() : base;
  const url = new URL(root.replace(/\/$/, '') + path);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  return url;
}

/**
 * An HTTP answer with its body as text and as JSON (null when it was not JSON), or why there was
 * none. The text is kept because JSON.parse rounds 64-bit ids (WeChat's msgid) beyond 2^53.
 */
export type Exchange = { kind: 'answer'; status: number; text: string; json: unknown } | { kind: 'failed'; result: ChannelResult };

export interface ExchangeRequest {
  method: 'GET' | 'POST';
  url: URL;
  body?: unknown;
  headers?: Record<string, string>;
  timeoutMs: number;
}

const nameOf = (error: unknown): string => {
  // A timeout is a DOMException, which is not always an Error (another realm): read its name.
  const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
  return typeof name === 'string' ? name : '';
};
const parseOrNull = (text: string): unknown => {
  try {
    return text === '' ? null : (JSON.parse(text) as unknown);
  } catch {
    return null;
  }
};
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * One JSON exchange with a provider. A network failure or a timeout is a retryable failure: the
 * provider may or may not have acted, and only the idempotency key (where the provider honours
 * one) or the engine's own ledger can tell. The caller reads the status and body of any answer.
 */
export async function exchangeJson(fetchFn: FetchLike, req: ExchangeRequest): Promise<Exchange> {
  const timedOut = (): Exchange => ({ kind: 'failed', result: failed(true, 'timeout', `no answer from ${req.url.host} within ${req.timeoutMs} ms`) });
  let res: Response;
  try {
    res = await fetchFn(req.url, {
      method: req.method,
      headers: { ...(req.body === undefined ? {} : { 'content-type': 'application/json' }), ...req.headers },
      ...(req.body === undefined ? {} : { body: JSON.stringify(req.body) }),
      signal: AbortSignal.timeout(req.timeoutMs),
    });
  } catch (error) {
    const name = nameOf(error);
    if (name === 'TimeoutError' || name === 'AbortError') return timedOut();
    return { kind: 'failed', result: failed(true, 'unreachable', `could not reach ${req.url.host}: ${messageOf(error)}`) };
  }
  let text: string;
  try {
    text = await res.text();
  } catch (error) {
    const name = nameOf(error);
    if (name === 'TimeoutError' || name === 'AbortError') return timedOut();
    return { kind: 'failed', result: failed(true, 'unreachable', `the answer from ${req.url.host} broke off: ${messageOf(error)}`) };
  }
  return { kind: 'answer', status: res.status, text, json: parseOrNull(text) };
}

/**
 * An HTTP status other than 2xx as a failure: 5xx, 408 and 429 are the provider's trouble and
 * may pass; any other 4xx is ours and will not.
 */
export function httpFailure(status: number, host: string): ChannelResult {
  const retryable = status >= 500 || status === 408 || status === 429;
  return failed(retryable, `http_${status}`, `${host} answered HTTP ${status}`);
}

/** A 2xx answer whose body was not the JSON object the contract promises: the outcome is unknown, so retry. */
export function unreadableAnswer(host: string): ChannelResult {
  return failed(true, 'bad_answer', `${host} answered with something that is not the expected JSON`);
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
