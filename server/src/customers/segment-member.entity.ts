import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, refColumn, timeColumn } from '../db/columns';

@Entity('segment_member')
@Index('idx_segment_member_customer', ['customerId'])
export class SegmentMember {
  @PrimaryColumn(idColumn) segmentId!: string;
  @PrimaryColumn(idColumn) customerId!: string;
  @Column(refColumn) corpId!: string;
  @Column(timeColumn) enteredAt!: Date;
}
