import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { LeadProductLine } from '@lodestar/shared';
import { idColumn, nullableRef, refColumn, text, timeColumn } from '../db/columns';

/** An admin-defined place to find leads; `definition` and `lastRun` are JSON. */
@Entity('lead_source')
@Index('uq_lead_source_name', ['corpId', 'name'], { unique: true })
export class LeadSourceRecord {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(text(100)) name!: string;
  @Column({ type: 'boolean', default: true }) enabled!: boolean;
  @Column(text(24)) productLine!: LeadProductLine;
  @Column(nullableRef) seatGroupId!: string | null;
  @Column({ type: 'text' }) definition!: string;
  @Column({ type: 'text', nullable: true }) lastRun!: string | null;
  @Column(timeColumn) createdAt!: Date;
  @Column(timeColumn) updatedAt!: Date;
}
