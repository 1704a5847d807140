import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, jsonColumn, nullableRef, text, timeColumn } from './columns';

/** Who did what to which record, and when; also the memory of failed logins. */
@Entity('audit_log')
@Index('idx_audit_action_at', ['action', 'at'])
@Index('idx_audit_target', ['targetType', 'targetId'])
export class AuditLog {
  @PrimaryColumn(idColumn) id!: string;
  @Column(nullableRef) corpId!: string | null;
  @Column(text(16)) actorType!: 'staff' | 'customer' | 'system' | 'anonymous';
  @Column(text(64, true)) actorId!: string | null;
  @Column(text(64)) action!: string;
  @Column(text(32, true)) targetType!: string | null;
  @Column(text(128, true)) targetId!: string | null;
  @Column(jsonColumn) detail!: Record<string, unknown> | null;
  @Column(text(64, true)) ip!: string | null;
  @Column(timeColumn) at!: Date;
}
