import type { LoginRequest, LoginResponse } from '@lodestar/shared';
import type { AuditLogRepository } from '../db/audit-log.repository';
import { isUniqueViolation } from '../db/transaction';
import type { StaffRepository } from '../org';
import type { Clock } from '../platform/clock';
import { DomainError, notFound, unauthorized } from '../platform/errors';
import type { Principal } from '../platform/http/principal';
import type { IdGenerator } from '../platform/ids';
import { loginThrottle, throttleDecision } from './login-throttle';
import { decoyHash, hashPassword, verifyPassword } from './password';
import type { SessionService } from './session.service';
import type { TokenService } from './token.service';

export interface AuthServiceDeps {
  staff: StaffRepository;
  audit: AuditLogRepository;
  tokens: TokenService;
  sessions: SessionService;
  clock: Clock;
  ids: IdGenerator;
}

/** Staff sign-in with a password; failed attempts are remembered in the audit log and throttled. */
export class AuthService {
  constructor(private readonly deps: AuthServiceDeps) {}

  async login(req: LoginRequest, ip: string): Promise<LoginResponse> {
    const { staff, audit, tokens, clock, ids } = this.deps;
    const now = clock.now();
    const since = new Date(now.getTime() - loginThrottle.windowMs);
    const username = req.username.toLowerCase();
    const decision = throttleDecision({
      user: await audit.countSince('auth.login_failed', since, { targetId: username }),
      ip: await audit.countSince('auth.login_failed', since, { ip }),
    });
    if (!decision.allowed) {
      throw new DomainError('rate_limited', 'Too many failed sign-in attempts; try again later', undefined, decision.retryAfterSeconds);
    }
    const member = await staff.findByUsername(username);
    const ok = await verifyPassword(req.password, member?.passwordHash ?? decoyHash);
    if (!member || !ok || member.status !== 'active') {
      await audit.record(ids.next(), now, {
        corpId: member?.corpId ?? null,
        actorType: 'anonymous',
        actorId: null,
        action: 'auth.login_failed',
        targetType: 'username',
        targetId: username,
        detail: { reason: !member ? 'unknown_user' : !ok ? 'bad_password' : 'inactive' },
        ip,
      });
      throw unauthorized('The user name or password is wrong');
    }
    const principal = { id: member.id, role: member.role, corpId: member.corpId, teamId: member.teamId, name: member.name };
    const { token, expiresAt } = await tokens.signIn(principal, { via: 'password', ip });
    await audit.record(ids.next(), now, {
      corpId: member.corpId,
      actorType: 'staff',
      actorId: member.id,
      action: 'auth.login',
      targetType: 'staff_member',
      targetId: member.id,
      detail: null,
      ip,
    });
    return { token, expiresAt: expiresAt.toISOString(), user: { id: member.id, name: member.name, role: member.role } };
  }

  /** Ends the caller's own session: the same token answers 401 from now on. */
  async logout(caller: Principal, ip: string): Promise<{ ok: true }> {
    const sessionId = this.deps.tokens.sessionOf(caller);
    if (!sessionId) throw unauthorized('This token has no session to end');
    await this.deps.sessions.end(sessionId, 'logout');
    await this.deps.audit.record(this.deps.ids.next(), this.deps.clock.now(), {
      corpId: caller.corpId,
      actorType: 'staff',
      actorId: caller.id,
      action: 'auth.logout',
      targetType: 'staff_session',
      targetId: sessionId,
      detail: null,
      ip,
    });
    return { ok: true };
  }

  /** Ends every open session of a staff member of the caller's corp (an admin's act, e.g. when someone leaves). */
  async revokeSessions(caller: Principal, staffId: string, ip: string): Promise<{ revoked: number }> {
    const member = await this.deps.staff.findById(staffId);
    if (!member || member.corpId !== caller.corpId) throw notFound('Staff member');
    const revoked = await this.deps.sessions.endAllOf(member.id, 'admin');
    await this.deps.audit.record(this.deps.ids.next(), this.deps.clock.now(), {
      corpId: caller.corpId,
      actorType: 'staff',
      actorId: caller.id,
      action: 'auth.sessions_revoked',
      targetType: 'staff_member',
      targetId: member.id,
      detail: { revoked },
      ip,
    });
    return { revoked };
  }

  /**
   * Creates the first admin when absent (ADMIN_USERNAME / ADMIN_PASSWORD, or the sandbox default).
   * An existing account keeps its password: changing the variable later does not reset it.
   */
  async ensureAdmin(corpId: string, username: string, password: string): Promise<'created' | 'exists'> {
    const { staff, clock, ids } = this.deps;
    const name = username.toLowerCase();
    if (await staff.findByUsername(name)) return 'exists';
    const now = clock.now();
    const inserted = staff.insert({
      id: ids.next(),
      corpId,
      teamId: null,
      wecomUserId: `admin:${name}`,
      name: 'Administrator',
      role: 'admin',
      seniority: 'expert',
      yearsOfService: 0,
      skills: [],
      status: 'active',
      capacity: null,
      weight: null,
      workingHours: null,
      leftAt: null,
      username: name,
      passwordHash: await hashPassword(password),
      createdAt: now,
      updatedAt: now,
    });
    try {
      await inserted;
    } catch (error) {
      // A process starting beside this one created the same account first.
      if (isUniqueViolation(error)) return 'exists';
      throw error;
    }
    return 'created';
  }
}
