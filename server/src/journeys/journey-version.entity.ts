import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, refColumn, text, timeColumn } from '../db/columns';

/** A published, immutable version of a journey: customers stay on the version they entered. */
@Entity('journey_version')
@Index('uq_journey_version', ['journeyId', 'version'], { unique: true })
export class JourneyVersionRow {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(refColumn) journeyId!: string;
  @Column({ type: 'int' }) version!: number;
  @Column({ type: 'text' }) definition!: string;
  @Column(text(64, true)) publishedBy!: string | null;
  @Column(timeColumn) publishedAt!: Date;
}
