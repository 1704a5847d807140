import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, refColumn, text, timeColumn } from '../db/columns';

/** An admin's behaviour tag rule; `definition` is JSON of shared's behaviourRuleSchema. */
@Entity('behaviour_rule')
@Index('idx_behaviour_rule_corp', ['corpId'])
export class BehaviourRule {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  @Column(text(100)) name!: string;
  @Column({ type: 'boolean', default: true }) enabled!: boolean;
  @Column({ type: 'text' }) definition!: string;
  @Column(timeColumn) createdAt!: Date;
  @Column(timeColumn) updatedAt!: Date;
}
