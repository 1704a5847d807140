import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, refColumn, text, timeColumn } from '../db/columns';

export type TrackingSourceKind = 'sensors' | 'segment';

/** Where tracking data may come from: a Sensors project name or a Segment write key, each tied to a corp. */
@Entity('tracking_source')
@Index('uq_tracking_source', ['kind', 'sourceKey'], { unique: true })
export class TrackingSource {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(text(16)) kind!: TrackingSourceKind;
  /** The Sensors `project` or the Segment write key. */
  @Column(text(64)) sourceKey!: string;
  @Column(text(64)) name!: string;
  @Column(timeColumn) createdAt!: Date;
}
