import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, refColumn, text, timeColumn } from '../db/columns';

/** One trained version of the high-intent model; `model` and `metrics` are JSON. */
@Entity('intent_model')
@Index('uq_intent_model_version', ['corpId', 'version'], { unique: true })
export class IntentModelRecord {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column({ type: 'int' }) version!: number;
  @Column(text(32)) algorithm!: string;
  @Column({ type: 'text' }) model!: string;
  @Column({ type: 'text' }) metrics!: string;
  @Column({ type: 'boolean', default: false }) active!: boolean;
  @Column(timeColumn) trainedAt!: Date;
}
