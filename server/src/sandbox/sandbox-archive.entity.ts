import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { text, timeColumn } from '../db/columns';

/** The sandbox chat archive: records encrypted exactly as the vendor SDK returns them, seq in order. */
@Entity('sandbox_archive_record')
export class SandboxArchiveRecordRow {
  @PrimaryGeneratedColumn({ type: 'int' }) seq!: number;
  @Column(text(64)) msgid!: string;
  @Column({ type: 'int' }) publickeyVer!: number;
  @Column({ type: 'text' }) encryptRandomKey!: string;
  @Column({ type: 'text' }) encryptChatMsg!: string;
  @Column(timeColumn) createdAt!: Date;
}

/** The sandbox corp's archive key pairs by publickey_ver (a real corp keeps its private keys itself). */
@Entity('sandbox_archive_key')
export class SandboxArchiveKeyRow {
  @PrimaryColumn({ type: 'int' }) ver!: number;
  @Column({ type: 'text' }) publicKeyPem!: string;
  @Column({ type: 'text' }) privateKeyPem!: string;
  @Column(timeColumn) createdAt!: Date;
}
