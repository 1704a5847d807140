import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, refColumn, text, timeColumn } from '../db/columns';

/** A frequent phrase from customers' messages that no dictionary tag covers, for an admin to accept. */
@Entity('candidate_tag')
@Index('uq_candidate_tag_phrase', ['corpId', 'phrase'], { unique: true })
export class CandidateTagRow {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(text(40)) phrase!: string;
  @Column({ type: 'int' }) customers!: number;
  @Column({ type: 'int' }) count!: number;
  @Column({ type: 'text' }) examples!: string;
  @Column(text(12)) status!: 'pending' | 'accepted' | 'rejected';
  @Column(timeColumn) updatedAt!: Date;
}
