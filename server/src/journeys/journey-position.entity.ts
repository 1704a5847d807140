import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { PositionStatus } from '@lodestar/shared';
import { idColumn, nullableTime, refColumn, text, timeColumn } from '../db/columns';

/**
 * Where one customer stands in one journey version (one row per version, customer and instance
 * key). `wakeAt` is when the row is due; while a worker holds the row it is the lease's end, so a
 * crashed worker's rows fall due again by themselves. NULL means never due (finished or parked).
 */
@Entity('journey_position')
@Index('uq_journey_position', ['versionId', 'customerId', 'instanceKey'], { unique: true })
@Index('idx_journey_position_due', ['wakeAt'])
@Index('idx_journey_position_customer', ['customerId', 'waitEvent'])
@Index('idx_journey_position_step', ['versionId', 'stepId', 'status'])
@Index('idx_journey_position_journey', ['journeyId', 'customerId', 'instanceKey'])
export class JourneyPositionRow {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(refColumn) journeyId!: string;
  @Column(refColumn) versionId!: string;
  @Column(refColumn) customerId!: string;
  @Column(text(64)) instanceKey!: string;
  @Column(text(40)) stepId!: string;
  @Column(text(12)) status!: PositionStatus;
  @Column(nullableTime) wakeAt!: Date | null;
  /** When a waiting row's wait ends; an event may wake the row earlier without moving this. */
  @Column(nullableTime) deadlineAt!: Date | null;
  /** The event that wakes a waiting customer early (wait_event steps). */
  @Column(text(100, true)) waitEvent!: string | null;
  @Column(text(64, true)) leaseOwner!: string | null;
  @Column(text(36, true)) leaseToken!: string | null;
  /** Counts the steps this row has taken: part of every send's idempotency key. */
  @Column({ type: 'int', default: 0 }) seq!: number;
  /** Times the customer entered (re-entry resets the row). */
  @Column({ type: 'int', default: 1 }) entries!: number;
  @Column(timeColumn) enteredAt!: Date;
  @Column(timeColumn) stepEnteredAt!: Date;
  @Column(timeColumn) runStartedAt!: Date;
  /** When a held message was first held (quiet hours, rate limits); cleared when it goes. */
  @Column(nullableTime) heldSince!: Date | null;
  @Column(text(200, true)) parkedReason!: string | null;
  /** The wake time kept while the journey is paused. */
  @Column(nullableTime) pausedWakeAt!: Date | null;
  @Column(nullableTime) goalUntil!: Date | null;
  @Column(nullableTime) convertedAt!: Date | null;
  /** Step ids this row passed, comma-wrapped (",a,b,"): which steps a conversion counts for. */
  @Column({ type: 'text', nullable: true }) visited!: string | null;
  @Column(timeColumn) updatedAt!: Date;
}
