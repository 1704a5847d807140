import jwt from 'jsonwebtoken';
import { roleSchema } from '@lodestar/shared';
import type { Clock } from '../platform/clock';
import { unauthorized } from '../platform/errors';
import type { Principal } from '../platform/http/principal';

const issuer = 'lodestar';

/** What the token service needs of staff sessions (SessionService). */
export interface SessionCheck {
  open(p: Principal, expiresAt: Date, meta: { via: string; ip: string | null }): Promise<string>;
  isLive(id: string, staffId: string): Promise<boolean>;
}

export interface TokenOptions {
  /** How long a token is good for; 12 hours unless a test says otherwise. */
  ttlSeconds?: number;
  /** With sessions, every staff token carries a session id (jti) and is good only while that session is live. */
  sessions?: SessionCheck;
}

/**
 * Signs and checks bearer tokens (HS256 JWT) against the product clock. Customer tokens (the
 * mini-program) live until they expire; staff tokens also end with their session.
 */
export class TokenService {
  private readonly ttlSeconds: number;
  private readonly sessions: SessionCheck | undefined;
  /** The session behind each principal this service verified (Principal itself knows no sessions). */
  private readonly sessionOfPrincipal = new WeakMap<Principal, string>();

  constructor(
    private readonly secret: string,
    private readonly clock: Clock,
    opts: TokenOptions = {},
  ) {
    this.ttlSeconds = opts.ttlSeconds ?? 12 * 3600;
    this.sessions = opts.sessions;
  }

  /** A token without a session: for customers, or for staff when no session store is configured. */
  sign(p: Principal): { token: string; expiresAt: Date } {
    if (p.role !== 'customer' && this.sessions) throw new Error('staff tokens are issued by signIn, with a session');
    return this.signWith(p, this.window());
  }

  /** Signs a staff member (or customer) in: staff get a new session whose id the token carries. */
  async signIn(p: Principal, meta: { via: string; ip: string | null }): Promise<{ token: string; expiresAt: Date }> {
    const window = this.window();
    if (p.role === 'customer' || !this.sessions) return this.signWith(p, window);
    const sessionId = await this.sessions.open(p, new Date(window.exp * 1000), meta);
    return this.signWith(p, window, sessionId);
  }

  /** The session id of a principal that verify() returned; undefined for customers. */
  sessionOf(p: Principal): string | undefined {
    return this.sessionOfPrincipal.get(p);
  }

  async verify(token: string): Promise<Principal> {
    let payload: jwt.JwtPayload;
    try {
      const decoded = jwt.verify(token, this.secret, {
        algorithms: ['HS256'],
        issuer,
        clockTimestamp: Math.floor(this.clock.now().getTime() / 1000),
      });
      if (typeof decoded === 'string') throw new Error('unexpected payload');
      payload = decoded;
    } catch (error) {
      const expired = error instanceof jwt.TokenExpiredError;
      throw unauthorized(expired ? 'The token has expired; sign in again' : 'The token is invalid');
    }
    const role = roleSchema.safeParse(payload.role);
    if (!role.success || typeof payload.sub !== 'string' || typeof payload.corp !== 'string') throw unauthorized('The token is invalid');
    const principal: Principal = {
      id: payload.sub,
      role: role.data,
      corpId: payload.corp,
      teamId: typeof payload.team === 'string' ? payload.team : null,
      name: typeof payload.name === 'string' ? payload.name : '',
    };
    if (principal.role !== 'customer' && this.sessions) {
      const jti = payload.jti;
      if (typeof jti !== 'string' || !(await this.sessions.isLive(jti, principal.id))) throw unauthorized('The session has ended; sign in again');
      this.sessionOfPrincipal.set(principal, jti);
    }
    return principal;
  }

  private window(): { iat: number; exp: number } {
    const iat = Math.floor(this.clock.now().getTime() / 1000);
    return { iat, exp: iat + this.ttlSeconds };
  }

  private signWith(p: Principal, { iat, exp }: { iat: number; exp: number }, sessionId?: string): { token: string; expiresAt: Date } {
    const token = jwt.sign({ role: p.role, corp: p.corpId, team: p.teamId, name: p.name, iat, exp }, this.secret, {
      algorithm: 'HS256',
      subject: p.id,
      issuer,
      ...(sessionId ? { jwtid: sessionId } : {}),
    });
    return { token, expiresAt: new Date(exp * 1000) };
  }
}
