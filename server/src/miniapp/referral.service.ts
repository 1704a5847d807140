import type { MpPoster, MpReferrals } from '@lodestar/shared';
import { DomainError } from '../platform/errors';
import type { Clock } from '../platform/clock';
import type { IdGenerator } from '../platform/ids';
import type { Logger } from '../platform/logger';
import type { MpCaller } from './checkin.service';
import type { CheckinRepository } from './checkin.repository';
import { factKey, type EventRecorder, type MiniappEvent } from './event-recorder';
import type { MemberRepository } from './member.repository';
import { pointsKey } from './points.plan';
import { attribute, maskName, qualifies, referralCodeOf, referralRewardPoints, referralScene, type Attribution, type QualifyingAct } from './referral.plan';
import type { ReferralRepository } from './referral.repository';
import { WechatApiError, type WechatApiPort } from './wechat-api.port';

export interface ReferralDeps {
  repo: ReferralRepository;
  members: MemberRepository;
  ledger: CheckinRepository;
  events: EventRecorder;
  wechat: WechatApiPort;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  /** The page a poster's code opens (it reads `scene`). */
  posterPage: string;
  /** false while the mini-program's pages are not released (trial builds). */
  posterCheckPath: boolean;
}

/** Referral attribution at sign-in, the reward on qualification, the invitee list and posters. */
export class ReferralService {
  constructor(private readonly d: ReferralDeps) {}

  /** A customer's first sign-in came through a share or a poster: attribute it by the rules (referral.plan.ts). */
  async onJoin(corpId: string, refereeId: string, isNew: boolean, rawReferrer: string): Promise<Attribution> {
    const code = referralCodeOf(rawReferrer);
    const member = code ? await this.d.members.memberByCode(corpId, code) : null;
    const referrerId = member ? ((await this.d.members.live([member.customerId])).get(member.customerId) ?? member.customerId) : null;
    const [existing, chain] = await Promise.all([this.d.repo.ofReferee(refereeId), referrerId ? this.d.repo.chain(referrerId) : Promise.resolve([])]);
    const decision = attribute({ refereeId, isNew, referrerId, existingReferrerId: existing?.referrerId ?? null, referrerChain: chain });
    if (!decision.ok) {
      this.d.logger.debug({ refereeId, code, reason: decision.reason }, 'referral not attributed');
      return decision;
    }
    const now = this.d.clock.now();
    const inserted = await this.d.repo.insert({ id: this.d.ids.next(), corpId, referrerId: decision.referrerId, refereeId, status: 'joined', qualifiedBy: null, rewardPoints: 0, joinedAt: now, qualifiedAt: null });
    if (!inserted) return { ok: false, reason: 'already_attributed' };
    await this.d.events.record(corpId, this.pair('referral_joined', decision.referrerId, refereeId, now, {}));
    return decision;
  }

  /** The referee did something that qualifies them: the referrer gets the reward, exactly once. */
  async qualify(corpId: string, refereeId: string, act: QualifyingAct): Promise<boolean> {
    const referral = await this.d.repo.ofReferee(refereeId);
    if (!referral || !qualifies(referral)) return false;
    const now = this.d.clock.now();
    const moved = await this.d.repo.transaction(async (em) => {
      if (!(await this.d.repo.qualify(em, refereeId, act, referralRewardPoints, now))) return false;
      await this.d.ledger.addPoints(
        corpId,
        [{ customerId: referral.referrerId, delta: referralRewardPoints, reason: 'referral_reward', ref: refereeId, key: pointsKey.referralReward(refereeId) }],
        now,
        () => this.d.ids.next(),
        em,
      );
      return true;
    });
    if (moved) await this.d.events.record(corpId, this.pair('referral_qualified', referral.referrerId, refereeId, now, { qualified_by: act, reward_points: referralRewardPoints }));
    return moved;
  }

  async list(c: MpCaller): Promise<MpReferrals> {
    const [member, invitees] = await Promise.all([this.d.members.member(c.customerId), this.d.repo.invitees(c.customerId)]);
    if (!member) throw new DomainError('not_found', 'Sign in through the mini-program first');
    return {
      code: member.referralCode,
      invitees: invitees.map((i) => ({ name: maskName(i.name), joinedAt: i.joinedAt.toISOString(), qualified: i.status === 'qualified', rewardPoints: i.rewardPoints })),
      totalPoints: invitees.reduce((s, i) => s + i.rewardPoints, 0),
    };
  }

  /** A poster's mini-program code for the customer's referral scene (`r=<code>`). */
  async poster(c: MpCaller): Promise<MpPoster> {
    const member = await this.d.members.member(c.customerId);
    if (!member) throw new DomainError('not_found', 'Sign in through the mini-program first');
    const scene = referralScene(member.referralCode);
    try {
      const code = await this.d.wechat.getUnlimitedQrCode({ scene, page: this.d.posterPage, checkPath: this.d.posterCheckPath });
      return { imageBase64: code.image.toString('base64'), contentType: code.contentType, scene, page: this.d.posterPage };
    } catch (error) {
      if (error instanceof WechatApiError) throw new DomainError('upstream_error', `WeChat could not make the poster code: ${error.errcode} ${error.errmsg}`);
      throw error;
    }
  }

  /** The same fact for both sides, each with its role (the referral stage counts the referrer's). */
  private pair(name: string, referrerId: string, refereeId: string, at: Date, props: Record<string, unknown>): MiniappEvent[] {
    return [
      { customerId: referrerId, name, at, key: factKey(name, 'referrer', refereeId), properties: { ...props, role: 'referrer', referee_id: refereeId } },
      { customerId: refereeId, name, at, key: factKey(name, 'referee', refereeId), properties: { ...props, role: 'referee', referrer_id: referrerId } },
    ];
  }
}
