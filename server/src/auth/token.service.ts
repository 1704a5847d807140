import jwt from 'jsonwebtoken';
import { roleSchema } from '@lodestar/shared';
import type { Clock } from '../platform/clock';
import { unauthorized } from '../platform/errors';
import type { Principal } from '../platform/http/principal';

const issuer = 'lodestar';

/** Signs and checks bearer tokens (HS256 JWT) against the product clock. */
export class TokenService {
  constructor(
    private readonly secret: string,
    private readonly clock: Clock,
    private readonly ttlSeconds = 12 * 3600,
  ) {}

  sign(p: Principal): { token: string; expiresAt: Date } {
    const iat = Math.floor(this.clock.now().getTime() / 1000);
    const exp = iat + this.ttlSeconds;
    const token = jwt.sign({ role: p.role, corp: p.corpId, team: p.teamId, name: p.name, iat, exp }, this.secret, {
      algorithm: 'HS256',
      subject: p.id,
      issuer,
    });
    return { token, expiresAt: new Date(exp * 1000) };
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
    return {
      id: payload.sub,
      role: role.data,
      corpId: payload.corp,
      teamId: typeof payload.team === 'string' ? payload.team : null,
      name: typeof payload.name === 'string' ? payload.name : '',
    };
  }
}
