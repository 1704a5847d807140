import { Column, Entity, PrimaryColumn } from 'typeorm';
import { idColumn, keyColumn, refColumn } from '../db/columns';

/**
 * Running counts per step of a version (entered, passed, exited, parked, converted, each edge taken,
 * each send outcome), added to in one statement per batch so stats never scan positions.
 */
@Entity('journey_step_stat')
export class JourneyStepStatRow {
  @PrimaryColumn(idColumn) versionId!: string;
  @PrimaryColumn(keyColumn(40)) stepId!: string;
  @PrimaryColumn(keyColumn(80)) metric!: string;
  @Column(refColumn) journeyId!: string;
  @Column({ type: 'int', default: 0 }) count!: number;
}
