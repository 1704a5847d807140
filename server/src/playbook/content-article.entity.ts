import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, refColumn, text, timeColumn } from '../db/columns';

@Entity('content_article')
@Index('idx_content_category', ['corpId', 'category'])
export class ContentArticle {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(text(120)) title!: string;
  @Column(text(24)) category!: 'knowledge' | 'local_news' | 'product' | 'retirement' | 'claims';
  @Column(text(300)) summary!: string;
  @Column({ type: 'text' }) body!: string;
  @Column(text(24, true)) productLine!: string | null;
  @Column(timeColumn) publishedAt!: Date;
}
