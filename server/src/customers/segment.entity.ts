import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, nullableTime, refColumn, text, timeColumn } from '../db/columns';

/** A named set of customers defined by a rule (JSON of shared's segmentRuleSchema). */
@Entity('segment')
@Index('uq_segment_name', ['corpId', 'name'], { unique: true })
export class Segment {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(text(100)) name!: string;
  @Column(text(500, true)) description!: string | null;
  @Column({ type: 'text' }) rule!: string;
  @Column({ type: 'int', default: 0 }) memberCount!: number;
  @Column(nullableTime) refreshedAt!: Date | null;
  @Column(timeColumn) createdAt!: Date;
  @Column(timeColumn) updatedAt!: Date;
}
