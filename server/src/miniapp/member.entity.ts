import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, refColumn, text, timeColumn } from '../db/columns';

/** A customer who uses the mini-program: their referral code and where they came from. */
@Entity('mp_member')
@Index('uq_mp_member_code', ['corpId', 'referralCode'], { unique: true })
export class MpMember {
  @PrimaryColumn(idColumn) customerId!: string;
  @Column(refColumn) corpId!: string;
  @Column(text(16)) referralCode!: string;
  @Column(text(64, true)) channel!: string | null;
  @Column(timeColumn) joinedAt!: Date;
}

/** An agent's WeCom contact way of scene 1 (mini-program), made once and reused. */
@Entity('mp_agent_contact_way')
export class MpAgentContactWay {
  @PrimaryColumn(idColumn) staffId!: string;
  @Column(refColumn) corpId!: string;
  @Column(text(64)) configId!: string;
  @Column(timeColumn) createdAt!: Date;
}
