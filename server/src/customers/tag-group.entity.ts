import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { TagSource } from '@lodestar/shared';
import { idColumn, refColumn, text, timeColumn } from '../db/columns';

@Entity('tag_group')
@Index('uq_tag_group_key', ['corpId', 'key'], { unique: true })
export class TagGroup {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(text(64)) key!: string;
  @Column(text(64)) name!: string;
  /** Where tags of this group usually come from. */
  @Column(text(16)) source!: TagSource;
  @Column(text(64, true)) wecomGroupId!: string | null;
  @Column({ type: 'int', default: 0 }) sort!: number;
  @Column(timeColumn) createdAt!: Date;
}
