import { ManualClock } from '../platform/clock';
import { DomainError } from '../platform/errors';
import type { Principal } from '../platform/http/principal';
import { TokenService } from './token.service';

const secret = 's'.repeat(32);
const principal: Principal = { id: 'staff-1', role: 'team_lead', corpId: 'corp-1', teamId: 'team-1', name: '张三' };

async function rejection(p: Promise<unknown>): Promise<DomainError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('TokenService', () => {
  it('round-trips the principal and expires 12 hours after signing', async () => {
    const clock = new ManualClock('2026-01-05T01:00:00.000Z');
    const tokens = new TokenService(secret, clock);
    const { token, expiresAt } = tokens.sign(principal);
    expect(expiresAt.toISOString()).toBe('2026-01-05T13:00:00.000Z');
    await expect(tokens.verify(token)).resolves.toEqual(principal);
  });

  it('keeps a null team as null', async () => {
    const tokens = new TokenService(secret, new ManualClock());
    const admin: Principal = { ...principal, role: 'admin', teamId: null };
    await expect(tokens.verify(tokens.sign(admin).token)).resolves.toEqual(admin);
  });

  it('rejects a token once the clock passes its expiry', async () => {
    const clock = new ManualClock();
    const tokens = new TokenService(secret, clock);
    const { token } = tokens.sign(principal);
    clock.advance(12 * 3600 * 1000 - 1000);
    await expect(tokens.verify(token)).resolves.toEqual(principal);
    clock.advance(2000);
    const error = await rejection(tokens.verify(token));
    expect(error.code).toBe('unauthorized');
    expect(error.message).toMatch(/expired/);
  });

  it('rejects a token signed with another secret', async () => {
    const clock = new ManualClock();
    const foreign = new TokenService('o'.repeat(32), clock).sign(principal).token;
    const error = await rejection(new TokenService(secret, clock).verify(foreign));
    expect(error.code).toBe('unauthorized');
    expect(error.message).not.toMatch(/expired/);
  });

  it('rejects a token whose payload was tampered with', async () => {
    const tokens = new TokenService(secret, new ManualClock());
    const [header, payload, signature] = tokens.sign({ ...principal, role: 'agent' }).token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url');
    const error = await rejection(tokens.verify(`${header}.${forged}.${signature}`));
    expect(error.code).toBe('unauthorized');
  });

  it('rejects garbage', async () => {
    const error = await rejection(new TokenService(secret, new ManualClock()).verify('not-a-jwt'));
    expect(error.code).toBe('unauthorized');
  });
});
