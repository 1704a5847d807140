import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { keyColumn, nullableTime, text, timeColumn } from './columns';

/** One scheduled tick of one job, claimed by exactly one process. */
@Entity('job_run')
@Index('idx_job_run_job_time', ['job', 'scheduledAt'])
export class JobRun {
  @PrimaryColumn(keyColumn(191)) key!: string;
  @Column(text(100)) job!: string;
  @Column(timeColumn) scheduledAt!: Date;
  @Column(text(100)) owner!: string;
  @Column(timeColumn) claimedAt!: Date;
  @Column(nullableTime) finishedAt!: Date | null;
  @Column(text(16)) status!: 'running' | 'done' | 'failed';
  @Column(text(500, true)) error!: string | null;
}
