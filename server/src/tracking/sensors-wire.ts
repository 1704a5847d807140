import { gunzipSync } from 'node:zlib';

/** The parameters a Sensors SDK sends, from the query string and/or a form or text body. */
export interface SensorsParams {
  data?: string | undefined;
  data_list?: string | undefined;
  gzip?: string | undefined;
  project?: string | undefined;
  token?: string | undefined;
}

export type SensorsPayload = { ok: true; project: string | null; records: unknown[] } | { ok: false; detail: string };

/** Limits that keep one request from exhausting the process. */
export const sensorsLimits = { maxDecodedBytes: 10 * 1024 * 1024, maxRecords: 5000 } as const;

const one = (v: unknown): string | undefined => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined);

/**
 * Collects the Sensors parameters from a request: the query string first, then the body (a parsed
 * form, or a raw `a=b&c=d` text such as navigator.sendBeacon sends), the body winning.
 */
export function sensorsParams(query: Record<string, unknown>, body: unknown): SensorsParams {
  const fromBody: Record<string, unknown> = typeof body === 'string' ? Object.fromEntries(new URLSearchParams(body)) : body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const pick = (k: keyof SensorsParams): string | undefined => one(fromBody[k]) ?? one(query[k]);
  return { data: pick('data'), data_list: pick('data_list'), gzip: pick('gzip'), project: pick('project'), token: pick('token') };
}

/**
 * Decodes `data` or `data_list`: base64 (standard or URL-safe; spaces that a form decoder made of
 * unescaped `+` are put back), gunzipped when gzip=1, JSON of one record or an array of records.
 */
export function decodeSensors(p: SensorsParams): SensorsPayload {
  const encoded = p.data_list ?? p.data;
  if (encoded === undefined || encoded.trim() === '') return { ok: false, detail: 'neither data nor data_list was sent' };
  const gzip = p.gzip ?? '0';
  if (gzip !== '0' && gzip !== '1') return { ok: false, detail: `gzip=${gzip} is not supported (0 or 1; encrypted payloads are not accepted)` };
  const text = encoded.replace(/ /g, '+').replace(/\s/g, '');
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) return { ok: false, detail: 'the payload is not base64' };
  let bytes = Buffer.from(text, 'base64');
  if (gzip === '1') {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: sensorsLimits.maxDecodedBytes });
    } catch (error) {
      const tooBig = (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
      return { ok: false, detail: tooBig ? `the payload inflates past ${sensorsLimits.maxDecodedBytes} bytes` : 'gzip=1 but the payload is not gzip' };
    }
  }
  if (bytes.length > sensorsLimits.maxDecodedBytes) return { ok: false, detail: `the payload is larger than ${sensorsLimits.maxDecodedBytes} bytes` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    return { ok: false, detail: 'the decoded payload is not JSON' };
  }
  const records = Array.isArray(parsed) ? parsed : [parsed];
  if (records.length > sensorsLimits.maxRecords) return { ok: false, detail: `${records.length} records in one request (at most ${sensorsLimits.maxRecords})` };
  const project = p.project?.trim() || null;
  return { ok: true, project, records };
}
