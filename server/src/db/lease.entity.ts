import { Column, Entity, PrimaryColumn } from 'typeorm';
import { keyColumn, text, timeColumn } from './columns';

/** A named lease: whoever holds it (until it expires) does that piece of work alone. */
@Entity('lease')
export class Lease {
  @PrimaryColumn(keyColumn(191)) name!: string;
  @Column(text(100)) owner!: string;
  @Column(timeColumn) expiresAt!: Date;
}
