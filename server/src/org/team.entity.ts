import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { WorkingHours } from '@lodestar/shared';
import { idColumn, jsonColumn, nullableRef, refColumn, text, timeColumn } from '../db/columns';

@Entity('team')
@Index('uq_team_corp_name', ['corpId', 'name'], { unique: true })
export class Team {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(text(100)) name!: string;
  @Column(nullableRef) leadStaffId!: string | null;
  /** The team's working hours, for agents without their own. */
  @Column(jsonColumn) workingHours!: WorkingHours | null;
  @Column(timeColumn) createdAt!: Date;
}
