import type { IdentityKind, RejectionReason } from '@lodestar/shared';

export type TrackingSourceKindName = 'sensors' | 'segment';

/** An identity an event claims: a phone arrives in clear and is hashed before anything stores it. */
export type IdentityClaim = { kind: Exclude<IdentityKind, 'phone_hash'> | 'phone'; value: string };

export const profileOps = ['set', 'set_once', 'increment', 'append', 'unset', 'delete'] as const;
export type ProfileOp = (typeof profileOps)[number];

/** What kind of record it was, in our words (Sensors `type`, Segment `type`). */
export type TrackedType = 'track' | 'signup' | 'profile' | 'bind' | 'unbind' | 'identify' | 'page' | 'screen' | 'alias';

/** One tracking record from any SDK, in Lodestar's vocabulary; SDK shapes end at the mappers. */
export interface TrackedEvent {
  /** The dedupe key: the event's own id ($insert_id, messageId) or a digest of the record. */
  key: string;
  source: TrackingSourceKindName;
  project: string | null;
  type: TrackedType;
  /** The event name (`$pageview`, `view_product`); profile records are named `$profile_<op>`. */
  name: string;
  at: Date;
  /** Every identity the record names; the stitcher orders them by how much it trusts each kind. */
  identities: IdentityClaim[];
  /** This record says its identities are one person (signup, bind, alias, identify with both ids). */
  joins: boolean;
  /** An unbind: these identities no longer belong to whoever holds them. */
  unbinds: IdentityClaim[];
  distinctId: string | null;
  properties: Record<string, unknown>;
  profile: { op: ProfileOp; properties: Record<string, unknown> } | null;
}

export interface Rejection {
  reason: RejectionReason;
  detail: string;
  /** The start of the offending record. */
  sample: string;
}

export type Mapped = { ok: true; event: TrackedEvent } | { ok: false; rejection: Rejection };

/** The part of a raw record kept with a rejection. */
export function sampleOf(raw: unknown): string {
  let text: string;
  try {
    text = typeof raw === 'string' ? raw : (JSON.stringify(raw) ?? String(raw));
  } catch {
    text = String(raw);
  }
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}

export function reject(reason: RejectionReason, detail: string, raw: unknown): Mapped {
  return { ok: false, rejection: { reason, detail, sample: sampleOf(raw) } };
}

export const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
