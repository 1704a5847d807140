import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, keyColumn, refColumn, text, timeColumn } from '../db/columns';

/** Which subscription-message template a customer answered for a scene, and how (the quota lives in subscription_consent). */
@Entity('mp_subscription')
export class MpSubscription {
  @PrimaryColumn(idColumn) customerId!: string;
  @PrimaryColumn(keyColumn(24)) scene!: 'checkin_reminder' | 'activity_reminder';
  @Column(refColumn) corpId!: string;
  @Column(text(128)) templateId!: string;
  @Column(text(8)) result!: 'accept' | 'reject';
  @Column(timeColumn) updatedAt!: Date;
}

/** A reminder claimed for sending: the unique key makes each one go out at most once. */
@Entity('mp_reminder')
@Index('uq_mp_reminder_key', ['reminderKey'], { unique: true })
@Index('idx_mp_reminder_customer', ['customerId', 'at'])
export class MpReminder {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(refColumn) customerId!: string;
  @Column(text(120)) reminderKey!: string;
  @Column(text(24)) kind!: string;
  @Column(text(12)) status!: 'claimed' | 'sent' | 'failed' | 'no_consent';
  @Column(text(300, true)) detail!: string | null;
  @Column(timeColumn) at!: Date;
}
