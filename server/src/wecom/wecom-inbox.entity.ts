import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, nullableTime, refColumn, text, timeColumn } from '../db/columns';

/** A verified, decrypted callback, stored before WeCom gets its "success": nothing accepted is lost. */
@Entity('wecom_inbox')
@Index('uq_inbox_dedupe', ['corpId', 'dedupeKey'], { unique: true })
@Index('idx_inbox_due', ['status', 'nextAttemptAt'])
export class WecomInbox {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(text(64)) dedupeKey!: string;
  @Column(text(48)) kind!: string;
  /** The decrypted XML, as WeCom sent it. */
  @Column({ type: 'text' }) payload!: string;
  @Column(timeColumn) receivedAt!: Date;
  @Column(text(16)) status!: 'pending' | 'processing' | 'done' | 'failed';
  @Column({ type: 'int', default: 0 }) attempts!: number;
  @Column(timeColumn) nextAttemptAt!: Date;
  @Column(text(100, true)) lockedBy!: string | null;
  @Column(nullableTime) lockedUntil!: Date | null;
  @Column(nullableTime) processedAt!: Date | null;
  @Column(text(500, true)) error!: string | null;
}
