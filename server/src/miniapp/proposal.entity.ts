import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, nullableTime, refColumn, timeColumn } from '../db/columns';

/** A proposal (计划书) an agent shared with a customer: priced items, and how often it was opened. */
@Entity('mp_proposal')
@Index('idx_mp_proposal_customer', ['customerId', 'createdAt'])
export class MpProposal {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(refColumn) customerId!: string;
  @Column(refColumn) staffId!: string;
  @Column({ type: 'simple-json' }) items!: Array<{ productId: string; cover: number; premium: number }>;
  @Column({ type: 'int' }) totalPremium!: number;
  @Column({ type: 'int', default: 0 }) views!: number;
  @Column(nullableTime) lastViewedAt!: Date | null;
  @Column(timeColumn) createdAt!: Date;
}

/** A coverage-gap self-assessment: what the customer told, the gaps found and the score. */
@Entity('mp_assessment')
@Index('idx_mp_assessment_customer', ['customerId', 'at'])
export class MpAssessment {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(refColumn) customerId!: string;
  @Column({ type: 'simple-json' }) input!: Record<string, unknown>;
  @Column({ type: 'simple-json' }) gaps!: Array<{ line: string; recommended: number; existing: number; gap: number }>;
  @Column({ type: 'int' }) score!: number;
  @Column(timeColumn) at!: Date;
}
