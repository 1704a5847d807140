import { refuse } from './wecom-fake.state';

/** One call to the fake WeCom API, already authenticated; no Koa here. */
export interface FakeRequest {
  query: Record<string, string>;
  body: Record<string, unknown>;
  /** Which kind of secret the access token was issued for. */
  secret: 'contact' | 'agent' | 'archive';
}

/** One fake endpoint under /cgi-bin: answers WeCom's JSON (without errcode) or throws a FakeWecomError. */
export interface FakeEndpoint {
  method: 'get' | 'post';
  path: string;
  /** The secrets whose tokens may call it (WeCom answers 48002 otherwise). */
  secrets: ReadonlyArray<FakeRequest['secret']>;
  handle(req: FakeRequest): Promise<Record<string, unknown>> | Record<string, unknown>;
}

/** Customer contact: the customer-contact secret, or an app allowed to call it (the sidebar app here). */
export const contactSecrets = ['contact', 'agent'] as const;
export const agentSecrets = ['agent'] as const;

export const str = (b: Record<string, unknown>, key: string): string => {
  const v = b[key];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
};

export const strs = (b: Record<string, unknown>, key: string): string[] => {
  const v = b[key];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
};

export const int = (b: Record<string, unknown>, key: string, fallback: number): number => {
  const v = b[key];
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) ? n : fallback;
};

export const obj = (b: Record<string, unknown>, key: string): Record<string, unknown> => {
  const v = b[key];
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
};

/** A required non-empty string field, or 41xxx-style "missing" (WeCom's 40058 for a bad parameter). */
export const required = (b: Record<string, unknown>, key: string): string => str(b, key) || refuse(40058, `${key} is required`);

/**
 * Offset paging behind an opaque cursor, as WeCom pages: `next_cursor` is '' on the last page.
 */
export function page<T>(items: T[], cursor: string, limit: number): { items: T[]; next_cursor: string } {
  const start = cursor ? Number.parseInt(Buffer.from(cursor, 'base64url').toString('utf8'), 10) : 0;
  if (!Number.isInteger(start) || start < 0) refuse(40058, 'invalid cursor');
  const end = start + limit;
  return { items: items.slice(start, end), next_cursor: end < items.length ? Buffer.from(String(end), 'utf8').toString('base64url') : '' };
}
