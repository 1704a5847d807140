import { Column, Entity, PrimaryColumn } from 'typeorm';
import { keyColumn, text, timeColumn } from '../db/columns';

/** One cached access token per (corp, secret), shared by every process. */
@Entity('wecom_access_token')
export class WecomAccessToken {
  /** corp id + a hash of the secret: never the secret itself. */
  @PrimaryColumn(keyColumn(191)) key!: string;
  @Column(text(600)) token!: string;
  @Column(timeColumn) expiresAt!: Date;
}
