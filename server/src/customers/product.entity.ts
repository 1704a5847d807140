import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, refColumn, text } from '../db/columns';

export const productLines = ['critical_illness', 'medical', 'accident', 'travel_accident', 'life', 'annuity', 'education'] as const;
export type ProductLine = (typeof productLines)[number];

@Entity('product')
@Index('uq_product_code', ['corpId', 'code'], { unique: true })
export class Product {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(text(32)) code!: string;
  @Column(text(100)) name!: string;
  @Column(text(24)) line!: ProductLine;
  @Column({ type: 'int' }) minCover!: number;
  @Column({ type: 'int' }) maxCover!: number;
  @Column({ type: 'int' }) premiumFrom!: number;
  @Column(text(500)) description!: string;
  @Column({ type: 'boolean', default: true }) onSale!: boolean;
}
