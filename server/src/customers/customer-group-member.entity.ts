import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, nullableRef, nullableTime, refColumn, text, timeColumn } from '../db/columns';

/** Someone in a customer group: a customer (external user) or staff. */
@Entity('customer_group_member')
@Index('uq_group_member', ['groupId', 'memberId'], { unique: true })
@Index('idx_group_member_customer', ['customerId'])
export class CustomerGroupMember {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(refColumn) groupId!: string;
  /** The external user id or the staff user id. */
  @Column(text(64)) memberId!: string;
  @Column(text(16)) kind!: 'customer' | 'staff';
  @Column(nullableRef) customerId!: string | null;
  @Column(text(100)) name!: string;
  /** 1 invited directly, 2 invited by link, 3 scanned the group QR code. */
  @Column({ type: 'int', nullable: true }) joinScene!: number | null;
  @Column(text(64, true)) invitorUserId!: string | null;
  @Column(text(8)) status!: 'in' | 'left';
  @Column(timeColumn) joinedAt!: Date;
  @Column(nullableTime) leftAt!: Date | null;
}
