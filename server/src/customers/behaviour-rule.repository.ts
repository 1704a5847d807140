import type { DataSource } from 'typeorm';
import { isUniqueViolation } from '../db/transaction';
import { BehaviourRule } from './behaviour-rule.entity';

/** Admins' behaviour tag rules (definition as JSON text). */
export class BehaviourRuleRepository {
  constructor(private readonly ds: DataSource) {}

  list(corpId: string): Promise<BehaviourRule[]> {
    return this.ds.getRepository(BehaviourRule).find({ where: { corpId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  get(corpId: string, id: string): Promise<BehaviourRule | null> {
    return this.ds.getRepository(BehaviourRule).findOne({ where: { corpId, id } });
  }

  async hasAny(corpId: string): Promise<boolean> {
    return (await this.ds.getRepository(BehaviourRule).count({ where: { corpId } })) > 0;
  }

  async insert(rule: BehaviourRule): Promise<void> {
    await this.ds.getRepository(BehaviourRule).insert(rule);
  }

  /** Inserts rules whose ids may exist already (defaults with fixed ids); returns how many went in. */
  async insertIfAbsent(rules: readonly BehaviourRule[]): Promise<number> {
    let n = 0;
    for (const rule of rules) {
      try {
        await this.ds.getRepository(BehaviourRule).insert(rule);
        n += 1;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
    }
    return n;
  }

  async update(corpId: string, id: string, patch: Pick<BehaviourRule, 'name' | 'enabled' | 'definition' | 'updatedAt'>): Promise<boolean> {
    return ((await this.ds.getRepository(BehaviourRule).update({ corpId, id }, patch)).affected ?? 0) > 0;
  }

  async delete(corpId: string, id: string): Promise<boolean> {
    return ((await this.ds.getRepository(BehaviourRule).delete({ corpId, id })).affected ?? 0) > 0;
  }
}
