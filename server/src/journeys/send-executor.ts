import type { ChannelKind, JourneyMessage, JourneyPolicy } from '@lodestar/shared';
import type { IdGenerator } from '../platform/ids';
import type { Logger } from '../platform/logger';
import type { CustomerFacts } from './journey-facts.repository';
import { idempotentChannels, type JourneyEffectPorts } from './journey-ports';
import { startOfLocalDay, startOfLocalMonth, startOfLocalWeek } from '../platform/local-calendar';
import { renderMessage } from './message-render.plan';
import { decideSend as policyVerdict } from './send-policy.plan';
import type { SendFinish, SendRepository } from './send.repository';

/** One message a step decided to send, for one customer. */
export interface PendingSend {
  key: string;
  corpId: string;
  journeyId: string;
  journeyName: string;
  versionId: string;
  positionId: string;
  stepId: string;
  customerId: string;
  customer: CustomerFacts | undefined;
  timeZone: string;
  heldSince: Date | null;
  rateLimitPerMinute: number | undefined;
  message: JourneyMessage;
}

/** What became of it, for the runner: go on, wait at the step, or park the customer. */
export type SendVerdict =
  | { kind: 'go'; outcome: 'sent' | 'skipped' | 'dropped'; reason: string | null }
  | { kind: 'hold'; until: Date; reason: string }
  | { kind: 'park'; reason: string };

const CONCURRENCY = 16;
const RETRY_MS = 60_000;

/**
 * Sends a round's messages: reserves every key first (a key decided before is never sent again),
 * asks the policy layer about each, calls the channels a few at a time, and records each outcome.
 */
export class SendExecutor {
  constructor(
    private readonly d: {
      sends: SendRepository;
      ports: JourneyEffectPorts;
      ids: IdGenerator;
      logger: Logger;
    },
  ) {}

  async run(sends: readonly PendingSend[], policy: (corpId: string) => Promise<JourneyPolicy>, now: Date): Promise<Map<string, SendVerdict>> {
    const out = new Map<string, SendVerdict>();
    if (sends.length === 0) return out;
    const ours = new Map(sends.map((s) => [s.key, this.d.ids.next()]));
    const stored = await this.d.sends.reserve(
      sends.map((s) => ({ id: ours.get(s.key)!, corpId: s.corpId, journeyId: s.journeyId, versionId: s.versionId, positionId: s.positionId, stepId: s.stepId, customerId: s.customerId, channel: s.message.channel, sendKey: s.key })),
      now,
    );
    const counts = await this.capCounts(sends, now);
    const policies = new Map<string, JourneyPolicy>();
    for (const corpId of new Set(sends.map((s) => s.corpId))) policies.set(corpId, await policy(corpId));
    // Only what has a limit is counted (each through its index).
    const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
    const limitedChannels = [...new Set([...policies.values()].flatMap((p) => Object.keys(p.rateLimitsPerMinute)))];
    const limitedJourneys = [...new Set(sends.filter((s) => s.rateLimitPerMinute).map((s) => s.journeyId))];
    const rates = await this.d.sends.rateSince(limitedChannels, limitedJourneys, minute);
    const templates = [...new Set(sends.flatMap((s) => (s.message.channel === 'mp_subscribe' ? [s.message.templateId] : [])))];
    const consents = await this.d.sends.consentsLeft(
      sends.map((s) => s.customerId),
      templates,
    );
    const finishes: SendFinish[] = [];
    const calls: Array<{ send: PendingSend; recipient: string }> = [];
    for (const s of sends) {
      const row = stored.get(s.key);
      const before = row?.outcome;
      if (before === 'sent' || before === 'skipped' || before === 'dropped') {
        out.set(s.key, { kind: 'go', outcome: before, reason: 'decided before' });
        continue;
      }
      if (before === 'pending' && row && row.id !== ours.get(s.key) && !idempotentChannels.includes(s.message.channel)) {
        const reason = 'outcome unknown: a worker stopped during this send; check the recipient before resuming';
        finishes.push({ sendKey: s.key, outcome: 'failed', reason, providerId: null });
        out.set(s.key, { kind: 'park', reason });
        continue;
      }
      const channel = s.message.channel;
      const c = counts.get(`${s.customerId}\u0000${channel}`) ?? { day: 0, week: 0, month: 0 };
      const address = this.address(s);
      const verdict = policyVerdict(policies.get(s.corpId)!, {
        now,
        timeZone: s.timeZone,
        channel,
        journeyId: s.journeyId,
        heldSince: s.heldSince,
        sentToday: c.day,
        sentThisWeek: c.week,
        sentThisMonth: c.month,
        channelSentThisMinute: rates.byChannel.get(channel) ?? 0,
        journeySentThisMinute: rates.byJourney.get(s.journeyId) ?? 0,
        journeyRateLimitPerMinute: s.rateLimitPerMinute,
        consentsLeft: s.message.channel === 'mp_subscribe' ? (consents.get(`${s.customerId}\u0000${s.message.templateId}`) ?? 0) : null,
        unreachable: address.ok ? null : address.reason,
      });
      if (verdict.outcome === 'skipped' || verdict.outcome === 'dropped') {
        finishes.push({ sendKey: s.key, outcome: verdict.outcome, reason: verdict.reason, providerId: null });
        out.set(s.key, { kind: 'go', outcome: verdict.outcome, reason: verdict.reason });
        continue;
      }
      if (verdict.outcome === 'held') {
        finishes.push({ sendKey: s.key, outcome: 'held', reason: verdict.reason, providerId: null });
        out.set(s.key, { kind: 'hold', until: verdict.until, reason: verdict.reason });
        continue;
      }
      // Counted now, so later sends of this round see the caps and rates this one uses.
      c.day += 1;
      c.week += 1;
      c.month += 1;
      counts.set(`${s.customerId}\u0000${channel}`, c);
      rates.byChannel.set(channel, (rates.byChannel.get(channel) ?? 0) + 1);
      rates.byJourney.set(s.journeyId, (rates.byJourney.get(s.journeyId) ?? 0) + 1);
      if (!address.ok) continue; // unreachable is always skipped above
      calls.push({ send: s, recipient: address.recipient });
    }
    // One consent per subscription message, the round's taken together.
    const needConsent = calls.filter((c) => c.send.message.channel === 'mp_subscribe');
    const took = await this.d.sends.takeConsents(
      needConsent.map((c) => ({ customerId: c.send.customerId, templateId: c.send.message.channel === 'mp_subscribe' ? c.send.message.templateId : '' })),
      now,
    );
    const refused = new Set(needConsent.filter((_, i) => !took.has(i)));
    const go = calls.filter((c) => {
      if (!refused.has(c)) return true;
      finishes.push({ sendKey: c.send.key, outcome: 'skipped', reason: 'no subscription consent', providerId: null });
      out.set(c.send.key, { kind: 'go', outcome: 'skipped', reason: 'no subscription consent' });
      return false;
    });
    await pool(go, CONCURRENCY, async ({ send: s, recipient }) => {
      const vars = { name: s.customer?.name ?? '', agent: s.customer?.ownerName ?? '', city: s.customer?.city ?? '', journey: s.journeyName };
      const result = await this.d.ports.channels
        .send({ key: s.key, corpId: s.corpId, customerId: s.customerId, recipient, senderUserId: s.customer?.ownerUserId ?? null, message: renderMessage(s.message, vars) })
        .catch((error: unknown) => ({ status: 'failed' as const, retryable: true, code: 'error', message: error instanceof Error ? error.message : String(error) }));
      if (result.status === 'sent') {
        finishes.push({ sendKey: s.key, outcome: 'sent', reason: null, providerId: result.providerId });
        out.set(s.key, { kind: 'go', outcome: 'sent', reason: null });
      } else {
        const reason = `${result.code}: ${result.message}`.slice(0, 200);
        finishes.push({ sendKey: s.key, outcome: 'failed', reason, providerId: null });
        out.set(s.key, result.retryable ? { kind: 'hold', until: new Date(now.getTime() + RETRY_MS), reason: `retrying after ${reason}` } : { kind: 'park', reason: `send failed: ${reason}` });
      }
    });
    await this.d.sends.finish(finishes, now);
    return out;
  }

  /** The customer's address on the message's channel, or why there is none. */
  private address(s: PendingSend): { ok: true; recipient: string } | { ok: false; reason: string } {
    const c = s.customer;
    if (!c) return { ok: false, reason: 'customer not found' };
    const need = (value: string | null, what: string) => (value ? ({ ok: true, recipient: value } as const) : ({ ok: false, reason: `no ${what}` } as const));
    const channel: ChannelKind = s.message.channel;
    switch (channel) {
      case 'mp_subscribe':
        return need(c.openid, 'mini-program openid');
      case 'oa_template':
        return need(c.oaOpenid, 'official-account openid');
      case 'sms':
        if (!c.phoneCipher) return { ok: false, reason: 'no phone number' };
        try {
          return { ok: true, recipient: this.d.ports.phone(c.phoneCipher) };
        } catch {
          return { ok: false, reason: 'phone number cannot be read' };
        }
      case 'wecom_task':
      case 'wecom_mass':
        if (!c.ownerUserId) return { ok: false, reason: 'no agent serves the customer' };
        return need(c.externalUserId, 'WeCom relationship');
      default: {
        const unknown: never = channel;
        throw new Error(`unknown channel ${String(unknown)}`);
      }
    }
  }

  /** Sends per customer and channel this local day, ISO week and month (frequency caps; all journeys). */
  private async capCounts(sends: readonly PendingSend[], now: Date): Promise<Map<string, { day: number; week: number; month: number }>> {
    const since = new Date(now.getTime() - 32 * 86_400_000);
    const rows = await this.d.sends.sentSince([...new Set(sends.map((s) => s.customerId))], since);
    const zones = new Map(sends.map((s) => [s.customerId, s.timeZone]));
    const out = new Map<string, { day: number; week: number; month: number }>();
    const bounds = new Map<string, { day: number; week: number; month: number }>();
    for (const r of rows) {
      const zone = zones.get(r.customerId)!;
      let b = bounds.get(zone);
      if (!b) {
        b = { day: startOfLocalDay(now, zone).getTime(), week: startOfLocalWeek(now, zone).getTime(), month: startOfLocalMonth(now, zone).getTime() };
        bounds.set(zone, b);
      }
      const key = `${r.customerId}\u0000${r.channel}`;
      const c = out.get(key) ?? { day: 0, week: 0, month: 0 };
      const t = r.at.getTime();
      if (t >= b.day) c.day += 1;
      if (t >= b.week) c.week += 1;
      if (t >= b.month) c.month += 1;
      out.set(key, c);
    }
    return out;
  }
}

/** Runs `work` over the items with at most `size` in flight at once (a rolling pool, not waves). */
async function pool<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const runner = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, runner));
}
