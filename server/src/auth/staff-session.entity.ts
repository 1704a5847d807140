import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, nullableTime, refColumn, text, timeColumn } from '../db/columns';

/** One staff sign-in: the id is the jti of the bearer token it issued. */
@Entity('staff_session')
@Index('idx_staff_session_staff', ['staffId', 'revokedAt'])
export class StaffSession {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(refColumn) staffId!: string;
  /** How the session began: 'password' or 'wecom_oauth'. */
  @Column(text(16)) via!: string;
  @Column(text(64, true)) ip!: string | null;
  @Column(timeColumn) createdAt!: Date;
  @Column(timeColumn) expiresAt!: Date;
  @Column(nullableTime) revokedAt!: Date | null;
  /** Why it ended early: 'logout' or 'admin'. */
  @Column(text(32, true)) revokedReason!: string | null;
}
