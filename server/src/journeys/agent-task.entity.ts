import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, nullableRef, nullableTime, refColumn, text, timeColumn } from '../db/columns';

/** A task on an agent's to-do list (call, chat, invite), created by a journey step; unique by its key. */
@Entity('agent_task')
@Index('uq_agent_task_key', ['taskKey'], { unique: true })
@Index('idx_agent_task_staff', ['staffId', 'status', 'dueAt'])
@Index('idx_agent_task_customer', ['customerId', 'createdAt'])
export class AgentTaskRow {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(text(120)) taskKey!: string;
  /** The agent it is for; NULL while the customer has no agent (the team lead's queue). */
  @Column(nullableRef) staffId!: string | null;
  @Column(refColumn) customerId!: string;
  @Column(text(12)) kind!: 'call' | 'chat' | 'invite';
  @Column(text(100)) title!: string;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column(text(12)) status!: 'open' | 'done' | 'cancelled';
  @Column(text(80)) source!: string;
  @Column(timeColumn) dueAt!: Date;
  @Column(timeColumn) createdAt!: Date;
  @Column(nullableTime) doneAt!: Date | null;
}
