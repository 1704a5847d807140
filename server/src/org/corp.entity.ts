import { Column, Entity, PrimaryColumn } from 'typeorm';
import { idColumn, text, timeColumn } from '../db/columns';

/** An insurer's WeCom tenant. */
@Entity('corp')
export class Corp {
  @PrimaryColumn(idColumn) id!: string;
  @Column({ ...text(64), unique: true }) wecomCorpId!: string;
  @Column(text(100)) name!: string;
  /** IANA zone used when a customer has none of their own. */
  @Column(text(64)) timezone!: string;
  @Column(timeColumn) createdAt!: Date;
}
