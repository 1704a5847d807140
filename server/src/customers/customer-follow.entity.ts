import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, nullableTime, refColumn, text, timeColumn } from '../db/columns';

export type FollowStatus = 'active' | 'deleted_by_agent' | 'deleted_by_customer' | 'transferred';

/** The WeCom relationship between one customer and one agent (a "follow user"). */
@Entity('customer_follow')
@Index('uq_follow', ['customerId', 'staffId'], { unique: true })
@Index('idx_follow_staff', ['staffId', 'status'])
export class CustomerFollow {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(refColumn) customerId!: string;
  @Column(refColumn) staffId!: string;
  @Column(text(24)) status!: FollowStatus;
  /** The channel code's or acquisition link's state, when the customer came through one. */
  @Column(text(64, true)) state!: string | null;
  @Column({ type: 'boolean', default: false }) half!: boolean;
  @Column(text(100, true)) remark!: string | null;
  @Column(timeColumn) addedAt!: Date;
  @Column(nullableTime) endedAt!: Date | null;
  @Column(timeColumn) updatedAt!: Date;
}
