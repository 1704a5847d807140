import { Column, Entity, PrimaryColumn } from 'typeorm';
import { idColumn, nullableRef, timeColumn } from '../db/columns';

/** A corp's personal-data settings: who may reveal which field beyond the fixed rules; how long chats are kept. */
@Entity('personal_data_setting')
export class PersonalDataSetting {
  @PrimaryColumn(idColumn) corpId!: string;
  @Column({ type: 'int', default: 180 }) chatRetentionDays!: number;
  /** JSON: { phone: Role[], idNumber: Role[] } (only configurable roles). */
  @Column({ type: 'text', nullable: true }) revealRoles!: string | null;
  @Column(nullableRef) updatedBy!: string | null;
  @Column(timeColumn) updatedAt!: Date;
}
