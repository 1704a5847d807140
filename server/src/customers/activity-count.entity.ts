import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, keyColumn, refColumn } from '../db/columns';

/**
 * How many times a customer did something on one local day. Rolling windows ("twice in 7 days")
 * read at most a window's worth of rows; ingest adds to them, nothing rescans history.
 */
@Entity('activity_count')
@Index('idx_activity_count_key', ['corpId', 'counterKey', 'day'])
export class ActivityCount {
  @PrimaryColumn(idColumn) customerId!: string;
  /** `event:<name>` for every event, or a filtered counter's key (see counter-key.ts). */
  @PrimaryColumn(keyColumn(100)) counterKey!: string;
  /** Local day in the customer's (or corp's) time zone, YYYY-MM-DD. */
  @PrimaryColumn(keyColumn(10)) day!: string;
  @Column(refColumn) corpId!: string;
  @Column({ type: 'int', default: 0 }) count!: number;
}
