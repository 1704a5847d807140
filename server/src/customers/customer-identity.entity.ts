import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { IdentityKind } from '@lodestar/shared';
import { idColumn, refColumn, text, timeColumn } from '../db/columns';

/** One identifier of a customer; each (corp, kind, value) belongs to exactly one customer. */
@Entity('customer_identity')
@Index('uq_identity', ['corpId', 'kind', 'value'], { unique: true })
@Index('idx_identity_customer', ['customerId'])
export class CustomerIdentity {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(refColumn) customerId!: string;
  @Column(text(16)) kind!: IdentityKind;
  /** For phone_hash: a keyed HMAC of the normalised number, never the number itself. */
  @Column(text(128)) value!: string;
  @Column(timeColumn) createdAt!: Date;
}
