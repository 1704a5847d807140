import { gzipSync } from 'node:zlib';

/** A form body the way Sensors SDKs post it: data_list = base64(gzip(JSON)), gzip=1. */
export function sensorsForm(records: unknown, opts: { gzip?: boolean; project?: string } = {}): string {
  const json = Buffer.from(JSON.stringify(records), 'utf8');
  const gzip = opts.gzip ?? true;
  const params = new URLSearchParams({ data_list: (gzip ? gzipSync(json) : json).toString('base64'), gzip: gzip ? '1' : '0' });
  if (opts.project) params.set('project', opts.project);
  return params.toString();
}

/** The JS SDK's image beacon query: data = base64(JSON) of one record. */
export function sensorsQuery(record: unknown, project?: string): string {
  const params = new URLSearchParams({ data: Buffer.from(JSON.stringify(record), 'utf8').toString('base64'), ext: 'crc=123' });
  if (project) params.set('project', project);
  return params.toString();
}

let seq = 0;
/** A realistic Sensors track record. */
export function track(distinctId: string, event: string, properties: Record<string, unknown> = {}, at = Date.UTC(2026, 0, 5, 2)): Record<string, unknown> {
  seq += 1;
  return {
    _track_id: 100000 + seq,
    type: 'track',
    event,
    time: at,
    distinct_id: distinctId,
    identities: { $identity_cookie_id: distinctId },
    properties: { $lib: 'js', $lib_version: '1.27.11', $is_first_day: false, ...properties },
    lib: { $lib: 'js', $lib_method: 'code', $lib_version: '1.27.11' },
    _flush_time: at + 5,
  };
}

export async function postSensors(url: string, records: unknown, opts: { gzip?: boolean; project?: string } = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}/sa${opts.project ? `?project=${opts.project}` : ''}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: sensorsForm(records, opts),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* keep text */
  }
  return { status: res.status, body };
}
