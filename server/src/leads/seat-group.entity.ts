import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, keyColumn, refColumn, text, timeColumn } from '../db/columns';

/** A group of seats (坐席) that call cleaned leads before they go to agents. */
@Entity('seat_group')
@Index('uq_seat_group_name', ['corpId', 'name'], { unique: true })
export class SeatGroupRecord {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(text(100)) name!: string;
  @Column(timeColumn) createdAt!: Date;
  @Column(timeColumn) updatedAt!: Date;
}

/** A staff member who calls for a seat group. */
@Entity('seat_group_member')
@Index('idx_seat_group_member_staff', ['staffId'])
export class SeatGroupMemberRecord {
  @PrimaryColumn(idColumn) groupId!: string;
  @PrimaryColumn(idColumn) staffId!: string;
  @Column(refColumn) corpId!: string;
  @Column(timeColumn) addedAt!: Date;
}

/** One outbound call to a lead and its outcome. */
@Entity('lead_call')
@Index('idx_lead_call_lead', ['leadId', 'calledAt'])
@Index('idx_lead_call_group', ['seatGroupId', 'calledAt'])
@Index('idx_lead_call_staff', ['staffId', 'calledAt'])
@Index('idx_lead_call_corp', ['corpId', 'calledAt'])
export class LeadCallRecord {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(refColumn) leadId!: string;
  @Column(refColumn) customerId!: string;
  @Column(refColumn) seatGroupId!: string;
  @Column(refColumn) staffId!: string;
  @Column({ type: 'boolean', default: false }) connected!: boolean;
  @Column(text(8)) intent!: string;
  @Column(text(24)) nextStep!: string;
  @Column(text(1000, true)) note!: string | null;
  @Column({ type: 'int', nullable: true }) durationSeconds!: number | null;
  @Column(timeColumn) calledAt!: Date;
}

/** A phone number (by its keyed hash) nobody may call or message. */
@Entity('do_not_contact')
export class DoNotContactRecord {
  @PrimaryColumn(idColumn) corpId!: string;
  @PrimaryColumn(keyColumn(64)) phoneHash!: string;
  @Column(text(16, true)) phoneMasked!: string | null;
  @Column(text(200, true)) reason!: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) addedBy!: string | null;
  @Column(timeColumn) addedAt!: Date;
}
