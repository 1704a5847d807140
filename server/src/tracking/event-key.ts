import { createHash } from 'node:crypto';

/** Keys fit varchar(64): short own ids are kept (prefixed), long ones and digests are hashed. */
export function ownKey(prefix: string, id: string): string {
  const full = `${prefix}:${id}`;
  return full.length <= 64 ? full : `${prefix}#${createHash('sha256').update(id).digest('base64url').slice(0, 43)}`;
}

/** A digest of the record's content without the fields a retry changes (flush or send time). */
export function digestKey(prefix: string, record: Record<string, unknown>, volatile: readonly string[]): string {
  const copy: Record<string, unknown> = {};
  for (const k of Object.keys(record).sort()) if (!volatile.includes(k)) copy[k] = record[k];
  return `${prefix}#${createHash('sha256').update(canonical(copy)).digest('base64url').slice(0, 43)}`;
}

/** JSON with object keys sorted at every level, so equal records digest equally. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .filter((k) => o[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
