import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, nullableTime, refColumn, text, timeColumn } from '../db/columns';

/** Something an agent should see at once in the sidebar (a new lead, an SLA reminder…); `payload` is JSON. */
@Entity('agent_notification')
@Index('idx_agent_notification_at', ['corpId', 'createdAt'])
@Index('idx_agent_notification_staff', ['staffId', 'createdAt'])
export class AgentNotificationRecord {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(refColumn) staffId!: string;
  @Column(text(32)) kind!: string;
  @Column({ type: 'text' }) payload!: string;
  @Column(timeColumn) createdAt!: Date;
  @Column(nullableTime) readAt!: Date | null;
}
