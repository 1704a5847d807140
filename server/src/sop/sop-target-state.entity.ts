import { Column, Entity, PrimaryColumn } from 'typeorm';
import { idColumn, nullableTime, text } from '../db/columns';

/** What a plan's runner last saw of one target: the member count (for member_count rules) and an early end. */
@Entity('sop_target_state')
export class SopTargetStateRow {
  @PrimaryColumn(idColumn) planId!: string;
  @PrimaryColumn(idColumn) targetId!: string;
  @Column({ type: 'int', nullable: true }) memberCount!: number | null;
  @Column(nullableTime) endedAt!: Date | null;
  @Column(text(20, true)) endedReason!: string | null;
}
