import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, nullableRef, refColumn, text, timeColumn } from '../db/columns';

@Entity('team')
@Index('uq_team_corp_name', ['corpId', 'name'], { unique: true })
export class Team {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(text(100)) name!: string;
  @Column(nullableRef) leadStaffId!: string | null;
  @Column(timeColumn) createdAt!: Date;
}
