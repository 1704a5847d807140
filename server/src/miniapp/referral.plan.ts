import { createHash } from 'node:crypto';

/**
 * Referral attribution (转介绍): who brought a new customer in, decided once and never moved.
 *
 * - first touch: a customer attributed already keeps their referrer;
 * - only new customers are attributed (someone we knew before the share was not brought in by it);
 * - no self-referral, and no loops: the referrer's own chain of referrers must not contain the
 *   referee (A → B and then B → A, or any longer cycle);
 * - the referrer is rewarded once, when the referee qualifies (binds a phone with consent or signs
 *   up to an activity); the ledger key `referral:<referee>` makes the reward exactly-once.
 */

export const referralRewardPoints = 100;

export type AttributionRefusal = 'unknown_referrer' | 'self_referral' | 'loop' | 'existing_customer' | 'already_attributed';
export type Attribution = { ok: true; referrerId: string } | { ok: false; reason: AttributionRefusal };

export interface AttributionInput {
  refereeId: string;
  /** The customer this login created (false: we knew them before). */
  isNew: boolean;
  /** The referrer the code names, or null when the code is unknown. */
  referrerId: string | null;
  /** The referee's referrer already recorded, if any. */
  existingReferrerId: string | null;
  /** The referrer's chain upwards: their referrer, that one's referrer, … (nearest first). */
  referrerChain: readonly string[];
}

export function attribute(i: AttributionInput): Attribution {
  if (!i.referrerId) return { ok: false, reason: 'unknown_referrer' };
  if (i.referrerId === i.refereeId) return { ok: false, reason: 'self_referral' };
  if (i.referrerChain.includes(i.refereeId)) return { ok: false, reason: 'loop' };
  if (i.existingReferrerId !== null) return { ok: false, reason: 'already_attributed' };
  if (!i.isNew) return { ok: false, reason: 'existing_customer' };
  return { ok: true, referrerId: i.referrerId };
}

/** What qualifies a referee: binding a phone with consent, or signing up to an activity. */
export type QualifyingAct = 'phone_bound' | 'signed_up';

/** Whether a qualifying act qualifies the referral now: only a joined (not yet qualified) one does, so the reward is paid once. */
export function qualifies(referral: { status: 'joined' | 'qualified' } | null): boolean {
  return referral !== null && referral.status === 'joined';
}

/** How far up a chain is followed when looking for a loop (a chain is at most this long in practice). */
export const maxChainDepth = 20;

const alphabet = '23456789abcdefghjkmnpqrstuvwxyz';

/** A referral code: 8 lowercase letters and digits from a fresh id (short enough for a 32-character scene). */
export function referralCode(freshId: string): string {
  const bytes = createHash('sha256').update(`referral:${freshId}`).digest();
  let out = '';
  for (let i = 0; i < 8; i++) out += alphabet[bytes[i]! % alphabet.length];
  return out;
}

/** The mini-program code's scene for a referral code (WeChat allows 32 visible characters). */
export const referralScene = (code: string): string => `r=${code}`;

/** A referrer as the share path or the poster's scene carries it: `abc`, `r=abc`, or URL-encoded. */
export function referralCodeOf(raw: string): string {
  let s = raw.trim();
  try {
    s = decodeURIComponent(s);
  } catch {
    /* keep it as it came */
  }
  const m = /(?:^|[?&])r=([^&]+)/.exec(s);
  return (m ? m[1]! : s).toLowerCase();
}

/** 张三 → 张*, 欧阳娜娜 → 欧***, Anna → A*** */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '*';
  return chars[0]! + '*'.repeat(Math.max(1, chars.length - 1));
}
