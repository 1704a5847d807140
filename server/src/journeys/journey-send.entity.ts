import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ChannelKind } from '@lodestar/shared';
import { idColumn, nullableTime, refColumn, text, timeColumn } from '../db/columns';

/**
 * Every message a journey step decided to send, keyed by (position, seq, step): the unique key is
 * written before the channel is called, so a retry or a crash never sends twice.
 */
@Entity('journey_send')
@Index('uq_journey_send_key', ['sendKey'], { unique: true })
@Index('idx_journey_send_customer', ['customerId', 'channel', 'at'])
@Index('idx_journey_send_journey', ['journeyId', 'at'])
@Index('idx_journey_send_channel', ['channel', 'at'])
export class JourneySendRow {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(refColumn) journeyId!: string;
  @Column(refColumn) versionId!: string;
  @Column(refColumn) positionId!: string;
  @Column(text(40)) stepId!: string;
  @Column(refColumn) customerId!: string;
  @Column(text(16)) channel!: ChannelKind;
  @Column(text(120)) sendKey!: string;
  /** pending (reserved, channel not answered yet), sent, held, skipped, dropped, failed. */
  @Column(text(12)) outcome!: string;
  @Column(text(200, true)) reason!: string | null;
  @Column(text(128, true)) providerId!: string | null;
  @Column({ type: 'int', default: 0 }) attempts!: number;
  @Column(timeColumn) firstAt!: Date;
  @Column(timeColumn) at!: Date;
  @Column(nullableTime) sentAt!: Date | null;
}
