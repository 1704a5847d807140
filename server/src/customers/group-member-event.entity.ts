import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, nullableRef, refColumn, text, timeColumn } from '../db/columns';

/** One join or quit, kept for each customer's history even after the group is gone. */
@Entity('group_member_event')
@Index('uq_group_member_event', ['groupId', 'memberId', 'kind', 'at'], { unique: true })
@Index('idx_group_event_customer', ['customerId', 'at'])
export class GroupMemberEvent {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(refColumn) groupId!: string;
  @Column(text(64)) memberId!: string;
  @Column(nullableRef) customerId!: string | null;
  @Column(text(8)) kind!: 'join' | 'quit';
  /** Join: 0 invited, 3 scanned the QR code; quit: 0 left, 1 removed (WeCom's JoinScene / QuitScene). */
  @Column({ type: 'int', nullable: true }) scene!: number | null;
  @Column(timeColumn) at!: Date;
}
