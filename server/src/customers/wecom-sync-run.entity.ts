import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, jsonColumn, nullableRef, nullableTime, refColumn, text, timeColumn } from '../db/columns';

export type SyncRunStatus = 'running' | 'done' | 'failed';
export type SyncPhase = 'tags' | 'contacts' | 'groups' | 'done';

/** One full sync from WeCom; its cursor (agents done + page cursor) lets a restarted worker resume. */
@Entity('wecom_sync_run')
@Index('idx_sync_corp', ['corpId', 'startedAt'])
export class WecomSyncRun {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(text(16)) status!: SyncRunStatus;
  @Column(text(16)) phase!: SyncPhase;
  /** Every agent with customers, fixed when the run starts. */
  @Column(jsonColumn) agentUserIds!: string[] | null;
  @Column({ type: 'int', default: 0 }) agentsDone!: number;
  /** WeCom's cursor inside the current batch of agents (or of the group list). */
  @Column(text(256, true)) pageCursor!: string | null;
  @Column({ type: 'int', default: 0 }) relationshipsSeen!: number;
  @Column({ type: 'int', default: 0 }) customersCreated!: number;
  @Column({ type: 'int', default: 0 }) groupsSeen!: number;
  @Column(text(500, true)) error!: string | null;
  @Column(nullableRef) startedBy!: string | null;
  @Column(timeColumn) startedAt!: Date;
  @Column(timeColumn) updatedAt!: Date;
  @Column(nullableTime) finishedAt!: Date | null;
}
