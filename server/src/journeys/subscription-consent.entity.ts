import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, refColumn, text, timeColumn } from '../db/columns';

/** One-time subscription-message consents a customer gave in the mini-program, per template: one message each. */
@Entity('subscription_consent')
@Index('uq_subscription_consent', ['customerId', 'templateId'], { unique: true })
export class SubscriptionConsentRow {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(refColumn) customerId!: string;
  @Column(text(128)) templateId!: string;
  @Column({ type: 'int' }) remaining!: number;
  @Column(timeColumn) updatedAt!: Date;
}
