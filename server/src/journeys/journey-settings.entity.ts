import { Column, Entity, PrimaryColumn } from 'typeorm';
import { idColumn, text, timeColumn } from '../db/columns';

/** The corp's outbound policy for journeys (quiet hours, caps, rate limits), JSON of JourneyPolicy. */
@Entity('journey_settings')
export class JourneySettingsRow {
  @PrimaryColumn(idColumn) corpId!: string;
  @Column({ type: 'text' }) policy!: string;
  @Column(text(64, true)) updatedBy!: string | null;
  @Column(timeColumn) updatedAt!: Date;
}
