import { Column, Entity, PrimaryColumn } from 'typeorm';
import { idColumn, keyColumn, refColumn, text } from '../db/columns';

/** Consecutive local days on which a customer did something (a check-in streak, daily app opens). */
@Entity('activity_streak')
export class ActivityStreak {
  @PrimaryColumn(idColumn) customerId!: string;
  @PrimaryColumn(keyColumn(100)) counterKey!: string;
  @Column(refColumn) corpId!: string;
  @Column({ type: 'int', default: 0 }) current!: number;
  @Column({ type: 'int', default: 0 }) best!: number;
  @Column(text(10)) lastDay!: string;
}
