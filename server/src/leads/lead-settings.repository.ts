import type { DataSource } from 'typeorm';
import { isUniqueViolation } from '../db/transaction';
import { LeadSettingsRecord } from './lead-settings.entity';

/** One row of JSON settings per corp. */
export class LeadSettingsRepository {
  constructor(private readonly ds: DataSource) {}

  find(corpId: string): Promise<LeadSettingsRecord | null> {
    return this.ds.getRepository(LeadSettingsRecord).findOne({ where: { corpId } });
  }

  /** Inserts the first settings of a corp; false when another process got there first. */
  async insert(row: LeadSettingsRecord): Promise<boolean> {
    try {
      await this.ds.getRepository(LeadSettingsRecord).insert(row);
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async update(corpId: string, patch: Partial<Pick<LeadSettingsRecord, 'scoring' | 'assignment' | 'sla' | 'updatedBy' | 'updatedAt'>>): Promise<void> {
    await this.ds.getRepository(LeadSettingsRecord).update({ corpId }, patch);
  }

  /** The latest edit of any corp's settings: a cheap version for caches. */
  async version(corpId: string): Promise<string> {
    const [row] = await this.ds.query<Array<{ m: unknown }>>('SELECT updated_at AS m FROM lead_settings WHERE corp_id = ?', [corpId]);
    return String(row?.m ?? '');
  }
}
