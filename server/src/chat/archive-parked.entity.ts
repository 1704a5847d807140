import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, refColumn, text, timeColumn, bigintNumber } from '../db/columns';

/**
 * An archived record that could not be read (no private key for its publickey_ver, bad plaintext),
 * kept encrypted as it came so nothing is lost: retried once the admin adds the key.
 */
@Entity('chat_archive_parked')
@Index('uq_chat_parked_seq', ['corpId', 'seq'], { unique: true })
export class ArchiveParkedRow {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(bigintNumber) seq!: number;
  @Column(text(64)) msgid!: string;
  @Column({ type: 'int' }) publickeyVer!: number;
  @Column({ type: 'text' }) encryptRandomKey!: string;
  @Column({ type: 'text' }) encryptChatMsg!: string;
  @Column({ type: 'int' }) code!: number;
  @Column(text(300)) error!: string;
  @Column(timeColumn) parkedAt!: Date;
}
