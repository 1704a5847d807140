import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, refColumn, text, timeColumn } from '../db/columns';

/** A word or pattern an agent may not say to a customer (the built-in list and admin-added ones). */
@Entity('compliance_rule')
@Index('uq_compliance_rule_name', ['corpId', 'name'], { unique: true })
export class ComplianceRuleRow {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(text(60)) name!: string;
  @Column(text(8)) kind!: 'word' | 'pattern';
  @Column(text(200)) value!: string;
  @Column(text(24)) category!: string;
  @Column(text(8)) severity!: 'high' | 'medium';
  @Column({ type: 'boolean', default: true }) enabled!: boolean;
  @Column({ type: 'boolean', default: false }) builtin!: boolean;
  @Column(timeColumn) updatedAt!: Date;
}
