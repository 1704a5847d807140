import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { SopPlanDefinition, SopPlanStatus } from '@lodestar/shared';
import { idColumn, nullableRef, nullableTime, refColumn, text, timeColumn } from '../db/columns';

/** A group or customer SOP plan: targets and steps, live from its publication. */
@Entity('sop_plan')
@Index('idx_sop_plan_corp', ['corpId', 'status'])
export class SopPlanRow {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(text(100)) name!: string;
  @Column(text(1000, true)) description!: string | null;
  @Column(text(12)) status!: SopPlanStatus;
  @Column({ type: 'simple-json' }) definition!: SopPlanDefinition;
  /** 0 while never published; each publication adds one. */
  @Column({ type: 'int', default: 0 }) version!: number;
  @Column(nullableTime) publishedAt!: Date | null;
  /** The product time up to which tasks have been created (the next run's window starts here). */
  @Column(nullableTime) plannedTo!: Date | null;
  @Column(nullableRef) createdBy!: string | null;
  @Column(timeColumn) createdAt!: Date;
  @Column(timeColumn) updatedAt!: Date;
}
