import type { ChannelResult, ChannelSendOf } from '../channels';
import type { Clock } from '../platform/clock';
import type { IdGenerator } from '../platform/ids';
import type { Logger } from '../platform/logger';
import type { Activity } from './activity.entity';
import { checkinReminderDue, defaultCheckinRules, zoneOf, type CheckinRules } from './checkin.plan';
import { activityRemindersDue } from './signup.plan';
import type { SubscriptionRepository } from './subscription.repository';

export interface ReminderDeps {
  subs: SubscriptionRepository;
  /** The mini-program subscription channel (channels/mp-subscribe.http-adapter.ts). */
  send: (req: ChannelSendOf<'mp_subscribe'>) => Promise<ChannelResult>;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  rules?: CheckinRules;
  pages: { checkin: string; activity: string };
}

export interface ReminderOutcome {
  due: number;
  sent: number;
  failed: number;
  noConsent: number;
}

const clip = (s: string, n = 20): string => ([...s].length > n ? `${[...s].slice(0, n - 1).join('')}…` : s);

function localTime(at: Date, zone: string): string {
  const f = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/**
 * Subscription-message reminders: check-ins not done by the customer's local 20:00, activities 24 h
 * and 1 h before the start, and a seat freed for someone on the waitlist. Only customers who
 * accepted the scene's template, one consent per message, and each reminder at most once: its key
 * (customer and local day, sign-up and lead time) is claimed before the send.
 */
export class ReminderService {
  private readonly rules: CheckinRules;
  constructor(private readonly d: ReminderDeps) {
    this.rules = d.rules ?? defaultCheckinRules;
  }

  async checkinReminders(corpId: string): Promise<ReminderOutcome> {
    const now = this.d.clock.now();
    const out: ReminderOutcome = { due: 0, sent: 0, failed: 0, noConsent: 0 };
    for (const c of await this.d.subs.checkinCandidates(corpId)) {
      const day = checkinReminderDue(now, zoneOf(c.timezone), c.lastDate, this.rules);
      if (!day) continue;
      out.due += 1;
      const r = await this.deliver(corpId, c.customerId, `checkin:${c.customerId}:${day}`, 'checkin_reminder', c.openid, c.templateId, this.d.pages.checkin, {
        thing1: '每日签到',
        thing2: '今天还没有签到，连续签到7天领好礼',
        date3: day,
      });
      tally(out, r);
    }
    return out;
  }

  async activityReminders(corpId: string): Promise<ReminderOutcome> {
    const now = this.d.clock.now();
    const out: ReminderOutcome = { due: 0, sent: 0, failed: 0, noConsent: 0 };
    const candidates = await this.d.subs.activityCandidates(corpId, now, new Date(now.getTime() + 24 * 3600_000));
    const keys = candidates.flatMap((c) => [`activity:${c.signupId}:24h`, `activity:${c.signupId}:1h`]);
    const claimed = await this.d.subs.claimedKeys(keys);
    for (const c of candidates) {
      const sent = new Set((['24h', '1h'] as const).filter((k) => claimed.has(`activity:${c.signupId}:${k}`)));
      for (const lead of activityRemindersDue(now, c.startsAt, sent)) {
        out.due += 1;
        const r = await this.deliver(corpId, c.customerId, `activity:${c.signupId}:${lead}`, `activity_${lead}`, c.openid, c.templateId, `${this.d.pages.activity}?id=${c.activityId}`, {
          thing1: clip(c.title),
          time2: localTime(c.startsAt, 'Asia/Shanghai'),
          thing3: clip(c.location ?? '线上活动'),
          thing4: lead === '24h' ? '活动明天开始，别忘了带上电子票' : '活动1小时后开始，请准时到场',
        });
        tally(out, r);
      }
    }
    return out;
  }

  /** A waitlisted customer got a seat: tell them, if they accepted activity messages. */
  async promoted(corpId: string, p: { customerId: string; signupId: string; activity: Activity }): Promise<void> {
    const sub = await this.d.subs.scene(p.customerId, 'activity_reminder');
    const openid = sub?.result === 'accept' ? await this.d.subs.openidOf(p.customerId) : null;
    if (!sub || !openid) return;
    await this.deliver(corpId, p.customerId, `promoted:${p.signupId}`, 'activity_promoted', openid, sub.templateId, `${this.d.pages.activity}?id=${p.activity.id}`, {
      thing1: clip(p.activity.title),
      time2: localTime(p.activity.startsAt, 'Asia/Shanghai'),
      thing3: clip(p.activity.location ?? '线上活动'),
      thing4: '候补成功，您已获得席位',
    });
  }

  private async deliver(corpId: string, customerId: string, key: string, kind: string, openid: string, templateId: string, page: string, data: Record<string, string>): Promise<'sent' | 'failed' | 'no_consent' | 'skipped'> {
    const now = this.d.clock.now();
    if (!(await this.d.subs.claim({ id: this.d.ids.next(), corpId, customerId, reminderKey: key, kind, at: now }))) return 'skipped';
    if (!(await this.d.subs.takeConsent(customerId, templateId, now))) {
      await this.d.subs.finish(key, 'no_consent', null);
      return 'no_consent';
    }
    const result = await this.d.send({ key, corpId, customerId, recipient: openid, senderUserId: null, message: { channel: 'mp_subscribe', templateId, page, data } });
    if (result.status === 'sent') {
      await this.d.subs.finish(key, 'sent', result.providerId);
      return 'sent';
    }
    this.d.logger.warn({ key, code: result.code, message: result.message }, 'reminder not delivered');
    await this.d.subs.finish(key, 'failed', `${result.code}: ${result.message}`);
    return 'failed';
  }
}

function tally(out: ReminderOutcome, r: 'sent' | 'failed' | 'no_consent' | 'skipped'): void {
  if (r === 'sent') out.sent += 1;
  else if (r === 'failed') out.failed += 1;
  else if (r === 'no_consent') out.noConsent += 1;
  else out.due -= 1;
}
