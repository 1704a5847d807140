import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, jsonColumn, nullableRef, nullableTime, refColumn, text, timeColumn } from '../db/columns';

/** A WeCom customer group (客户群), as last synced. */
@Entity('customer_group')
@Index('uq_group_chat', ['corpId', 'chatId'], { unique: true })
@Index('idx_group_owner', ['ownerStaffId', 'status'])
export class CustomerGroup {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(text(64)) chatId!: string;
  @Column(text(100)) name!: string;
  @Column(nullableRef) ownerStaffId!: string | null;
  @Column(text(64)) ownerUserId!: string;
  @Column(text(1000, true)) notice!: string | null;
  /** Group tags set by operations (city, product, policy expiry…), used to target SOPs. */
  @Column(jsonColumn) tags!: string[] | null;
  @Column(text(16)) status!: 'active' | 'dismissed';
  @Column({ type: 'int', default: 0 }) memberCount!: number;
  @Column({ type: 'int', default: 0 }) customerCount!: number;
  @Column(timeColumn) createdAt!: Date;
  @Column(nullableTime) dismissedAt!: Date | null;
  @Column(timeColumn) syncedAt!: Date;
}
