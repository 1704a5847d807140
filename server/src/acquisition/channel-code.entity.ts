import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, jsonColumn, refColumn, text, timeColumn } from '../db/columns';

/** A channel code (渠道活码): a WeCom contact QR code for one campaign or channel. */
@Entity('channel_code')
@Index('uq_channel_state', ['corpId', 'state'], { unique: true })
export class ChannelCode {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(text(60)) name!: string;
  @Column(text(30)) channel!: string;
  @Column(text(30)) state!: string;
  @Column(jsonColumn) agentUserIds!: string[];
  @Column(text(16)) strategy!: 'round_robin' | 'least_loaded';
  /** How many adds the pool has taken: the round-robin position. */
  @Column({ type: 'int', default: 0 }) assigned!: number;
  @Column(jsonColumn) tagNames!: string[];
  @Column({ type: 'text', nullable: true }) welcomeText!: string | null;
  @Column(text(64)) wecomConfigId!: string;
  @Column(text(300)) qrCode!: string;
  @Column(timeColumn) createdAt!: Date;
}
