import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { LeadProductLine, LeadStatus } from '@lodestar/shared';
import { idColumn, nullableRef, nullableTime, refColumn, text, timeColumn } from '../db/columns';

/** One customer's lead for one product line; `openKey` makes it the only open one. */
@Entity('lead')
@Index('uq_lead_open', ['corpId', 'openKey'], { unique: true })
@Index('idx_lead_status_deadline', ['corpId', 'status', 'slaDeadline'])
@Index('idx_lead_status_remind', ['corpId', 'status', 'remindAt'])
@Index('idx_lead_owner', ['ownerStaffId', 'status'])
@Index('idx_lead_customer', ['customerId'])
@Index('idx_lead_seat_group', ['seatGroupId', 'status'])
@Index('idx_lead_source', ['sourceId', 'status'])
export class LeadRecord {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(refColumn) customerId!: string;
  @Column(text(24)) productLine!: LeadProductLine;
  @Column(refColumn) sourceId!: string;
  @Column(text(200)) detail!: string;
  @Column(text(16)) status!: LeadStatus;
  /** `${customerId}:${productLine}` while open, null once closed. */
  @Column(text(64, true)) openKey!: string | null;
  @Column(nullableRef) ownerStaffId!: string | null;
  @Column(nullableRef) seatGroupId!: string | null;
  @Column(nullableTime) assignedAt!: Date | null;
  @Column(nullableTime) firstTouchedAt!: Date | null;
  @Column(nullableTime) lastActivityAt!: Date | null;
  @Column(nullableTime) slaDeadline!: Date | null;
  @Column(nullableTime) remindAt!: Date | null;
  @Column(nullableTime) remindedAt!: Date | null;
  @Column(nullableTime) callbackAt!: Date | null;
  @Column(text(200, true)) rejectReason!: string | null;
  @Column(text(500, true)) outcome!: string | null;
  @Column(timeColumn) createdAt!: Date;
  @Column(timeColumn) updatedAt!: Date;
  @Column(nullableTime) closedAt!: Date | null;
}
