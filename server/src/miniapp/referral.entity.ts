import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, nullableTime, refColumn, text, timeColumn } from '../db/columns';

/** Who brought a new customer in (first touch: one row per referee) and whether they qualified. */
@Entity('mp_referral')
@Index('uq_mp_referral_referee', ['refereeId'], { unique: true })
@Index('idx_mp_referral_referrer', ['referrerId', 'joinedAt'])
export class MpReferral {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(refColumn) referrerId!: string;
  @Column(refColumn) refereeId!: string;
  @Column(text(12)) status!: 'joined' | 'qualified';
  @Column(text(16, true)) qualifiedBy!: 'phone_bound' | 'signed_up' | null;
  @Column({ type: 'int', default: 0 }) rewardPoints!: number;
  @Column(timeColumn) joinedAt!: Date;
  @Column(nullableTime) qualifiedAt!: Date | null;
}
