import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, nullableTime, text, timeColumn } from './columns';

/** One process's stretch of failures of an outside service (its circuit open), for admins to see. */
@Entity('upstream_incident')
@Index('idx_upstream_incident_opened', ['openedAt'])
export class UpstreamIncidentRow {
  @PrimaryColumn(idColumn) id!: string;
  @Column(text(32)) upstream!: string;
  @Column(text(128)) owner!: string;
  @Column(timeColumn) openedAt!: Date;
  @Column(nullableTime) closedAt!: Date | null;
  @Column(timeColumn) lastSeenAt!: Date;
  @Column({ type: 'int' }) failures!: number;
  @Column({ type: 'int' }) refused!: number;
  @Column(text(500, true)) lastError!: string | null;
}
