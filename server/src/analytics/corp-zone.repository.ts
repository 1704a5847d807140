import type { DataSource } from 'typeorm';

/** The corp's time zone, which decides the local days analytics count in (cached: it rarely changes). */
export class CorpZoneRepository {
  private readonly cache = new Map<string, string>();

  constructor(private readonly ds: DataSource) {}

  async timeZone(corpId: string): Promise<string> {
    const hit = this.cache.get(corpId);
    if (hit) return hit;
    const [row] = await this.ds.query<Array<{ timezone: string | null }>>('SELECT timezone FROM corp WHERE id = ?', [corpId]);
    const zone = row?.timezone || 'Asia/Shanghai';
    this.cache.set(corpId, zone);
    return zone;
  }
}
