import { defaultJourneyPolicy, journeyPolicySchema, type JourneyPolicy } from '@lodestar/shared';
import type { Clock } from '../platform/clock';
import { JourneySettingsRow } from './journey-settings.entity';
import type { JourneySettingsRepository } from './journey-settings.repository';

const TTL_MS = 5_000;

/** The corp's outbound policy: read by every batch that sends, so kept for a few seconds per process. */
export class JourneySettingsService {
  private readonly cache = new Map<string, { policy: JourneyPolicy; until: number }>();
  constructor(
    private readonly repo: JourneySettingsRepository,
    private readonly clock: Clock,
  ) {}

  async policy(corpId: string): Promise<JourneyPolicy> {
    const hit = this.cache.get(corpId);
    const now = this.clock.now().getTime();
    if (hit && hit.until > now) return hit.policy;
    const row = await this.repo.get(corpId);
    const policy = row ? journeyPolicySchema.parse(JSON.parse(row.policy)) : defaultJourneyPolicy;
    this.cache.set(corpId, { policy, until: now + TTL_MS });
    return policy;
  }

  async update(corpId: string, policy: JourneyPolicy, by: string | null): Promise<JourneyPolicy> {
    const row = Object.assign(new JourneySettingsRow(), { corpId, policy: JSON.stringify(policy), updatedBy: by, updatedAt: this.clock.now() });
    await this.repo.save(row);
    this.cache.delete(corpId);
    return policy;
  }
}
