/** Types of sensors-events.cjs (the generator of Sensors tracking traffic for simulate, bench and tests). */

export type MalformedReason = 'bad_event_name' | 'unknown_type' | 'missing_identity' | 'bad_time' | 'not_an_object' | 'missing_event_name' | 'bad_properties';
export type Persona = 'young_professional' | 'parent' | 'retiree' | 'activity_seeker' | 'sharer' | 'visitor';

/** A Sensors record as an SDK sends it (a malformed one may be anything); loose, for tests to read fields. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- records are free-form JSON
export type SensorsRecord = Record<string, any>;

export interface SensorsBatch {
  /** The device's distinct id at its start: the demo customer's login id, or the anonymous id. */
  device: string;
  lib: 'js' | 'mp' | 'android';
  flushTime: number;
  records: unknown[];
  /** Malformed records in this batch, per reason. */
  malformed: Partial<Record<MalformedReason, number>>;
}

export interface TrafficOptions {
  /** How many records in all, malformed ones included. */
  events: number;
  seed?: number;
  /** Milliseconds; events lie in the `days` local days (China time) up to it. */
  now?: number;
  days?: number;
  /** Demo customers d-000001 … d-<n> that personas play. */
  demoCustomers?: number;
  /** Share (0–1) of malformed records. */
  malformed?: number;
  /** Reasons to spread the malformed records over (round robin). */
  reasons?: readonly MalformedReason[];
  minBatch?: number;
  maxBatch?: number;
}

export interface Traffic {
  batches: SensorsBatch[];
  /** Good records (the server stores each once). */
  good: number;
  /** Malformed records per reason. */
  malformed: Partial<Record<MalformedReason, number>>;
  /** Good records per distinct_id. */
  byDistinctId: Record<string, number>;
  people: { personas: Partial<Record<Persona, number>>; demoCustomers: number; visitors: number; signups: number; profiles: number };
}

export declare const malformedReasons: readonly MalformedReason[];
export declare const products: ReadonlyArray<{ code: string; name: string; line: string; premiumFrom: number; minCover: number; maxCover: number }>;
export declare const activities: ReadonlyArray<{ id: string; title: string; type: string; kind: string }>;
export declare function generateSensorsTraffic(options: TrafficOptions): Traffic;
export declare function sensorsForm(records: unknown, opts?: { gzip?: boolean; project?: string }): string;
export declare function retryOf(records: unknown[], flushTime: number): unknown[];
export declare function pack(batches: SensorsBatch[], size: number): Array<{ records: unknown[]; malformed: Partial<Record<MalformedReason, number>> }>;
export declare function isMalformedRecord(record: unknown): boolean;
export declare function prng(seed: number): { next(): number; int(lo: number, hi: number): number; pick<T>(list: readonly T[]): T; chance(p: number): boolean; hex(n: number): string };
