import { ManualClock } from '../platform/clock';
import { DomainError } from '../platform/errors';
import type { Principal } from '../platform/http/principal';
import { SessionService, sessionCacheMs, type SessionRows } from './session.service';
import type { StaffSession } from './staff-session.entity';
import { TokenService } from './token.service';

const secret = 's'.repeat(32);
const agent: Principal = { id: 'staff-1', role: 'agent', corpId: 'corp-1', teamId: 'team-1', name: '李四' };
const customer: Principal = { id: 'cust-1', role: 'customer', corpId: 'corp-1', teamId: null, name: '王五' };

/** Session rows in a map, with the staff member's status beside them, as the repository's join sees it. */
class MapRows implements SessionRows {
  rows = new Map<string, StaffSession>();
  inactive = new Set<string>();
  reads = 0;
  async insert(row: StaffSession): Promise<void> {
    this.rows.set(row.id, { ...row });
  }
  async liveStaffId(id: string, now: Date): Promise<string | null> {
    this.reads++;
    const r = this.rows.get(id);
    return r && !r.revokedAt && r.expiresAt > now && !this.inactive.has(r.staffId) ? r.staffId : null;
  }
  async revoke(id: string, at: Date): Promise<boolean> {
    const r = this.rows.get(id);
    if (!r || r.revokedAt) return false;
    r.revokedAt = at;
    return true;
  }
  async revokeAllOf(staffId: string, at: Date): Promise<number> {
    let n = 0;
    for (const r of this.rows.values()) {
      if (r.staffId !== staffId || r.revokedAt) continue;
      r.revokedAt = at;
      n++;
    }
    return n;
  }
}

function setup() {
  const clock = new ManualClock('2026-01-05T01:00:00.000Z');
  const rows = new MapRows();
  let n = 0;
  const sessions = new SessionService({ rows, clock, ids: { next: () => `sess-${++n}` } });
  const tokens = new TokenService(secret, clock, { sessions });
  return { clock, rows, sessions, tokens };
}

async function code(p: Promise<unknown>): Promise<string> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return (error as DomainError).code;
}

describe('staff sessions', () => {
  it('gives a staff token a session whose row expires with the token', async () => {
    const { tokens, rows } = setup();
    const { token, expiresAt } = await tokens.signIn(agent, { via: 'password', ip: '10.0.0.1' });
    const p = await tokens.verify(token);
    expect(p).toEqual(agent);
    expect(tokens.sessionOf(p)).toBe('sess-1');
    expect(rows.rows.get('sess-1')).toMatchObject({ staffId: 'staff-1', corpId: 'corp-1', via: 'password', ip: '10.0.0.1', expiresAt, revokedAt: null });
  });

  it('refuses a staff token once its session ends, at once in this process', async () => {
    const { tokens, sessions } = setup();
    const { token } = await tokens.signIn(agent, { via: 'password', ip: null });
    const other = (await tokens.signIn(agent, { via: 'password', ip: null })).token;
    await tokens.verify(token);
    expect(await sessions.end('sess-1', 'logout')).toBe(true);
    expect(await code(tokens.verify(token))).toBe('unauthorized');
    // Only that session: the agent's other sign-in still works.
    await expect(tokens.verify(other)).resolves.toEqual(agent);
  });

  it('ends every session of a staff member at once, cached or not', async () => {
    const { tokens, sessions } = setup();
    const a = (await tokens.signIn(agent, { via: 'password', ip: null })).token;
    const b = (await tokens.signIn(agent, { via: 'wecom_oauth', ip: null })).token;
    const lead = (await tokens.signIn({ ...agent, id: 'staff-2', role: 'team_lead' }, { via: 'password', ip: null })).token;
    await tokens.verify(a);
    expect(await sessions.endAllOf('staff-1', 'admin')).toBe(2);
    expect(await code(tokens.verify(a))).toBe('unauthorized');
    expect(await code(tokens.verify(b))).toBe('unauthorized');
    await expect(tokens.verify(lead)).resolves.toMatchObject({ id: 'staff-2' });
  });

  it('trusts its last look at a row for 30 s: another process’s revocation or a departure shows within that time', async () => {
    const { tokens, rows, clock } = setup();
    const { token } = await tokens.signIn(agent, { via: 'password', ip: null });
    await tokens.verify(token);
    await tokens.verify(token);
    expect(rows.reads).toBe(1);
    // The staff member leaves (another process, or WeCom's delete_user): the row says so, the cache not yet.
    rows.inactive.add('staff-1');
    clock.advance(sessionCacheMs - 1);
    await expect(tokens.verify(token)).resolves.toEqual(agent);
    clock.advance(1);
    expect(await code(tokens.verify(token))).toBe('unauthorized');
    expect(rows.reads).toBe(2);
  });

  it('refuses a staff token without a session id, and will not sign one', async () => {
    const { tokens, clock } = setup();
    const bare = new TokenService(secret, clock).sign(agent).token;
    expect(await code(tokens.verify(bare))).toBe('unauthorized');
    expect(() => tokens.sign(agent)).toThrow(/signIn/);
  });

  it('refuses a token whose session belongs to someone else', async () => {
    const { tokens, rows } = setup();
    const { token } = await tokens.signIn(agent, { via: 'password', ip: null });
    rows.rows.get('sess-1')!.staffId = 'staff-9';
    expect(await code(tokens.verify(token))).toBe('unauthorized');
  });

  it('leaves customer tokens without a session: they live until they expire', async () => {
    const { tokens, rows, clock } = setup();
    const { token } = tokens.sign(customer);
    const p = await tokens.verify(token);
    expect(p).toEqual(customer);
    expect(tokens.sessionOf(p)).toBeUndefined();
    expect(rows.rows.size).toBe(0);
    clock.advance(12 * 3600 * 1000 + 1000);
    expect(await code(tokens.verify(token))).toBe('unauthorized');
  });

  it('expires a staff token after its time to live even while the session row is open', async () => {
    const clock = new ManualClock();
    const rows = new MapRows();
    const tokens = new TokenService(secret, clock, { ttlSeconds: 60, sessions: new SessionService({ rows, clock, ids: { next: () => 'sess-x' } }) });
    const { token, expiresAt } = await tokens.signIn(agent, { via: 'password', ip: null });
    expect(expiresAt.getTime() - clock.now().getTime()).toBe(60_000);
    clock.advance(59_000);
    await expect(tokens.verify(token)).resolves.toEqual(agent);
    clock.advance(2_000);
    expect(await code(tokens.verify(token))).toBe('unauthorized');
  });
});
