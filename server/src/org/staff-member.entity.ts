import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Seniority, StaffRole, WorkingHours } from '@lodestar/shared';
import { idColumn, jsonColumn, nullableRef, nullableTime, refColumn, text, timeColumn } from '../db/columns';

/** An employee in the corp's WeCom directory: agent, team lead or admin. */
@Entity('staff_member')
@Index('uq_staff_corp_userid', ['corpId', 'wecomUserId'], { unique: true })
@Index('idx_staff_team', ['teamId'])
export class StaffMember {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(nullableRef) teamId!: string | null;
  @Column(text(64)) wecomUserId!: string;
  @Column(text(64)) name!: string;
  @Column(text(16)) role!: StaffRole;
  @Column(text(16)) seniority!: Seniority;
  @Column({ type: 'int', default: 0 }) yearsOfService!: number;
  /** Product lines and abilities, e.g. ["critical_illness", "annuity", "claims"]. */
  @Column(jsonColumn) skills!: string[] | null;
  @Column(text(16)) status!: 'active' | 'left';
  /** Open leads this agent may hold at most, whatever the rule says; null: the rule's cap. */
  @Column({ type: 'int', nullable: true }) capacity!: number | null;
  /** Share under a weighted assignment rule that does not list the agent; null: 1. */
  @Column({ type: 'int', nullable: true }) weight!: number | null;
  /** When the agent works; null: the team's hours, else always. */
  @Column(jsonColumn) workingHours!: WorkingHours | null;
  @Column(nullableTime) leftAt!: Date | null;
  @Column({ ...text(64, true), unique: true }) username!: string | null;
  @Column(text(200, true)) passwordHash!: string | null;
  @Column(timeColumn) createdAt!: Date;
  @Column(timeColumn) updatedAt!: Date;
}
