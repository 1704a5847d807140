import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { LeadMoveKind } from '@lodestar/shared';
import { idColumn, nullableRef, refColumn, text, timeColumn } from '../db/columns';

/** Every move of a lead: created, cleaned, called, assigned, reminded, returned, claimed, closed. */
@Entity('lead_move')
@Index('idx_lead_move_lead', ['leadId', 'at'])
@Index('idx_lead_move_customer', ['customerId', 'kind', 'at'])
@Index('idx_lead_move_kind', ['corpId', 'kind', 'at'])
export class LeadMoveRecord {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(refColumn) leadId!: string;
  @Column(refColumn) customerId!: string;
  @Column(text(24)) kind!: LeadMoveKind;
  @Column(nullableRef) fromStaffId!: string | null;
  @Column(nullableRef) toStaffId!: string | null;
  @Column(text(64, true)) ruleId!: string | null;
  @Column(text(500)) reason!: string;
  /** "system" or a staff id. */
  @Column(text(64)) actor!: string;
  @Column(timeColumn) at!: Date;
}
