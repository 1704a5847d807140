import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { TagSource } from '@lodestar/shared';
import { idColumn, nullableTime, refColumn, text, timeColumn } from '../db/columns';

/** A tag on a customer, with where it came from and why (the sentence, the rule, the model). */
@Entity('customer_tag')
@Index('uq_customer_tag', ['customerId', 'tagId'], { unique: true })
@Index('idx_customer_tag_tag', ['tagId'])
export class CustomerTag {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) customerId!: string;
  @Column(refColumn) tagId!: string;
  @Column(text(16)) source!: TagSource;
  @Column(text(500, true)) evidence!: string | null;
  @Column({ type: 'float', nullable: true }) confidence!: number | null;
  @Column(timeColumn) createdAt!: Date;
  @Column(nullableTime) expiresAt!: Date | null;
}
