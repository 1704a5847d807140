import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, refColumn, text } from '../db/columns';

/** A talk script (话术): what to say when the customer shows a need, an objection or an intent. */
@Entity('talk_script')
@Index('idx_script_trigger', ['corpId', 'trigger'])
export class TalkScript {
  @PrimaryColumn(idColumn) id!: string;
  @Column(refColumn) corpId!: string;
  /** e.g. "objection:价格", "need:重疾险", "intent:asks_price", "stage:interest". */
  @Column(text(64)) trigger!: string;
  @Column(text(100)) title!: string;
  @Column({ type: 'text' }) body!: string;
  @Column(text(24, true)) productLine!: string | null;
}
