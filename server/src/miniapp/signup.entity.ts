import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, nullableTime, refColumn, text, timeColumn } from '../db/columns';

export type SignupStatusValue = 'confirmed' | 'waitlisted' | 'cancelled' | 'attended';

/** A customer's sign-up to an offline activity: one per (activity, customer); a ticket once confirmed. */
@Entity('mp_signup')
@Index('uq_mp_signup', ['activityId', 'customerId'], { unique: true })
@Index('uq_mp_signup_ticket', ['ticketCode'], { unique: true })
@Index('idx_mp_signup_queue', ['activityId', 'status', 'queuedAt'])
@Index('idx_mp_signup_customer', ['customerId', 'status'])
export class MpSignup {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(refColumn) activityId!: string;
  @Column(refColumn) customerId!: string;
  @Column(text(12)) status!: SignupStatusValue;
  @Column({ type: 'int' }) seats!: number;
  @Column(text(24, true)) ticketCode!: string | null;
  @Column(text(32)) name!: string;
  @Column(text(255, true)) phoneCipher!: string | null;
  @Column(text(16, true)) phoneMasked!: string | null;
  @Column(text(200, true)) note!: string | null;
  @Column(text(64, true)) inviter!: string | null;
  @Column(text(64)) requestId!: string;
  @Column(timeColumn) signedUpAt!: Date;
  /** The place in the waitlist: when this sign-up (last) joined the queue. */
  @Column(timeColumn) queuedAt!: Date;
  @Column(nullableTime) confirmedAt!: Date | null;
  @Column(nullableTime) attendedAt!: Date | null;
  @Column(nullableTime) cancelledAt!: Date | null;
  @Column(timeColumn) updatedAt!: Date;
}

/** Who opened an activity, through whose invitation, how often: "viewed but did not book". */
@Entity('mp_activity_view')
export class MpActivityView {
  @PrimaryColumn(idColumn) activityId!: string;
  @PrimaryColumn(idColumn) customerId!: string;
  @Column(refColumn) corpId!: string;
  @Column(text(64, true)) inviter!: string | null;
  @Column({ type: 'int', default: 1 }) views!: number;
  @Column(timeColumn) firstAt!: Date;
  @Column(timeColumn) lastAt!: Date;
}

/** An online activity played (lottery draw or quiz), once per customer, with what came of it. */
@Entity('mp_play')
export class MpPlay {
  @PrimaryColumn(idColumn) activityId!: string;
  @PrimaryColumn(idColumn) customerId!: string;
  @Column(refColumn) corpId!: string;
  @Column({ type: 'simple-json' }) result!: Record<string, unknown>;
  @Column(timeColumn) at!: Date;
}
