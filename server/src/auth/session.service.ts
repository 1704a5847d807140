import type { Clock } from '../platform/clock';
import type { IdGenerator } from '../platform/ids';
import type { Principal } from '../platform/http/principal';
import type { StaffSession } from './staff-session.entity';
import type { SessionEndReason } from './staff-session.repository';

/** The rows behind sessions (StaffSessionRepository in production, a map in unit specs). */
export interface SessionRows {
  insert(row: StaffSession): Promise<void>;
  liveStaffId(id: string, now: Date): Promise<string | null>;
  revoke(id: string, at: Date, reason: SessionEndReason): Promise<boolean>;
  revokeAllOf(staffId: string, at: Date, reason: SessionEndReason): Promise<number>;
}

/**
 * How long one process trusts its last look at a session row. A revocation made in this process
 * takes effect at once; one made in another api process is seen here within this time.
 */
export const sessionCacheMs = 30_000;
const cacheLimit = 10_000;

interface Seen {
  /** The session's staff member while it is live; null once it is not. */
  staffId: string | null;
  until: number;
}

/** Staff sessions: opened at sign-in, checked on every request (briefly cached), ended by sign-out, an admin or a departure. */
export class SessionService {
  private readonly seen = new Map<string, Seen>();

  constructor(private readonly d: { rows: SessionRows; clock: Clock; ids: IdGenerator; cacheMs?: number }) {}

  /** Records a new session for a staff member; answers its id (the token's jti). */
  async open(p: Principal, expiresAt: Date, meta: { via: string; ip: string | null }): Promise<string> {
    const id = this.d.ids.next();
    await this.d.rows.insert({ id, corpId: p.corpId, staffId: p.id, via: meta.via, ip: meta.ip, createdAt: this.d.clock.now(), expiresAt, revokedAt: null, revokedReason: null });
    return id;
  }

  /** True while the session is unrevoked, unexpired and belongs to this active staff member. */
  async isLive(id: string, staffId: string): Promise<boolean> {
    const now = this.d.clock.now().getTime();
    let entry = this.seen.get(id);
    if (!entry || entry.until <= now) {
      entry = { staffId: await this.d.rows.liveStaffId(id, new Date(now)), until: now + (this.d.cacheMs ?? sessionCacheMs) };
      this.remember(id, entry, now);
    }
    return entry.staffId === staffId;
  }

  /** Ends one session (sign-out); true when it was open. */
  async end(id: string, reason: SessionEndReason): Promise<boolean> {
    this.seen.set(id, { staffId: null, until: Number.POSITIVE_INFINITY });
    return this.d.rows.revoke(id, this.d.clock.now(), reason);
  }

  /** Ends every open session of a staff member (an admin's revocation); answers how many. */
  async endAllOf(staffId: string, reason: SessionEndReason): Promise<number> {
    for (const entry of this.seen.values()) if (entry.staffId === staffId) entry.staffId = null;
    return this.d.rows.revokeAllOf(staffId, this.d.clock.now(), reason);
  }

  private remember(id: string, entry: Seen, now: number): void {
    if (this.seen.size >= cacheLimit) {
      for (const [key, e] of this.seen) if (e.until <= now) this.seen.delete(key);
      if (this.seen.size >= cacheLimit) this.seen.clear();
    }
    this.seen.set(id, entry);
  }
}
