import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, nullableRef, nullableTime, refColumn, text, timeColumn } from '../db/columns';

/** An agent message that broke a compliance rule: one row per (message, rule), for the team lead. */
@Entity('compliance_alert')
@Index('uq_compliance_alert', ['messageId', 'ruleId'], { unique: true })
@Index('idx_compliance_alert_team', ['corpId', 'teamId', 'status', 'at'])
export class ComplianceAlertRow {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(refColumn) messageId!: string;
  @Column(refColumn) staffId!: string;
  @Column(nullableRef) teamId!: string | null;
  @Column(nullableRef) customerId!: string | null;
  @Column(refColumn) ruleId!: string;
  @Column(text(60)) ruleName!: string;
  @Column(text(24)) category!: string;
  @Column(text(8)) severity!: 'high' | 'medium';
  @Column(text(100)) matched!: string;
  @Column(text(500)) text!: string;
  @Column(text(12)) status!: 'open' | 'acknowledged';
  @Column(nullableRef) acknowledgedBy!: string | null;
  @Column(nullableTime) acknowledgedAt!: Date | null;
  @Column(timeColumn) at!: Date;
}
