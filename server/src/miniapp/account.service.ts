import type { MpAgentCard, MpLoginRequest, MpLoginResponse, MpMe, MpPolicyList, MpProductLine } from '@lodestar/shared';
import type { PhoneVault, ProtectedPhone } from '../customers';
import { isUniqueViolation } from '../db/transaction';
import type { Clock } from '../platform/clock';
import { DomainError, unauthorized } from '../platform/errors';
import type { IdGenerator } from '../platform/ids';
import type { Logger } from '../platform/logger';
import type { Principal } from '../platform/http/principal';
import { visitorPrefix } from '../tracking';
import type { WecomApiPort } from '../wecom';
import { zoneOf } from './checkin.plan';
import type { MpCaller } from './checkin.service';
import type { Claim, CustomerBasics, MemberRepository } from './member.repository';
import { referralCode } from './referral.plan';
import type { ReferralService } from './referral.service';
import { WechatApiError, type WechatApiPort } from './wechat-api.port';

export interface AccountDeps {
  members: MemberRepository;
  wechat: WechatApiPort;
  wecom: Pick<WecomApiPort, 'addContactWay'>;
  sign: (p: Principal) => { token: string; expiresAt: Date };
  vault: PhoneVault;
  referrals: ReferralService;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
}

const titles: Record<string, string> = { junior: '保险顾问', intermediate: '高级保险顾问', senior: '资深保险顾问', expert: '首席保险顾问' };

/** How an agent's seniority reads on their card. */
export const agentTitle = (seniority: string): string => titles[seniority] ?? '保险顾问';

/**
 * Who the mini-program user is: sign-in by wx.login code (openid / unionid find the customer, a
 * WeCom contact with that unionid included, or make a new one), phone binding with consent through
 * the phone vault (a phone another record holds merges the two, as identity stitching does), the
 * "me" page and the agent's card with a contact way of scene 1.
 */
export class AccountService {
  constructor(private readonly d: AccountDeps) {}

  async login(corpId: string, input: MpLoginRequest): Promise<MpLoginResponse> {
    let session: { openid: string; unionid: string | null };
    try {
      session = await this.d.wechat.code2session(input.code);
    } catch (error) {
      if (error instanceof WechatApiError && (error.errcode === 40029 || error.errcode === 40163)) throw unauthorized('The login code is invalid or used: call wx.login again');
      if (error instanceof WechatApiError) throw new DomainError('upstream_error', `WeChat refused the login: ${error.errcode} ${error.errmsg}`);
      throw error;
    }
    const { customerId, isNew } = await this.findOrCreate(corpId, session, input.channel ?? null);
    if (input.referrer) await this.d.referrals.onJoin(corpId, customerId, isNew, input.referrer);
    const c = await this.basics(customerId);
    const { token, expiresAt } = this.d.sign({ id: c.id, role: 'customer', corpId, teamId: null, name: c.name });
    return { token, expiresAt: expiresAt.toISOString(), customer: this.view(c), isNew };
  }

  /** The live customer behind a token: a record merged since sign-in stands for its survivor (whose rows then move along). */
  async caller(p: Principal): Promise<MpCaller> {
    const live = (await this.d.members.live([p.id])).get(p.id) ?? p.id;
    if (live !== p.id) await this.d.members.transaction((em) => this.d.members.repoint(em, live, [p.id]));
    const c = await this.basics(live);
    if (c.corpId !== p.corpId) throw unauthorized('The token is invalid');
    return { customerId: c.id, corpId: c.corpId, timezone: zoneOf(c.timezone), name: c.name };
  }

  /** Binds the phone behind a getPhoneNumber code (the caller checked consent). */
  async bindPhone(c: MpCaller, code: string): Promise<{ phoneMasked: string; customerId: string }> {
    let phone: string;
    try {
      phone = (await this.d.wechat.getPhoneNumber(code)).purePhoneNumber;
    } catch (error) {
      if (error instanceof WechatApiError && error.errcode === 40029) throw new DomainError('bad_request', 'The phone code is invalid or used: ask the customer to tap the button again');
      if (error instanceof WechatApiError) throw new DomainError('upstream_error', `WeChat refused the phone number: ${error.errcode} ${error.errmsg}`);
      throw error;
    }
    const protectedPhone = this.d.vault.protect(phone);
    if (!protectedPhone) throw new DomainError('bad_request', 'Only mainland mobile numbers can be bound');
    return this.bindProtectedPhone(c, protectedPhone);
  }

  /**
   * Puts a phone on the customer: encrypted and masked on the record, its keyed hash as an identity.
   * A phone another record holds means one person: the two merge by the customers domain's rules
   * (409 when they hold different unionids or WeCom ids). Binding qualifies a referral.
   */
  async bindProtectedPhone(c: MpCaller, phone: ProtectedPhone): Promise<{ phoneMasked: string; customerId: string }> {
    const now = this.d.clock.now();
    const next = () => this.d.ids.next();
    const customerId = await this.d.members.transaction(async (em) => {
      const holder = await this.d.members.phoneOwner(em, c.corpId, phone.hash);
      let target = c.customerId;
      if (holder && holder !== c.customerId) {
        if (await this.d.members.conflicting(em, [c.customerId, holder])) throw new DomainError('conflict', 'This phone number belongs to another customer account');
        target = await this.d.members.merge(em, c.corpId, [c.customerId, holder], 'mp_phone', now, next);
      }
      if (!holder) await this.d.members.attach(em, c.corpId, target, [{ kind: 'phone_hash', value: phone.hash }], now, next);
      await this.d.members.setPhone(em, target, phone, now);
      return target;
    });
    await this.d.referrals.qualify(c.corpId, customerId, 'phone_bound');
    return { phoneMasked: phone.masked, customerId };
  }

  async me(c: MpCaller): Promise<MpMe> {
    const [customer, counts] = await Promise.all([this.basics(c.customerId), this.d.members.counts(c.customerId)]);
    return {
      customer: this.view(customer),
      points: { balance: counts.balance },
      counts: { tickets: counts.tickets, invitees: counts.invitees, policies: counts.policies },
      agent: customer.ownerStaffId ? await this.agentCard(customer.ownerStaffId) : null,
    };
  }

  async policies(c: MpCaller): Promise<MpPolicyList> {
    const rows = await this.d.members.policies(c.customerId);
    return {
      items: rows.map((p) => ({
        policyNo: p.policyNo,
        product: p.productName,
        productLine: p.productLine as MpProductLine,
        coverAmount: p.coverAmount,
        annualPremium: p.annualPremium,
        status: p.status,
        startDate: String(p.startDate),
        endDate: p.endDate === null ? null : String(p.endDate),
      })),
    };
  }

  /** The agent's card; the contact way (scene 1, for the mini-program's add-contact plugin) is made once per agent. */
  async agentCard(staffId: string): Promise<MpAgentCard | null> {
    const s = await this.d.members.staff(staffId);
    if (!s || s.status !== 'active') return null;
    let configId = await this.d.members.contactWay(staffId);
    if (!configId) {
      try {
        const way = await this.d.wecom.addContactWay({ userIds: [s.wecomUserId], state: `mp:${s.wecomUserId}`.slice(0, 30), skipVerify: true, scene: 1, remark: '小程序联系我' });
        configId = await this.d.members.saveContactWay({ staffId, corpId: s.corpId, configId: way.configId, createdAt: this.d.clock.now() });
      } catch (error) {
        this.d.logger.warn({ err: error, staffId }, 'no contact way for the agent card');
      }
    }
    return { staffId, name: s.name, title: agentTitle(s.seniority), avatarUrl: null, contactWay: configId ? { configId, scene: 1 } : null };
  }

  async basics(customerId: string): Promise<CustomerBasics> {
    const c = (await this.d.members.basics([customerId])).get(customerId);
    if (!c) throw unauthorized('The customer of this token no longer exists: sign in again');
    return c;
  }

  private view(c: CustomerBasics): MpLoginResponse['customer'] {
    return { id: c.id, name: c.name, phoneMasked: c.phoneMasked, timezone: zoneOf(c.timezone) };
  }

  /**
   * The customer by unionid (which also finds a WeCom contact whose unionid we know) or openid;
   * two records found (openid on one, unionid on the other) are one person and merge; none: a new
   * customer. Each gets its member row (referral code) on first sign-in.
   */
  private async findOrCreate(corpId: string, s: { openid: string; unionid: string | null }, channel: string | null): Promise<{ customerId: string; isNew: boolean }> {
    const claims: Claim[] = [{ kind: 'openid', value: s.openid }, ...(s.unionid ? [{ kind: 'unionid' as const, value: s.unionid }] : [])];
    const next = () => this.d.ids.next();
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.d.members.transaction(async (em) => {
          const now = this.d.clock.now();
          const owners = await this.d.members.owners(em, corpId, claims);
          const ids = [...new Set(owners.map((o) => o.customerId))];
          let customerId: string;
          let isNew = false;
          if (ids.length === 0) {
            customerId = next();
            isNew = true;
            await this.d.members.createCustomer(em, { id: customerId, corpId, name: `${visitorPrefix} ${s.openid.slice(-4)}`, at: now }, [...claims, { kind: 'distinct_id', value: customerId }], next);
          } else {
            customerId = ids.length === 1 ? ids[0]! : await this.d.members.merge(em, corpId, ids, 'mp_login', now, next);
            await this.d.members.attach(em, corpId, customerId, [...claims, { kind: 'distinct_id', value: customerId }], now, next);
          }
          if (!(await this.d.members.member(customerId, em))) {
            await this.d.members.insertMember(em, { customerId, corpId, referralCode: referralCode(next()), channel: channel?.slice(0, 64) ?? null, joinedAt: now });
          }
          return { customerId, isNew };
        });
      } catch (error) {
        // Two first sign-ins of one user at once (or a referral code drawn twice): the second reads the first's rows.
        if (attempt < 4 && isUniqueViolation(error)) continue;
        throw error;
      }
    }
  }
}
