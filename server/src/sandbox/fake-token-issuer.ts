import { randomBytes } from 'node:crypto';

/** Access tokens of a fake API: issued, expiring, and checkable like the real ones. */
export class FakeTokenIssuer {
  private readonly tokens = new Map<string, { subject: string; expiresAt: number }>();

  constructor(private readonly now: () => number) {}

  issue(subject: string, ttlSeconds = 7200): { token: string; expiresIn: number } {
    for (const [token, t] of this.tokens) if (t.subject === subject && t.expiresAt > this.now() + 60_000) return { token, expiresIn: Math.floor((t.expiresAt - this.now()) / 1000) };
    const token = randomBytes(48).toString('base64url');
    this.tokens.set(token, { subject, expiresAt: this.now() + ttlSeconds * 1000 });
    return { token, expiresIn: ttlSeconds };
  }

  /** WeCom/WeChat errcodes: 41001 missing, 40014 invalid, 42001 expired, 0 fine. */
  check(token: string | undefined): { errcode: 0; subject: string } | { errcode: 41001 | 40014 | 42001; errmsg: string } {
    if (!token) return { errcode: 41001, errmsg: 'access_token missing' };
    const t = this.tokens.get(token);
    if (!t) return { errcode: 40014, errmsg: 'invalid access_token' };
    if (t.expiresAt <= this.now()) return { errcode: 42001, errmsg: 'access_token expired' };
    return { errcode: 0, subject: t.subject };
  }

  /** Forgets every token, as WeCom may do early. */
  revokeAll(): void {
    this.tokens.clear();
  }

  /** Makes every issued token answer 42001 from now on. */
  expireAll(): void {
    for (const t of this.tokens.values()) t.expiresAt = this.now() - 1;
  }
}
