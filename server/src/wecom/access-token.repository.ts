import type { DataSource } from 'typeorm';
import { toDbTime } from '../db/naming';
import type { Clock } from '../platform/clock';
import type { LeaseStore } from '../platform/lease.port';
import type { AccessTokenCache } from './access-token.port';
import { WecomAccessToken } from './wecom-access-token.entity';

/** Tokens in the database; a lease makes one process refresh while the others wait for its result. */
export class DbAccessTokenCache implements AccessTokenCache {
  constructor(
    private readonly ds: DataSource,
    private readonly leases: LeaseStore,
    private readonly clock: Clock,
    private readonly owner: string,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  async read(key: string, now: Date): Promise<string | null> {
    const row = await this.ds.getRepository(WecomAccessToken).createQueryBuilder('t').where('t.key = :key AND t.expires_at > :now', { key, now: toDbTime(now) }).getOne();
    return row?.token ?? null;
  }

  async refresh(key: string, fetchToken: () => Promise<{ token: string; expiresAt: Date }>): Promise<string> {
    const lease = `wecom-token:${key}`;
    for (let attempt = 0; attempt < 150; attempt++) {
      const now = this.clock.now();
      const cached = await this.read(key, now);
      if (cached) return cached;
      if (await this.leases.acquire(lease, this.owner, now, new Date(now.getTime() + 15_000))) {
        try {
          const again = await this.read(key, this.clock.now());
          if (again) return again;
          const fresh = await fetchToken();
          await this.ds.getRepository(WecomAccessToken).upsert({ key, token: fresh.token, expiresAt: fresh.expiresAt }, ['key']);
          return fresh.token;
        } finally {
          await this.leases.release(lease, this.owner);
        }
      }
      await this.sleep(100);
    }
    throw new Error('timed out waiting for another process to refresh the WeCom access token');
  }

  async drop(key: string, token: string): Promise<void> {
    await this.ds.getRepository(WecomAccessToken).delete({ key, token });
  }
}
