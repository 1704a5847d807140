import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, refColumn, text, timeColumn } from '../db/columns';

/** What an activity carries beyond its columns: quiz questions with answers, lottery prizes with weights. */
export interface ActivityConfig {
  quiz?: Array<{ question: string; options: string[]; answer: number }>;
  quizPointsPerAnswer?: number;
  prizes?: Array<{ name: string; points: number; weight: number }>;
  missWeight?: number;
}

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
  /** Seats confirmed sign-ups hold (companions included); moved only by conditional UPDATEs. */
  @Column({ type: 'int', default: 0 }) seatsTaken!: number;
  /** Sign-ups waiting for a seat. */
  @Column({ type: 'int', default: 0 }) waitlisted!: number;
  @Column(text(500, true)) coverUrl!: string | null;
  /** The code shown at the venue that customers scan to attend. */
  @Column(text(64, true)) siteCode!: string | null;
  @Column({ type: 'simple-json', nullable: true }) config!: ActivityConfig | null;
}
