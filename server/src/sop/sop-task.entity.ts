import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { SopContent, SopStepMode, SopTargetKind, SopTaskStatus } from '@lodestar/shared';
import { idColumn, nullableTime, refColumn, text, timeColumn } from '../db/columns';

/** One step's send to one target (a group or a customer) at one occurrence. */
@Entity('sop_task')
@Index('uq_sop_task_occurrence', ['planId', 'targetId', 'occurrence'], { unique: true })
@Index('idx_sop_task_status', ['corpId', 'status', 'dueAt'])
@Index('idx_sop_task_due', ['corpId', 'dueAt'])
@Index('idx_sop_task_owner', ['ownerStaffId', 'status'])
@Index('idx_sop_task_msg', ['wecomMsgId'])
export class SopTaskRow {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(refColumn) planId!: string;
  @Column({ type: 'int' }) planVersion!: number;
  @Column(text(40)) stepId!: string;
  /** `stepId@dueAt` (or `stepId@reached`): with the plan and target, what makes the task unique. */
  @Column(text(64)) occurrence!: string;
  @Column(text(8)) mode!: SopStepMode;
  @Column(text(12)) targetKind!: SopTargetKind;
  /** customer_group.id or customer.id. */
  @Column(refColumn) targetId!: string;
  /** The group's chat_id or the customer's external_userid, as WeCom knows them. */
  @Column(text(64)) wecomTarget!: string;
  @Column(refColumn) ownerStaffId!: string;
  @Column(text(64)) ownerUserId!: string;
  @Column(timeColumn) dueAt!: Date;
  @Column(text(12)) status!: SopTaskStatus;
  @Column(text(300, true)) reason!: string | null;
  @Column({ type: 'simple-json' }) content!: SopContent;
  @Column(text(64, true)) wecomMsgId!: string | null;
  /** The dispatcher that holds the task while it creates the WeCom task. */
  @Column(text(36, true)) claim!: string | null;
  /** ISO times of the reminders sent to the owner. */
  @Column({ type: 'simple-json', nullable: true }) remindedAt!: string[] | null;
  @Column(nullableTime) escalatedAt!: Date | null;
  @Column(nullableTime) sentAt!: Date | null;
  @Column({ type: 'int', nullable: true }) resultSent!: number | null;
  @Column({ type: 'int', nullable: true }) resultUnsent!: number | null;
  @Column({ type: 'int', nullable: true }) resultFailed!: number | null;
  @Column(timeColumn) createdAt!: Date;
  @Column(timeColumn) updatedAt!: Date;
}
