import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { JourneyStatus } from '@lodestar/shared';
import { idColumn, nullableRef, nullableTime, refColumn, text, timeColumn } from '../db/columns';

/** A journey as operations staff edit it: the draft definition and which version is live. */
@Entity('journey')
@Index('uq_journey_name', ['corpId', 'name'], { unique: true })
export class JourneyRow {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(text(100)) name!: string;
  @Column(text(1000, true)) description!: string | null;
  @Column(text(12)) status!: JourneyStatus;
  /** The draft (JSON of a JourneyDefinition). */
  @Column({ type: 'text' }) definition!: string;
  @Column(nullableRef) liveVersionId!: string | null;
  @Column({ type: 'int', nullable: true }) liveVersion!: number | null;
  /** The template it was made from (young_strivers, new_wealthy), if any. */
  @Column(text(40, true)) template!: string | null;
  /** The schedule trigger's last tick (the window it has enrolled up to). */
  @Column(nullableTime) scheduledUpTo!: Date | null;
  @Column(timeColumn) createdAt!: Date;
  @Column(timeColumn) updatedAt!: Date;
}
