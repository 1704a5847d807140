import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, jsonColumn, nullableTime, refColumn, text, timeColumn } from '../db/columns';

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
  @Column(text(255, true)) description!: string | null;
  /** WeCom's add_way (1 scanned a QR code, 3 searched a phone number, …), once synced. */
  @Column({ type: 'int', nullable: true }) addWay!: number | null;
  /** Corp tag ids this agent has on the customer in WeCom, as last synced (for two-way tag sync). */
  @Column(jsonColumn) wecomTagIds!: string[] | null;
  @Column(timeColumn) addedAt!: Date;
  @Column(nullableTime) endedAt!: Date | null;
  @Column(timeColumn) updatedAt!: Date;
}
