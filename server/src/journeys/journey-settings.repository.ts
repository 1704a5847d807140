import type { DataSource } from 'typeorm';
import { JourneySettingsRow } from './journey-settings.entity';

export class JourneySettingsRepository {
  constructor(private readonly ds: DataSource) {}

  get(corpId: string): Promise<JourneySettingsRow | null> {
    return this.ds.getRepository(JourneySettingsRow).findOneBy({ corpId });
  }

  async save(row: JourneySettingsRow): Promise<void> {
    await this.ds.getRepository(JourneySettingsRow).save(row);
  }
}
