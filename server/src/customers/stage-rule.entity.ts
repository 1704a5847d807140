import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { JourneyStage } from '@lodestar/shared';
import { idColumn, keyColumn, nullableRef, timeColumn } from '../db/columns';

/** The rule that puts a customer in one journey stage (JSON of shared's segmentRuleSchema). */
@Entity('stage_rule')
export class StageRule {
  @PrimaryColumn(idColumn) corpId!: string;
  @PrimaryColumn(keyColumn(24)) stage!: JourneyStage;
  @Column({ type: 'text' }) rule!: string;
  @Column(nullableRef) updatedBy!: string | null;
  @Column(timeColumn) updatedAt!: Date;
}
