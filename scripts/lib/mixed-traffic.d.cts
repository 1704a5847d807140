/** Types of mixed-traffic.cjs (the simulator's mixed traffic as single requests, for the load bench and the scale-out test). */

export type TrafficKind = 'callback' | 'tracking' | 'archive' | 'sidebar';

export interface TrafficRequest {
  kind: TrafficKind;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body: string | undefined;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- per kind
  meta: Record<string, any>;
}

export interface MixedTrafficOptions {
  seed?: number;
  now?: () => number;
  signCallback(fields: Record<string, string | number>): { query: Record<string, string>; body: string };
  addedEvent(userId: string, externalUserId: string, createTime: number, state?: string): Record<string, string | number>;
  agents: readonly string[];
  channelState?: string;
  welcomeShare?: number;
  sidebar: ReadonlyArray<{ token: string; customerId: string }>;
  archiveAgents: readonly string[];
  archiveCustomers: readonly string[];
  demoCustomers?: number;
  tag?: string;
  archiveBatch?: number;
  mix?: Partial<Record<TrafficKind, number>>;
}

export interface MixedTraffic {
  mix: Record<TrafficKind, number>;
  ledger: { callbacks: Array<{ userId: string; externalUserId: string; state: string | null }>; insertIds: string[]; archiveMsgids: string[] };
  make(kind: TrafficKind): TrafficRequest;
  next(): TrafficRequest;
}

export declare const defaultMix: Record<TrafficKind, number>;
export declare function createMixedTraffic(options: MixedTrafficOptions): MixedTraffic;
