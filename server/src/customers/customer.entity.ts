import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { JourneyStage } from '@lodestar/shared';
import { idColumn, nullableRef, nullableTime, refColumn, text, timeColumn } from '../db/columns';

/** One person, however many identities (openid, external_userid, phone…) point at them. */
@Entity('customer')
@Index('idx_customer_owner', ['ownerStaffId'])
@Index('idx_customer_corp_name', ['corpId', 'name'])
@Index('idx_customer_id_number', ['corpId', 'idNumberHash'])
export class Customer {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(text(64)) name!: string;
  @Column(text(8)) gender!: 'male' | 'female' | 'unknown';
  @Column({ type: 'date', nullable: true }) birthDate!: string | null;
  @Column(text(32, true)) city!: string | null;
  @Column(text(64, true)) timezone!: string | null;
  /** The agent who serves this customer (the WeCom follow user who owns the relationship). */
  @Column(nullableRef) ownerStaffId!: string | null;
  @Column(text(24)) stage!: JourneyStage;
  /** Agreed to chat archiving (msg_audit_approved). */
  @Column({ type: 'boolean', default: false }) archiveConsent!: boolean;
  /** Set when this record was merged into another; the survivor holds everything. */
  @Column(nullableRef) mergedIntoId!: string | null;
  /** Profile properties from the tracking SDKs (profile_set and friends), JSON; phone numbers never. */
  @Column({ type: 'text', nullable: true }) profile!: string | null;
  /** The phone number, AES-256-GCM encrypted; the only place it exists in clear form once decrypted. */
  @Column(text(255, true)) phoneCipher!: string | null;
  /** 138****1234, for display without decrypting. */
  @Column(text(16, true)) phoneMasked!: string | null;
  /** The ID number (身份证号), AES-256-GCM encrypted with ID_NUMBER_ENCRYPTION_KEY (optional in code: older writers leave it null). */
  @Column(text(255, true)) idNumberCipher?: string | null;
  /** HMAC-SHA256 of the ID number (ID_NUMBER_HASH_KEY): finds a customer by ID number without decrypting. */
  @Column(text(64, true)) idNumberHash?: string | null;
  /** 110101********1234, for display without decrypting. */
  @Column(text(24, true)) idNumberMasked?: string | null;
  /** Set when the person's data was erased on request (PIPL): the row stays, anonymised, so counts hold. */
  @Column(nullableTime) erasedAt?: Date | null;
  @Column(nullableTime) stageChangedAt!: Date | null;
  @Column(timeColumn) createdAt!: Date;
  @Column(timeColumn) updatedAt!: Date;
}
