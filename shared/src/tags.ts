import { z } from 'zod';

/** Where a customer's tag came from. */
export const tagSources = ['static', 'behaviour', 'conversation', 'model', 'manual', 'journey'] as const;
export const tagSourceSchema = z.enum(tagSources);
export type TagSource = z.infer<typeof tagSourceSchema>;

export interface TagDictionaryGroup {
  key: string;
  name: string;
  source: TagSource;
  tags: readonly string[];
}

/** The default insurance tag dictionary that ships with the product (CONTRACTS.md, "Wire formats inside"). */
export const defaultTagDictionary: readonly TagDictionaryGroup[] = [
  { key: 'insurance_need', name: '保险需求', source: 'conversation', tags: ['重疾险', '医疗险', '意外险', '寿险', '养老/年金', '教育金'] },
  { key: 'employment', name: '职业状态', source: 'conversation', tags: ['在职', '新入职', '自由职业', '个体经营', '退休', '待业'] },
  { key: 'family_stage', name: '家庭阶段', source: 'conversation', tags: ['单身', '新婚', '孕期', '有幼儿', '子女上学', '空巢'] },
  { key: 'budget', name: '预算区间', source: 'conversation', tags: ['年缴5千以下', '年缴5千-2万', '年缴2万-5万', '年缴5万以上'] },
  { key: 'objection', name: '异议', source: 'conversation', tags: ['价格', '信任', '已有保障', '再考虑'] },
  { key: 'channel', name: '来源渠道', source: 'static', tags: ['老客户', '转介绍', '活动留资', '公众号', '直播', '线下活动'] },
  { key: 'activity', name: '活跃度', source: 'behaviour', tags: ['高活跃', '中活跃', '低活跃', '沉睡'] },
  { key: 'segment', name: '客群', source: 'static', tags: ['奋斗青年', '财富新贵', '孤儿单客户'] },
];

/**
 * A behaviour tag rule: when the customer did `event` (matching `where`) at least `min` times in
 * the last `withinDays` days, they get `tag` with source behaviour. With `removeWhenFalse` the tag
 * goes again once the condition stops holding (activity levels); otherwise it stays (needs).
 */
export const behaviourRuleDefinitionSchema = z
  .object({
    event: z.string().min(1).max(100),
    where: z.record(z.string().min(1).max(64), z.union([z.string().max(100), z.number(), z.boolean()])).optional(),
    min: z.number().int().min(1).max(10_000),
    withinDays: z.number().int().min(1).max(366),
    tag: z.object({ group: z.string().min(1).max(64), name: z.string().min(1).max(64) }),
    removeWhenFalse: z.boolean().default(false),
  })
  .strict();
export type BehaviourRuleDefinition = z.infer<typeof behaviourRuleDefinitionSchema>;

export const behaviourRuleInputSchema = z
  .object({ name: z.string().trim().min(1).max(100), enabled: z.boolean().default(true), definition: behaviourRuleDefinitionSchema })
  .strict()
  .meta({ id: 'BehaviourRuleInput' });
export const behaviourRuleSchema = z
  .object({ id: z.string(), name: z.string(), enabled: z.boolean(), definition: behaviourRuleDefinitionSchema, updatedAt: z.string() })
  .meta({ id: 'BehaviourRule' });
export type BehaviourRuleView = z.infer<typeof behaviourRuleSchema>;
