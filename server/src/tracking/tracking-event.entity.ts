import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, refColumn, text, timeColumn } from '../db/columns';

/** One stored tracking event, attributed to the customer it resolved to (moved along on a merge). */
@Entity('tracking_event')
@Index('uq_tracking_event_key', ['corpId', 'eventKey'], { unique: true })
@Index('idx_tracking_event_customer', ['customerId', 'occurredAt'])
@Index('idx_tracking_event_received', ['corpId', 'receivedAt'])
export class TrackingEvent {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  /** The event's own id ($insert_id, messageId, or a digest of the record): the dedupe key. */
  @Column(text(64)) eventKey!: string;
  @Column(refColumn) customerId!: string;
  @Column(text(16)) source!: string;
  @Column(text(64, true)) project!: string | null;
  @Column(text(24)) type!: string;
  @Column(text(100)) name!: string;
  @Column(timeColumn) occurredAt!: Date;
  @Column(timeColumn) receivedAt!: Date;
  @Column(text(128, true)) distinctId!: string | null;
  /** JSON of the event's properties, preset `$` ones included (phone numbers masked). */
  @Column({ type: 'text', nullable: true }) properties!: string | null;
}
