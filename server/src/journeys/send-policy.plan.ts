import type { ChannelKind, JourneyPolicy } from '@lodestar/shared';
import { localParts, nextCronRun } from '../platform/local-calendar';

/**
 * The one policy layer every journey send passes through (steps never check quiet hours or caps
 * themselves). The runner loads the facts, asks `decideSend`, and applies the verdict: send now,
 * hold until a moment, skip (this message will never go out), or drop (held too long).
 */

/** What the runner knows about one send, loaded before asking the policy. */
export interface SendFacts {
  now: Date;
  /** The customer's IANA time zone (the corp's default when unknown). */
  timeZone: string;
  channel: ChannelKind;
  journeyId: string;
  /** When this message was first held (null on the first try). */
  heldSince: Date | null;
  /** Messages this customer was sent on this channel (all journeys) since the start of the local day / ISO week (Monday) / calendar month. */
  sentToday: number;
  sentThisWeek: number;
  sentThisMonth: number;
  /** Sends in the current minute (UTC minute), all customers: on this channel and from this journey. */
  channelSentThisMinute: number;
  journeySentThisMinute: number;
  journeyRateLimitPerMinute: number | undefined;
  /** mp_subscribe only: one-time consents the customer has left for the template. */
  consentsLeft: number | null;
  /** Can the channel reach this customer at all (openid, phone, WeCom relationship…)? null = yes; else the reason. */
  unreachable: string | null;
}

export type PolicyVerdict =
  | { outcome: 'send' }
  | { outcome: 'held'; until: Date; reason: string }
  | { outcome: 'skipped'; reason: string }
  | { outcome: 'dropped'; reason: string };

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/**
 * Decide one send. The rules run in this order and the first that applies wins:
 *
 *  1. unreachable → skipped: no channel address (openid, phone, WeCom relationship), nothing to wait for.
 *  2. the platform's own rule for the channel → skipped:
 *     mp_subscribe needs a one-time consent left; wecom_mass respects WeCom's monthly cap.
 *  3. the corp's frequency caps for the channel (per day, week, month, in the customer's zone) → skipped.
 *  4. held too long (now − heldSince ≥ dropAfterHeldMs) → dropped: a stale message is worse than none.
 *  5. quiet hours for the channel → held until the local end of the window.
 *  6. the channel's or the journey's rate limit reached this UTC minute → held until the next minute.
 *  7. otherwise → send.
 *
 * Why this order: the permanent reasons (1–3) come first, so a message that can never go out is
 * settled at once rather than held and retried; caps are counted at decision time, so a message
 * that waits overnight is re-checked against the caps of the morning. Dropping (4) comes before
 * any further hold so a message is not held again once it is stale. Quiet hours (5) come before
 * rate limits (6) because they hold for hours and a rate limit only for seconds.
 */
export function decideSend(policy: JourneyPolicy, f: SendFacts): PolicyVerdict {
  if (f.unreachable !== null) return { outcome: 'skipped', reason: `unreachable: ${f.unreachable}` };

  const platform = platformRule(policy, f);
  if (platform !== null) return { outcome: 'skipped', reason: platform };

  const cap = capReached(policy, f);
  if (cap !== null) return { outcome: 'skipped', reason: cap };

  if (f.heldSince !== null && f.now.getTime() - f.heldSince.getTime() >= policy.dropAfterHeldMs) {
    return { outcome: 'dropped', reason: `held for ${formatHours(f.now.getTime() - f.heldSince.getTime())}, longer than the ${formatHours(policy.dropAfterHeldMs)} allowed` };
  }

  const quiet = quietUntil(policy, f.channel, f.now, f.timeZone);
  if (quiet !== null && policy.quietHours) {
    return { outcome: 'held', until: quiet, reason: `quiet hours ${policy.quietHours.start}–${policy.quietHours.end}` };
  }

  const rate = rateLimitReached(policy, f);
  if (rate !== null) return { outcome: 'held', until: nextUtcMinute(f.now), reason: rate };

  return { outcome: 'send' };
}

/**
 * When the quiet-hours window the customer is in ends, or null when the channel may send now.
 *
 * The window is [start, end) on the customer's local clock; when start > end it crosses midnight
 * (21:30–08:30 is quiet from 21:30 until 08:30 the next morning); start == end means no quiet
 * hours. The hold ends at the next moment the local clock shows `end`, so a DST change during the
 * night is handled by the zone rules, not by adding hours.
 */
export function quietUntil(policy: JourneyPolicy, channel: ChannelKind, now: Date, timeZone: string): Date | null {
  const q = policy.quietHours;
  if (!q || !q.channels.includes(channel)) return null;
  const start = minutesOf(q.start);
  const end = minutesOf(q.end);
  if (start === end) return null;
  const m = localParts(now, timeZone).minutes;
  const inside = start < end ? m >= start && m < end : m >= start || m < end;
  if (!inside) return null;
  const [hh, mm] = q.end.split(':');
  const until = nextCronRun(`${Number(mm)} ${Number(hh)} * * *`, timeZone, now);
  // A daily pattern always fires again; this guards the type, not a real case.
  if (until === null) throw new Error(`No next ${q.end} in ${timeZone}`);
  return until;
}

/** The channel's platform rule, or null when it allows the send. */
function platformRule(policy: JourneyPolicy, f: SendFacts): string | null {
  switch (f.channel) {
    case 'mp_subscribe':
      // A subscription message spends one consent the customer gave in the mini-program.
      return f.consentsLeft === null || f.consentsLeft <= 0 ? 'no subscription consent' : null;
    case 'wecom_mass':
      // WeCom itself refuses more mass-send messages a month per customer; count them in advance.
      return f.sentThisMonth >= policy.wecomMassMonthlyCap ? `WeCom monthly mass-send cap reached (${policy.wecomMassMonthlyCap} a month)` : null;
    case 'sms':
    case 'oa_template':
    case 'wecom_task':
      return null;
    default: {
      const never: never = f.channel;
      throw new Error(`Unknown channel ${String(never)}`);
    }
  }
}

/** The first of the channel's frequency caps that is reached (day, then week, then month), or null. */
function capReached(policy: JourneyPolicy, f: SendFacts): string | null {
  const cap = policy.caps[f.channel];
  if (!cap) return null;
  const checks: ReadonlyArray<[limit: number | undefined, sent: number, per: string]> = [
    [cap.perDay, f.sentToday, 'day'],
    [cap.perWeek, f.sentThisWeek, 'week'],
    [cap.perMonth, f.sentThisMonth, 'month'],
  ];
  for (const [limit, sent, per] of checks) {
    if (limit !== undefined && sent >= limit) return `frequency cap: ${f.channel} ${limit} per ${per} reached`;
  }
  return null;
}

/** The rate limit (channel's, then journey's) reached in this UTC minute, or null. */
function rateLimitReached(policy: JourneyPolicy, f: SendFacts): string | null {
  const channelLimit = policy.rateLimitsPerMinute[f.channel];
  if (channelLimit !== undefined && f.channelSentThisMinute >= channelLimit) return `rate limit: ${f.channel} ${channelLimit} a minute`;
  if (f.journeyRateLimitPerMinute !== undefined && f.journeySentThisMinute >= f.journeyRateLimitPerMinute) {
    return `rate limit: journey ${f.journeyId} ${f.journeyRateLimitPerMinute} a minute`;
  }
  return null;
}

/** The start of the next UTC minute, when the per-minute counters start over. */
function nextUtcMinute(now: Date): Date {
  return new Date(Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS + MINUTE_MS);
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

function formatHours(ms: number): string {
  const h = ms / HOUR_MS;
  return `${Number.isInteger(h) ? h : h.toFixed(1)} h`;
}
