import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, refColumn, text, timeColumn } from '../db/columns';

@Entity('tag')
@Index('uq_tag_group_name', ['groupId', 'name'], { unique: true })
@Index('idx_tag_corp_name', ['corpId', 'name'])
export class Tag {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(refColumn) groupId!: string;
  @Column(text(64)) name!: string;
  @Column(text(64, true)) wecomTagId!: string | null;
  @Column({ type: 'int', default: 0 }) sort!: number;
  @Column(timeColumn) createdAt!: Date;
}
