import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, refColumn, text, timeColumn } from '../db/columns';

/** A corp's own sales SOP for a product line (key nodes as JSON); the built-in ones apply otherwise. */
@Entity('sales_sop')
@Index('uq_sales_sop', ['corpId', 'productLine'], { unique: true })
export class SalesSopRow {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(text(24)) productLine!: string;
  @Column({ type: 'text' }) nodes!: string;
  @Column(timeColumn) updatedAt!: Date;
}
