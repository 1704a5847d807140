import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, refColumn, text, timeColumn } from '../db/columns';

/**
 * One conversation between an agent and a customer: their 1:1 messages until a silence longer than
 * the gap. Carries the key nodes of the sales SOP it reached (JSON: key, name, at, messageId).
 */
@Entity('chat_conversation')
@Index('idx_conversation_pair', ['staffId', 'customerId', 'lastAt'])
@Index('idx_conversation_corp', ['corpId', 'startedAt'])
export class ConversationRow {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(refColumn) staffId!: string;
  @Column(refColumn) customerId!: string;
  @Column(timeColumn) startedAt!: Date;
  @Column(timeColumn) lastAt!: Date;
  @Column({ type: 'int' }) messages!: number;
  @Column(text(24)) productLine!: string;
  @Column({ type: 'text' }) nodes!: string;
}
