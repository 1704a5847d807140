import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, refColumn, text, timeColumn } from '../db/columns';

/** A tracking record that was refused, with the reason, so nothing is dropped silently. */
@Entity('tracking_rejection')
@Index('idx_tracking_rejection_at', ['corpId', 'receivedAt'])
export class TrackingRejection {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(text(16)) source!: string;
  @Column(text(32)) reason!: string;
  @Column(text(500)) detail!: string;
  /** The start of the offending record, for whoever fixes the instrumentation. */
  @Column({ type: 'text', nullable: true }) sample!: string | null;
  @Column(timeColumn) receivedAt!: Date;
}
