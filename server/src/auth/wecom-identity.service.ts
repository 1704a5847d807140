import { randomBytes } from 'node:crypto';
import type { JssdkConfig, LoginResponse } from '@lodestar/shared';
import type { AuditLogRepository } from '../db/audit-log.repository';
import type { StaffRepository } from '../org';
import type { Clock } from '../platform/clock';
import { DomainError, unauthorized } from '../platform/errors';
import type { IdGenerator } from '../platform/ids';
import { WecomApiError, type WecomAgentApiPort } from '../wecom';
import { jssdkSignature, wecomOAuthUrl } from './jssdk-signature';
import type { TokenService } from './token.service';

export interface WecomIdentityDeps {
  agentApi: WecomAgentApiPort;
  staff: StaffRepository;
  audit: AuditLogRepository;
  tokens: TokenService;
  clock: Clock;
  ids: IdGenerator;
  wecomCorpId: string;
  /** The sidebar app's AgentId; unset when no app is configured. */
  agentId: number | undefined;
}

/** The sidebar's WeCom identity: OAuth sign-in for agents and the JS-SDK signatures for ww.register. */
export class WecomIdentityService {
  constructor(private readonly d: WecomIdentityDeps) {}

  private agent(): string {
    if (this.d.agentId === undefined) throw new DomainError('unavailable', 'The sidebar app is not configured: set WECOM_AGENT_ID and WECOM_AGENT_SECRET');
    return String(this.d.agentId);
  }

  oauthUrl(redirect: string, state?: string): { url: string } {
    return { url: wecomOAuthUrl(this.d.wecomCorpId, this.agent(), redirect, state) };
  }

  /** Signs in the staff member behind a single-use OAuth code. */
  async login(code: string, ip: string): Promise<LoginResponse> {
    this.agent();
    let userId: string | null;
    try {
      userId = await this.d.agentApi.userIdFromOAuthCode(code);
    } catch (error) {
      if (error instanceof WecomApiError && (error.code === 'bad_request' || error.code === 'not_found')) throw unauthorized('The WeCom sign-in code is invalid, used or expired; open the sidebar again');
      throw error;
    }
    const corp = await this.d.staff.findCorpByWecomId(this.d.wecomCorpId);
    const member = userId && corp ? await this.d.staff.findByWecomUserId(corp.id, userId) : null;
    const now = this.d.clock.now();
    if (!member || member.status !== 'active' || !corp) {
      await this.d.audit.record(this.d.ids.next(), now, { corpId: corp?.id ?? null, actorType: 'anonymous', actorId: null, action: 'auth.login_failed', targetType: 'wecom_user', targetId: userId ?? 'not-staff', detail: { via: 'wecom_oauth', reason: !userId ? 'not_staff' : !member ? 'unknown_staff' : 'inactive' }, ip });
      throw unauthorized(userId ? `WeCom user ${userId} has no active Lodestar account` : 'Only staff of the corp can open the sidebar');
    }
    const { token, expiresAt } = await this.d.tokens.signIn({ id: member.id, role: member.role, corpId: member.corpId, teamId: member.teamId, name: member.name }, { via: 'wecom_oauth', ip });
    await this.d.audit.record(this.d.ids.next(), now, { corpId: member.corpId, actorType: 'staff', actorId: member.id, action: 'auth.login', targetType: 'staff_member', targetId: member.id, detail: { via: 'wecom_oauth' }, ip });
    return { token, expiresAt: expiresAt.toISOString(), user: { id: member.id, name: member.name, role: member.role } };
  }

  /** Both signatures ww.register asks for, for one page URL. */
  async jssdkConfig(url: string): Promise<JssdkConfig> {
    const agentId = this.agent();
    const [corpTicket, agentTicket] = await Promise.all([this.d.agentApi.corpJsapiTicket(), this.d.agentApi.agentJsapiTicket()]);
    const timestamp = Math.floor(this.d.clock.now().getTime() / 1000);
    const sign = (ticket: string) => {
      const nonceStr = randomBytes(12).toString('base64url');
      return { timestamp, nonceStr, signature: jssdkSignature(ticket, nonceStr, timestamp, url) };
    };
    return { corpId: this.d.wecomCorpId, agentId, config: sign(corpTicket), agentConfig: sign(agentTicket) };
  }
}
