import { Column, Entity, PrimaryColumn } from 'typeorm';
import { idColumn, keyColumn, nullableRef, timeColumn } from '../db/columns';

/** A corp's scoring model, assignment rules and SLA, each as JSON. */
@Entity('lead_settings')
export class LeadSettingsRecord {
  @PrimaryColumn(idColumn) corpId!: string;
  @Column({ type: 'text' }) scoring!: string;
  @Column({ type: 'text' }) assignment!: string;
  @Column({ type: 'text' }) sla!: string;
  @Column(nullableRef) updatedBy!: string | null;
  @Column(timeColumn) updatedAt!: Date;
}

/** Round-robin cursor and smooth weighted running weights of one assignment rule. */
@Entity('lead_assignment_state')
export class LeadAssignmentStateRecord {
  @PrimaryColumn(idColumn) corpId!: string;
  @PrimaryColumn(keyColumn(64)) ruleId!: string;
  @Column(nullableRef) cursorStaffId!: string | null;
  @Column({ type: 'text', nullable: true }) weights!: string | null;
  @Column(timeColumn) updatedAt!: Date;
}
