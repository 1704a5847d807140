import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { JourneyAttachment } from '@lodestar/shared';
import { idColumn, keyColumn, nullableTime, refColumn, text, timeColumn } from '../db/columns';

export type AgentMessageTaskStatus = 'open' | 'sent' | 'cancelled';

/** What the agent is asked to send: the filled-in text and its attachments. */
export interface AgentMessageContent {
  text: string;
  attachments?: JourneyAttachment[];
}

/**
 * A 1:1 WeCom message a journey asks an agent to send: the sidebar lists the open ones, the
 * agent sends it with sendChatMessage and marks it sent. `key` is the journey's idempotency key,
 * unique, so a send retried after a crash finds its task instead of making a second one.
 * `staffUserId` is the agent's WeCom userid; null when the customer has no agent yet.
 */
@Entity('agent_message_task')
@Index('uq_agent_message_task_key', ['key'], { unique: true })
@Index('idx_agent_message_task_staff', ['staffUserId', 'status'])
export class AgentMessageTask {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(keyColumn(191)) key!: string;
  @Column(refColumn) customerId!: string;
  @Column(text(64, true)) staffUserId!: string | null;
  @Column(text(16)) channel!: 'wecom_task';
  @Column({ type: 'simple-json' }) content!: AgentMessageContent;
  @Column(text(16)) status!: AgentMessageTaskStatus;
  @Column(timeColumn) createdAt!: Date;
  @Column(nullableTime) doneAt!: Date | null;
}
