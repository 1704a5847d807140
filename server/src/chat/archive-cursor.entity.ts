import { Column, Entity, PrimaryColumn } from 'typeorm';
import { idColumn, nullableTime, text, bigintNumber } from '../db/columns';

/** How far a corp's archive has been pulled: moved forward only once the messages are stored. */
@Entity('chat_archive_cursor')
export class ArchiveCursorRow {
  @PrimaryColumn(idColumn) corpId!: string;
  @Column(bigintNumber) seq!: number;
  @Column(nullableTime) lastPullAt!: Date | null;
  @Column({ type: 'int', nullable: true }) lastErrorCode!: number | null;
  @Column(text(300, true)) lastError!: string | null;
  @Column(nullableTime) lastErrorAt!: Date | null;
}
