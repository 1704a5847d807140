import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { LeadGrade } from '@lodestar/shared';
import { idColumn, refColumn, text, timeColumn } from '../db/columns';

/** The current score of a customer; `reasons` is the JSON list of rules that fired. */
@Entity('lead_score')
@Index('idx_lead_score_grade', ['corpId', 'grade', 'score'])
export class LeadScoreRecord {
  @PrimaryColumn(idColumn) customerId!: string;
  @Column(refColumn) corpId!: string;
  @Column({ type: 'float' }) fit!: number;
  @Column({ type: 'float' }) engagement!: number;
  @Column({ type: 'float' }) score!: number;
  @Column(text(1)) grade!: LeadGrade;
  @Column({ type: 'float', nullable: true }) probability!: number | null;
  @Column({ type: 'int', nullable: true }) modelVersion!: number | null;
  @Column({ type: 'text' }) reasons!: string;
  @Column(timeColumn) computedAt!: Date;
}

/** A score as it was: one row each time a customer's score or grade changed. */
@Entity('lead_score_history')
@Index('idx_lead_score_history_customer', ['customerId', 'at'])
export class LeadScoreHistoryRecord {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(refColumn) customerId!: string;
  @Column({ type: 'float' }) fit!: number;
  @Column({ type: 'float' }) engagement!: number;
  @Column({ type: 'float' }) score!: number;
  @Column(text(1)) grade!: LeadGrade;
  @Column({ type: 'float', nullable: true }) probability!: number | null;
  /** What triggered the rescore: event, tags, model, rules, sweep… */
  @Column(text(64)) cause!: string;
  @Column(timeColumn) at!: Date;
}
