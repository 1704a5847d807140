import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, nullableRef, refColumn, text, timeColumn, bigintNumber } from '../db/columns';

/** How far mining got with a message: customers who did not agree to archiving are never mined. */
export type MinedState = 'pending' | 'mined' | 'no_consent' | 'not_text';

/** One archived message (会话内容存档), decrypted and stored in our vocabulary; media as metadata. */
@Entity('chat_message')
@Index('uq_chat_message_msgid', ['corpId', 'msgid'], { unique: true })
@Index('idx_chat_message_customer', ['customerId', 'sentAt'])
@Index('idx_chat_message_staff', ['corpId', 'staffId', 'sentAt'])
@Index('idx_chat_message_mined', ['corpId', 'mined'])
export class ChatMessageRow {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(text(64)) msgid!: string;
  @Column(bigintNumber) seq!: number;
  @Column(text(8)) action!: 'send' | 'recall' | 'switch';
  @Column(text(32)) msgType!: string;
  @Column(text(64)) fromId!: string;
  @Column(text(8)) senderKind!: 'staff' | 'customer' | 'other';
  @Column(nullableRef) staffId!: string | null;
  @Column(nullableRef) customerId!: string | null;
  @Column(text(64, true)) roomId!: string | null;
  @Column({ type: 'text' }) tolist!: string;
  @Column({ type: 'text', nullable: true }) content!: string | null;
  @Column({ type: 'text' }) body!: string;
  @Column({ type: 'text', nullable: true }) media!: string | null;
  @Column({ type: 'boolean', default: false }) recalled!: boolean;
  @Column(text(12)) mined!: MinedState;
  @Column(timeColumn) sentAt!: Date;
  @Column(timeColumn) archivedAt!: Date;
}
