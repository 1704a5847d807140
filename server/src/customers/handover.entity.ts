import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, nullableRef, nullableTime, refColumn, text, timeColumn } from '../db/columns';

export type HandoverStatus = 'pending' | 'waiting' | 'done' | 'failed';

/** One customer or group handed from one agent to another through WeCom. */
@Entity('handover')
@Index('idx_handover_status', ['corpId', 'status'])
@Index('idx_handover_batch', ['batchId'])
@Index('idx_handover_subject', ['corpId', 'subjectId'])
export class Handover {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(refColumn) batchId!: string;
  @Column(text(16)) kind!: 'customer' | 'group';
  @Column(refColumn) fromStaffId!: string;
  @Column(refColumn) toStaffId!: string;
  /** The external user id or the chat id. */
  @Column(text(64)) subjectId!: string;
  @Column(nullableRef) customerId!: string | null;
  /** Through resigned transfer (the agent has left) rather than in service. */
  @Column({ type: 'boolean', default: true }) resigned!: boolean;
  @Column(text(16)) status!: HandoverStatus;
  @Column({ type: 'int', nullable: true }) errcode!: number | null;
  @Column(text(200, true)) reason!: string | null;
  @Column(timeColumn) requestedAt!: Date;
  @Column(nullableTime) finishedAt!: Date | null;
  @Column(timeColumn) updatedAt!: Date;
}
