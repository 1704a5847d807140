import type { MpActivityDetail, MpActivityList, MpAttendResult, MpCancelResult, MpPlayRequest, MpPlayResult, MpSignupRequest, MpSignupResult, MpTicketList } from '@lodestar/shared';
import type { PhoneVault } from '../customers';
import type { Clock } from '../platform/clock';
import { DomainError, notFound } from '../platform/errors';
import type { IdGenerator } from '../platform/ids';
import { visitorPrefix } from '../tracking';
import type { Activity } from './activity.entity';
import type { MpActivityRepository } from './activity.repository';
import { activityCard, activityDetail } from './activity-view';
import type { MpCaller } from './checkin.service';
import type { CheckinRepository } from './checkin.repository';
import { factKey, type EventRecorder } from './event-recorder';
import type { MemberRepository } from './member.repository';
import { drawPrize, rollOf, scoreQuiz } from './play.plan';
import { pointsKey } from './points.plan';
import type { ReferralService } from './referral.service';
import { attendanceRefusal, qrPayloadOf, seatsFor, signupRefusal, ticketCode } from './signup.plan';

export interface ActivityDeps {
  repo: MpActivityRepository;
  members: MemberRepository;
  ledger: CheckinRepository;
  referrals: ReferralService;
  events: EventRecorder;
  vault: PhoneVault;
  clock: Clock;
  ids: IdGenerator;
  /** Tells a customer moved up from the waitlist (a subscription message where they consented). */
  onPromoted: (corpId: string, promoted: { customerId: string; signupId: string; activity: Activity }) => Promise<void>;
}

/** The customer's side of activities: list, detail (a view), sign-up with seats and waitlist, tickets, attendance, plays. */
export class ActivityService {
  constructor(private readonly d: ActivityDeps) {}

  async list(c: MpCaller, kind: 'online' | 'offline' | undefined): Promise<MpActivityList> {
    const items = await this.d.repo.list(c.corpId, { status: 'published', ...(kind ? { kind } : {}) });
    const mine = await this.d.repo.signupsOfCustomer(c.customerId, items.map((a) => a.id));
    const positions = await this.d.repo.positions(mine);
    const byActivity = new Map(mine.map((s) => [s.activityId, s]));
    return { items: items.map((a) => activityCard(a, byActivity.get(a.id) ?? null, positions.get(byActivity.get(a.id)?.id ?? '') ?? null)) };
  }

  /** The detail page; each opening is an `activity_view` event (with who invited), so "viewed but did not book" is known. */
  async detail(c: MpCaller, id: string, inviter: string | undefined): Promise<MpActivityDetail> {
    const a = await this.visible(c.corpId, id);
    const now = this.d.clock.now();
    const [mine, played] = await Promise.all([this.d.repo.signupOf(id, c.customerId), this.d.repo.play(id, c.customerId)]);
    const position = mine ? ((await this.d.repo.positions([mine])).get(mine.id) ?? null) : null;
    await this.d.repo.recordView({ corpId: c.corpId, activityId: id, customerId: c.customerId, inviter: inviter ?? null, at: now });
    await this.d.events.record(c.corpId, [
      { customerId: c.customerId, name: 'activity_view', at: now, key: this.d.events.freshKey(), properties: { activity_id: id, activity_name: a.title, activity_type: a.type, ...(inviter ? { inviter } : {}) } },
    ]);
    return activityDetail(a, mine, position, !!played);
  }

  /** Never oversold: seats are taken in the repository's locked, conditional transaction; full means waitlisted. */
  async signUp(c: MpCaller, id: string, input: MpSignupRequest): Promise<MpSignupResult> {
    const a = await this.visible(c.corpId, id);
    const now = this.d.clock.now();
    const existing = await this.d.repo.signupOf(id, c.customerId);
    if (!existing || existing.status === 'cancelled') {
      const refusal = signupRefusal(a, now);
      if (refusal) throw new DomainError('conflict', refusal);
    }
    const phone = input.form.phone ? this.d.vault.protect(input.form.phone) : null;
    if (input.form.phone && !phone) throw new DomainError('validation_failed', 'form.phone: not a mainland mobile number');
    const inviter = await this.d.repo.inviterOf(id, c.customerId);
    const { signup, created } = await this.d.repo.signUp({
      corpId: c.corpId,
      activityId: id,
      customerId: c.customerId,
      seats: seatsFor(input.form.companions),
      name: input.form.name,
      phone: phone ? { cipher: phone.cipher, masked: phone.masked } : null,
      note: input.form.note ?? null,
      inviter,
      requestId: input.requestId,
      at: now,
      newId: () => this.d.ids.next(),
      newTicket: () => ticketCode(this.d.ids.next()),
    });
    if (created) {
      if (c.name.startsWith(visitorPrefix)) await this.d.members.rename(c.customerId, input.form.name, now);
      await this.d.events.record(c.corpId, [
        {
          customerId: c.customerId,
          name: 'activity_signup',
          at: now,
          key: factKey('activity_signup', signup.id, signup.signedUpAt.toISOString()),
          properties: { activity_id: id, activity_name: a.title, activity_type: a.type, status: signup.status, seats: signup.seats },
        },
      ]);
      await this.d.referrals.qualify(c.corpId, c.customerId, 'signed_up');
    }
    const position = signup.status === 'waitlisted' ? ((await this.d.repo.positions([signup])).get(signup.id) ?? null) : null;
    const status = signup.status === 'waitlisted' ? 'waitlisted' : 'confirmed';
    return { status, ticket: signup.ticketCode && status === 'confirmed' ? { code: signup.ticketCode, activityId: id } : null, position };
  }

  /** Cancels; the first on the waitlist who fits moves up at once (an event, and a message where they consented). */
  async cancel(c: MpCaller, id: string): Promise<MpCancelResult> {
    const a = await this.visible(c.corpId, id);
    const now = this.d.clock.now();
    const mine = await this.d.repo.signupOf(id, c.customerId);
    if (!mine) throw notFound('Sign-up');
    if (mine.status === 'attended') throw new DomainError('conflict', 'The activity was attended already');
    const done = await this.d.repo.cancel(id, c.customerId, now, () => ticketCode(this.d.ids.next()));
    if (!done) return { status: 'cancelled' };
    await this.d.events.record(c.corpId, [
      { customerId: c.customerId, name: 'activity_cancelled', at: now, key: factKey('activity_cancelled', mine.id, now.toISOString()), properties: { activity_id: id, activity_name: a.title } },
      ...done.promoted.map((p) => ({
        customerId: p.customerId,
        name: 'activity_promoted',
        at: now,
        key: factKey('activity_promoted', p.signupId, p.ticketCode),
        properties: { activity_id: id, activity_name: a.title },
      })),
    ]);
    for (const p of done.promoted) await this.d.onPromoted(c.corpId, { customerId: p.customerId, signupId: p.signupId, activity: a });
    return { status: 'cancelled' };
  }

  async tickets(c: MpCaller): Promise<MpTicketList> {
    const mine = (await this.d.repo.signupsOfCustomer(c.customerId)).filter((s) => s.ticketCode && (s.status === 'confirmed' || s.status === 'attended'));
    const activities = new Map((await this.d.repo.many(mine.map((s) => s.activityId))).map((a) => [a.id, a]));
    return {
      items: mine
        .filter((s) => activities.has(s.activityId))
        .map((s) => ({ code: s.ticketCode!, activity: activityCard(activities.get(s.activityId)!, s, null), status: s.status, qrPayload: qrPayloadOf(s.ticketCode!) })),
    };
  }

  /** The customer scanned the code at the venue. */
  async attendBySiteCode(c: MpCaller, id: string, siteCode: string): Promise<MpAttendResult> {
    const a = await this.visible(c.corpId, id);
    if (!a.siteCode || a.siteCode !== siteCode.trim()) throw new DomainError('bad_request', 'This is not the code of this activity');
    const mine = await this.d.repo.signupOf(id, c.customerId);
    if (!mine) throw new DomainError('conflict', 'You have not signed up for this activity');
    const now = this.d.clock.now();
    const refusal = attendanceRefusal(a, mine.status, now);
    if (refusal) throw new DomainError('conflict', refusal);
    if (await this.d.repo.attend(mine.id, now)) await this.attended(c.corpId, c.customerId, a, mine.id, now, { via: 'site_code' });
    return { status: 'attended', ticketCode: mine.ticketCode ?? '' };
  }

  async attended(corpId: string, customerId: string, a: Activity, signupId: string, at: Date, props: Record<string, unknown>): Promise<void> {
    await this.d.events.record(corpId, [{ customerId, name: 'activity_attended', at, key: factKey('activity_attended', signupId), properties: { activity_id: a.id, activity_name: a.title, activity_type: a.type, ...props } }]);
  }

  /** Online activities, once per customer: a lottery draw (random from a fresh id) or a quiz; points through the ledger. */
  async play(c: MpCaller, id: string, input: MpPlayRequest): Promise<MpPlayResult> {
    const a = await this.visible(c.corpId, id);
    const now = this.d.clock.now();
    if (a.type !== 'lottery' && a.type !== 'quiz') throw new DomainError('bad_request', 'Only lotteries and quizzes can be played');
    const earlier = await this.d.repo.play(id, c.customerId);
    if (earlier) return { ...(earlier.result as MpPlayResult), already: true };
    if (now < a.startsAt || now > a.endsAt) throw new DomainError('conflict', 'The activity is not running now');
    const cfg = a.config ?? {};
    let result: MpPlayResult;
    if (a.type === 'lottery') {
      const prize = drawPrize(cfg.prizes ?? [], cfg.missWeight ?? 0, rollOf(this.d.ids.next()));
      result = { kind: 'lottery', prize, pointsAwarded: prize?.points ?? 0, already: false };
    } else {
      const quiz = cfg.quiz ?? [];
      if (!input.answers || input.answers.length !== quiz.length) throw new DomainError('validation_failed', `answers: give one answer per question (${quiz.length})`);
      const s = scoreQuiz(quiz, input.answers, cfg.quizPointsPerAnswer ?? 10);
      result = { kind: 'quiz', score: s.score, total: s.total, pointsAwarded: s.points, already: false };
    }
    const first = await this.d.repo.transaction(async (em) => {
      if (!(await this.d.repo.insertPlay(em, { activityId: id, customerId: c.customerId, corpId: c.corpId, result, at: now }))) return false;
      const kind = result.kind;
      await this.d.ledger.addPoints(c.corpId, [{ customerId: c.customerId, delta: result.pointsAwarded, reason: kind, ref: id, key: pointsKey.play(kind, id, c.customerId) }], now, () => this.d.ids.next(), em);
      return true;
    });
    if (!first) {
      const stored = await this.d.repo.play(id, c.customerId);
      return { ...(stored!.result as MpPlayResult), already: true };
    }
    return result;
  }

  private async visible(corpId: string, id: string): Promise<Activity> {
    const a = await this.d.repo.get(corpId, id);
    if (!a || a.status === 'draft') throw notFound('Activity');
    return a;
  }
}
