import { createHash } from 'node:crypto';
import type { EventWhere } from '@lodestar/shared';

/** A rolling counter that only counts events whose properties match `where`. */
export interface CounterDefinition {
  key: string;
  event: string;
  where: EventWhere;
}

/** Every event is counted under this key, per customer and local day. */
export function eventCounterKey(event: string): string {
  return `event:${event}`.slice(0, 100);
}

/** The key of a counter: the plain event key without a filter, else a stable key of event + filter. */
export function counterKey(event: string, where?: EventWhere): string {
  const entries = Object.entries(where ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (entries.length === 0) return eventCounterKey(event);
  const full = `f:${event}|${entries.map(([k, v]) => `${k}=${String(v)}`).join('&')}`;
  return full.length <= 100 ? full : `f:${createHash('sha1').update(full).digest('hex')}`;
}

export function counterDefinition(event: string, where: EventWhere): CounterDefinition {
  return { key: counterKey(event, where), event, where };
}

/** Property values compare as text, so 1 matches "1" (SDKs differ on numbers in strings). */
export function matchesWhere(properties: Record<string, unknown>, where: EventWhere): boolean {
  for (const [k, v] of Object.entries(where)) {
    const actual = properties[k];
    if (actual === undefined || actual === null || String(actual) !== String(v)) return false;
  }
  return true;
}

/** The counter keys one event adds to: its own, and each filtered counter it matches. */
export function countersFor(event: string, properties: Record<string, unknown>, filtered: readonly CounterDefinition[]): string[] {
  const keys = [eventCounterKey(event)];
  for (const d of filtered) if (d.event === event && matchesWhere(properties, d.where)) keys.push(d.key);
  return keys;
}
