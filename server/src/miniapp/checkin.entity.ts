import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, refColumn, text, timeColumn } from '../db/columns';

/** One daily check-in: one per customer and local day (the unique key is the guard). */
@Entity('mp_checkin')
@Index('uq_mp_checkin_day', ['customerId', 'localDate'], { unique: true })
export class MpCheckin {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(refColumn) customerId!: string;
  @Column(text(10)) localDate!: string;
  @Column(text(64)) timezone!: string;
  @Column({ type: 'int' }) streak!: number;
  @Column(timeColumn) at!: Date;
}

/** One movement of points: unique idempotency key, reason and reference; the balance is their sum. */
@Entity('mp_points')
@Index('uq_mp_points_key', ['idemKey'], { unique: true })
@Index('idx_mp_points_customer', ['customerId', 'at'])
export class MpPoints {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(refColumn) customerId!: string;
  @Column({ type: 'int' }) delta!: number;
  @Column(text(24)) reason!: string;
  @Column(text(64, true)) ref!: string | null;
  @Column(text(120)) idemKey!: string;
  @Column(timeColumn) at!: Date;
}
