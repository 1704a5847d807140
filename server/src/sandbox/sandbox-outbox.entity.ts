import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, jsonColumn, nullableRef, text, timeColumn } from '../db/columns';

/** What the sandbox's fake WeCom, WeChat and SMS services were asked to deliver. */
@Entity('sandbox_outbox')
@Index('idx_outbox_customer', ['customerId', 'sentAt'])
export class SandboxOutbox {
  @PrimaryColumn(idColumn) id!: string;
  @Column(text(32)) channel!: string;
  @Column(text(128)) recipient!: string;
  @Column(nullableRef) customerId!: string | null;
  @Column(jsonColumn) content!: unknown;
  @Column(timeColumn) sentAt!: Date;
}
