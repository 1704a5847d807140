import { defaultJourneyPolicy, journeyPolicySchema, type JourneyPolicy, type JourneyPolicyInput } from '@lodestar/shared';
import { decideSend, quietUntil, type SendFacts } from './send-policy.plan';

const SH = 'Asia/Shanghai';
const DAY = 86_400_000;

/** 2026-03-02 is a Monday; 02:00Z is 10:00 in Shanghai, outside the default quiet hours. */
const DAYTIME = new Date('2026-03-02T02:00:00Z');

function facts(over: Partial<SendFacts> = {}): SendFacts {
  return {
    now: DAYTIME,
    timeZone: SH,
    channel: 'sms',
    journeyId: 'j1',
    heldSince: null,
    sentToday: 0,
    sentThisWeek: 0,
    sentThisMonth: 0,
    channelSentThisMinute: 0,
    journeySentThisMinute: 0,
    journeyRateLimitPerMinute: undefined,
    consentsLeft: null,
    unreachable: null,
    ...over,
  };
}

const policy = (input: JourneyPolicyInput): JourneyPolicy => journeyPolicySchema.parse(input);
/** No quiet hours, no caps: isolates one rule at a time. */
const open = policy({ quietHours: null });

describe('decideSend', () => {
  it('sends when no rule applies', () => {
    expect(decideSend(defaultJourneyPolicy, facts())).toEqual({ outcome: 'send' });
  });

  describe('reachability', () => {
    it('skips a customer the channel cannot reach, with the reason', () => {
      expect(decideSend(open, facts({ unreachable: 'no phone number' }))).toEqual({ outcome: 'skipped', reason: 'unreachable: no phone number' });
    });
  });

  describe('platform rules', () => {
    it('skips a subscription message without a consent left', () => {
      for (const consentsLeft of [0, null]) {
        expect(decideSend(open, facts({ channel: 'mp_subscribe', consentsLeft }))).toEqual({ outcome: 'skipped', reason: 'no subscription consent' });
      }
      expect(decideSend(open, facts({ channel: 'mp_subscribe', consentsLeft: 1 }))).toEqual({ outcome: 'send' });
    });

    it('does not ask other channels for a consent', () => {
      expect(decideSend(open, facts({ channel: 'oa_template', consentsLeft: null }))).toEqual({ outcome: 'send' });
    });

    it('respects the WeCom monthly mass-send cap', () => {
      const p = policy({ quietHours: null, wecomMassMonthlyCap: 4 });
      expect(decideSend(p, facts({ channel: 'wecom_mass', sentThisMonth: 3 }))).toEqual({ outcome: 'send' });
      const v = decideSend(p, facts({ channel: 'wecom_mass', sentThisMonth: 4 }));
      expect(v.outcome).toBe('skipped');
      expect(v.outcome === 'skipped' && v.reason).toMatch(/WeCom monthly/);
      // The cap is WeCom's, not a corp cap: other channels may exceed it.
      expect(decideSend(p, facts({ channel: 'wecom_task', sentThisMonth: 10 }))).toEqual({ outcome: 'send' });
    });
  });

  describe('frequency caps', () => {
    const capped = policy({ quietHours: null, caps: { sms: { perDay: 1, perWeek: 2, perMonth: 4 } } });

    it('skips when a cap for the channel is reached, saying which', () => {
      expect(decideSend(capped, facts({ sentToday: 1, sentThisWeek: 1, sentThisMonth: 1 }))).toEqual({ outcome: 'skipped', reason: 'frequency cap: sms 1 per day reached' });
      expect(decideSend(capped, facts({ sentToday: 0, sentThisWeek: 2, sentThisMonth: 2 }))).toEqual({ outcome: 'skipped', reason: 'frequency cap: sms 2 per week reached' });
      expect(decideSend(capped, facts({ sentToday: 0, sentThisWeek: 0, sentThisMonth: 4 }))).toEqual({ outcome: 'skipped', reason: 'frequency cap: sms 4 per month reached' });
    });

    it('sends just under every cap', () => {
      expect(decideSend(capped, facts({ sentToday: 0, sentThisWeek: 1, sentThisMonth: 3 }))).toEqual({ outcome: 'send' });
    });

    it('applies only the caps of the message’s channel', () => {
      expect(decideSend(capped, facts({ channel: 'oa_template', sentToday: 9, sentThisWeek: 9, sentThisMonth: 9 }))).toEqual({ outcome: 'send' });
    });

    it('treats a cap of 0 as "never on this channel"', () => {
      const zero = policy({ quietHours: null, caps: { sms: { perDay: 0 } } });
      expect(decideSend(zero, facts()).outcome).toBe('skipped');
    });
  });

  describe('held too long', () => {
    it('drops a message held for dropAfterHeldMs or more', () => {
      const v = decideSend(defaultJourneyPolicy, facts({ heldSince: new Date(DAYTIME.getTime() - 3 * DAY) }));
      expect(v.outcome).toBe('dropped');
      expect(v.outcome === 'dropped' && v.reason).toMatch(/held for 72 h/);
    });

    it('sends a message held for just under the limit', () => {
      expect(decideSend(defaultJourneyPolicy, facts({ heldSince: new Date(DAYTIME.getTime() - 3 * DAY + 1) }))).toEqual({ outcome: 'send' });
    });
  });

  describe('quiet hours across midnight (21:30–08:30, Asia/Shanghai)', () => {
    it('holds a message at 22:00 local until 08:30 local the next morning', () => {
      // 2026-03-02 22:00 +08 = 14:00Z; 2026-03-03 08:30 +08 = 00:30Z.
      expect(decideSend(defaultJourneyPolicy, facts({ now: new Date('2026-03-02T14:00:00Z') }))).toEqual({
        outcome: 'held',
        until: new Date('2026-03-03T00:30:00Z'),
        reason: 'quiet hours 21:30–08:30',
      });
    });

    it('holds a message after midnight until 08:30 the same local morning', () => {
      // 2026-03-03 03:00 +08 = 2026-03-02 19:00Z.
      const v = decideSend(defaultJourneyPolicy, facts({ now: new Date('2026-03-02T19:00:00Z') }));
      expect(v).toMatchObject({ outcome: 'held', until: new Date('2026-03-03T00:30:00Z') });
    });

    it('sends at 09:00 local', () => {
      expect(decideSend(defaultJourneyPolicy, facts({ now: new Date('2026-03-03T01:00:00Z') }))).toEqual({ outcome: 'send' });
    });

    it('includes the start minute and excludes the end minute', () => {
      expect(decideSend(defaultJourneyPolicy, facts({ now: new Date('2026-03-02T13:30:00Z') })).outcome).toBe('held'); // 21:30
      expect(decideSend(defaultJourneyPolicy, facts({ now: new Date('2026-03-02T13:29:59Z') })).outcome).toBe('send'); // 21:29:59
      expect(decideSend(defaultJourneyPolicy, facts({ now: new Date('2026-03-03T00:30:00Z') })).outcome).toBe('send'); // 08:30
      expect(decideSend(defaultJourneyPolicy, facts({ now: new Date('2026-03-03T00:29:30Z') }))).toMatchObject({ outcome: 'held', until: new Date('2026-03-03T00:30:00Z') });
    });
  });

  describe('quiet hours that do not cross midnight (12:00–14:00)', () => {
    const lunch = policy({ quietHours: { start: '12:00', end: '14:00' } });

    it('holds inside the window until 14:00 local the same day', () => {
      // 13:00 +08 = 05:00Z; 14:00 +08 = 06:00Z.
      expect(decideSend(lunch, facts({ now: new Date('2026-03-02T05:00:00Z') }))).toMatchObject({ outcome: 'held', until: new Date('2026-03-02T06:00:00Z') });
    });

    it('sends before and after the window, and at night', () => {
      for (const iso of ['2026-03-02T03:59:00Z', '2026-03-02T06:00:00Z', '2026-03-02T15:00:00Z']) {
        expect(decideSend(lunch, facts({ now: new Date(iso) }))).toEqual({ outcome: 'send' });
      }
    });
  });

  describe('rate limits', () => {
    const now = new Date('2026-03-02T02:34:56.789Z');
    const limited = policy({ quietHours: null, rateLimitsPerMinute: { sms: 10 } });

    it('holds until the next UTC minute when the channel limit is reached', () => {
      expect(decideSend(limited, facts({ now, channelSentThisMinute: 10 }))).toEqual({ outcome: 'held', until: new Date('2026-03-02T02:35:00Z'), reason: 'rate limit: sms 10 a minute' });
      expect(decideSend(limited, facts({ now, channelSentThisMinute: 9 }))).toEqual({ outcome: 'send' });
    });

    it('holds when the journey’s own limit is reached', () => {
      expect(decideSend(open, facts({ now, journeyRateLimitPerMinute: 5, journeySentThisMinute: 5 }))).toEqual({
        outcome: 'held',
        until: new Date('2026-03-02T02:35:00Z'),
        reason: 'rate limit: journey j1 5 a minute',
      });
      expect(decideSend(open, facts({ now, journeyRateLimitPerMinute: 5, journeySentThisMinute: 4 }))).toEqual({ outcome: 'send' });
    });

    it('has no limit when none is set', () => {
      expect(decideSend(open, facts({ now, channelSentThisMinute: 1e6, journeySentThisMinute: 1e6 }))).toEqual({ outcome: 'send' });
    });
  });

  describe('order of precedence', () => {
    const night = new Date('2026-03-02T14:00:00Z'); // 22:00 in Shanghai: quiet
    const strict = policy({
      quietHours: { start: '21:30', end: '08:30' },
      caps: { mp_subscribe: { perDay: 1 } },
      rateLimitsPerMinute: { mp_subscribe: 1 },
    });
    const everything: Partial<SendFacts> = {
      now: night,
      channel: 'mp_subscribe',
      unreachable: 'no openid',
      consentsLeft: 0,
      sentToday: 1,
      heldSince: new Date(night.getTime() - 4 * DAY),
      channelSentThisMinute: 1,
    };

    it('unreachable beats everything', () => {
      expect(decideSend(strict, facts(everything))).toMatchObject({ outcome: 'skipped', reason: 'unreachable: no openid' });
    });

    it('then the platform rule', () => {
      expect(decideSend(strict, facts({ ...everything, unreachable: null }))).toMatchObject({ outcome: 'skipped', reason: 'no subscription consent' });
    });

    it('then the frequency caps, before dropping', () => {
      expect(decideSend(strict, facts({ ...everything, unreachable: null, consentsLeft: 1 }))).toMatchObject({ outcome: 'skipped', reason: 'frequency cap: mp_subscribe 1 per day reached' });
    });

    it('then dropping, before holding for quiet hours', () => {
      expect(decideSend(strict, facts({ ...everything, unreachable: null, consentsLeft: 1, sentToday: 0 })).outcome).toBe('dropped');
    });

    it('then quiet hours, before the rate limit', () => {
      const v = decideSend(strict, facts({ ...everything, unreachable: null, consentsLeft: 1, sentToday: 0, heldSince: null }));
      expect(v).toMatchObject({ outcome: 'held', until: new Date('2026-03-03T00:30:00Z'), reason: 'quiet hours 21:30–08:30' });
    });

    it('then the rate limit', () => {
      const v = decideSend(strict, facts({ ...everything, now: DAYTIME, unreachable: null, consentsLeft: 1, sentToday: 0, heldSince: null }));
      expect(v).toMatchObject({ outcome: 'held', until: new Date('2026-03-02T02:01:00Z') });
    });
  });
});

describe('quietUntil', () => {
  it('is null for a channel outside quietHours.channels', () => {
    const p = policy({ quietHours: { start: '21:30', end: '08:30', channels: ['sms'] } });
    const night = new Date('2026-03-02T14:00:00Z');
    expect(quietUntil(p, 'wecom_task', night, SH)).toBeNull();
    expect(quietUntil(p, 'sms', night, SH)).toEqual(new Date('2026-03-03T00:30:00Z'));
  });

  it('is null when start equals end, or there are no quiet hours', () => {
    const night = new Date('2026-03-02T14:00:00Z');
    expect(quietUntil(policy({ quietHours: { start: '22:00', end: '22:00' } }), 'sms', night, SH)).toBeNull();
    expect(quietUntil(open, 'sms', night, SH)).toBeNull();
  });

  it('reads the local clock of the customer’s zone', () => {
    // 14:00Z is 22:00 in Shanghai (quiet) but 14:00 in London (not quiet).
    expect(quietUntil(defaultJourneyPolicy, 'sms', new Date('2026-03-02T14:00:00Z'), 'Europe/London')).toBeNull();
  });

  it('ends at the local end time across a DST change, not after a fixed number of hours', () => {
    // New York, night of 7–8 March 2026 (clocks spring forward at 02:00): 22:00 EST = 03:00Z;
    // 08:30 EDT = 12:30Z, ten and a half hours of wall clock but only nine and a half real hours.
    expect(quietUntil(defaultJourneyPolicy, 'sms', new Date('2026-03-08T03:00:00Z'), 'America/New_York')).toEqual(new Date('2026-03-08T12:30:00Z'));
  });
});
