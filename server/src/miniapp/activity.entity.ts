import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, refColumn, text, timeColumn } from '../db/columns';

@Entity('activity')
@Index('idx_activity_starts', ['corpId', 'startsAt'])
export class Activity {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(text(16)) kind!: 'online' | 'offline';
  @Column(text(24)) type!: 'lottery' | 'quiz' | 'checkin_challenge' | 'seminar' | 'health_talk';
  @Column(text(120)) title!: string;
  @Column(text(500)) description!: string;
  @Column(timeColumn) startsAt!: Date;
  @Column(timeColumn) endsAt!: Date;
  @Column(text(200, true)) location!: string | null;
  @Column({ type: 'int', nullable: true }) capacity!: number | null;
  @Column(text(16)) status!: 'draft' | 'published' | 'closed';
}
