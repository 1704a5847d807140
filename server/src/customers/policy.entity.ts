import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, nullableRef, nullableTime, refColumn, text } from '../db/columns';

/** A policy the customer holds; an agent who has left makes it an orphan policy (孤儿单). */
@Entity('policy')
@Index('uq_policy_no', ['corpId', 'policyNo'], { unique: true })
@Index('idx_policy_customer', ['customerId'])
@Index('idx_policy_agent', ['agentStaffId'])
export class Policy {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(refColumn) customerId!: string;
  @Column(refColumn) productId!: string;
  @Column(text(32)) policyNo!: string;
  @Column({ type: 'int' }) coverAmount!: number;
  @Column({ type: 'int' }) annualPremium!: number;
  @Column(text(16)) status!: 'active' | 'lapsed' | 'expired' | 'surrendered';
  @Column({ type: 'date' }) startDate!: string;
  @Column({ type: 'date', nullable: true }) endDate!: string | null;
  @Column(nullableRef) agentStaffId!: string | null;
  /** When its agent left and it was handed to another (an orphan policy stays one). */
  @Column(nullableTime) orphanedAt!: Date | null;
}
