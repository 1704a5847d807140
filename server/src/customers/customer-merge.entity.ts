import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, jsonColumn, refColumn, text, timeColumn } from '../db/columns';

/** One customer folded into another because a new identity link joined them. */
@Entity('customer_merge')
@Index('idx_customer_merge_survivor', ['survivorId'])
@Index('idx_customer_merge_merged', ['mergedId'])
export class CustomerMerge {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(refColumn) survivorId!: string;
  @Column(refColumn) mergedId!: string;
  @Column(text(32)) reason!: string;
  @Column(text(64, true)) eventKey!: string | null;
  @Column(jsonColumn) detail!: Record<string, unknown> | null;
  @Column(timeColumn) at!: Date;
}
