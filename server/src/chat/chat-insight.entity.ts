import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, nullableRef, refColumn, text, timeColumn } from '../db/columns';

export type InsightKind = 'tag' | 'objection' | 'intent' | 'compliance';

/** What mining found in one message: a tag, an objection, an intent or a compliance hit, with its cue. */
@Entity('chat_insight')
@Index('idx_chat_insight_message', ['messageId'])
@Index('idx_chat_insight_label', ['corpId', 'kind', 'label', 'at'])
@Index('idx_chat_insight_customer', ['customerId', 'at'])
export class ChatInsightRow {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(refColumn) messageId!: string;
  @Column(nullableRef) customerId!: string | null;
  @Column(nullableRef) staffId!: string | null;
  @Column(text(12)) kind!: InsightKind;
  /** The dictionary group key of a tag (insurance_need, budget …); the category of a compliance hit. */
  @Column(text(40, true)) grp!: string | null;
  @Column(text(64)) label!: string;
  @Column({ type: 'float' }) confidence!: number;
  @Column(text(100)) cue!: string;
  @Column(timeColumn) at!: Date;
}
