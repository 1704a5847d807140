import type { ScoreReason } from '@lodestar/shared';
import { defaultScoringModel } from './default-scoring-model';
import { suggestFirstMessage, type FirstMessageFacts } from './first-message.plan';

const reason = (ruleId: string, points = 10, detail = '30 天内 3 次'): ScoreReason => {
  const rule = defaultScoringModel.rules.find((r) => r.id === ruleId);
  if (!rule) throw new Error(`no default rule ${ruleId}`);
  return { ruleId, rule: rule.name, dimension: rule.dimension, points, detail };
};

const facts = (over: Partial<FirstMessageFacts> = {}): FirstMessageFacts => ({
  customerName: '王芳',
  productLine: 'critical_illness',
  sourceKind: 'segment',
  agentName: '李娜',
  ...over,
});

/** Words that belong to the agent's tools, never to a message to the customer. */
const internal = /评分|分数|得分|等级|[ABCD]\s*级|标签|线索|孤儿单|公海|SLA|score|grade|lead|tag/i;

describe('suggestFirstMessage', () => {
  it('greets the customer by name and introduces the agent by name', () => {
    const m = suggestFirstMessage(facts());
    expect(m.startsWith('王芳您好，')).toBe(true);
    expect(m).toContain('李娜');
    expect(m).toContain('重疾险');
  });

  it('introduces the agent as the new service agent of an orphan policy, without the internal word for it', () => {
    const m = suggestFirstMessage(facts({ sourceKind: 'orphan_policy', productLine: 'life' }));
    expect(m).toContain('新服务顾问');
    expect(m).toContain('接手');
    expect(m).toContain('寿险保单');
    expect(m).not.toMatch(internal);
  });

  it('offers a gentle check-up of cover after a family change for a coverage gap', () => {
    const m = suggestFirstMessage(facts({ sourceKind: 'coverage_gap' }));
    expect(m).toContain('家里情况有变化');
    expect(m).toContain('检视');
    expect(m).toContain('重疾险保障');
  });

  it('follows up on what the customer looked at after an engagement jump, and on the contact form they left', () => {
    expect(suggestFirstMessage(facts({ sourceKind: 'engagement_jump', productLine: 'medical' }))).toContain('最近在了解医疗险');
    expect(suggestFirstMessage(facts({ sourceKind: 'left_contact', productLine: 'education' }))).toContain('收到您留下的联系方式');
  });

  it('gives each source kind its own message', () => {
    const kinds = ['orphan_policy', 'coverage_gap', 'engagement_jump', 'left_contact', 'segment'];
    const messages = new Set(kinds.map((sourceKind) => suggestFirstMessage(facts({ sourceKind }))));
    expect(messages.size).toBe(kinds.length);
  });

  it('offers to explain the quote when the premium calculator is the strongest reason', () => {
    const m = suggestFirstMessage(facts({ sourceKind: 'engagement_jump', topReason: reason('eng_calculator', 18.5) }));
    expect(m).toContain('测算过保费');
    expect(m).toContain('解释');
  });

  it('speaks of the proposal, the activity or the stated need when that is the strongest reason', () => {
    expect(suggestFirstMessage(facts({ topReason: reason('eng_proposal', 25) }))).toContain('计划书');
    expect(suggestFirstMessage(facts({ topReason: reason('eng_activity', 8) }))).toContain('您报名的活动');
    expect(suggestFirstMessage(facts({ topReason: reason('eng_need', 25) }))).toContain('您之前提到的保障方面的想法');
  });

  it('does not say the same thing twice when the reason repeats the source', () => {
    const plain = suggestFirstMessage(facts({ sourceKind: 'coverage_gap' }));
    expect(suggestFirstMessage(facts({ sourceKind: 'coverage_gap', topReason: reason('fit_ci_gap', 20) }))).toBe(plain);
    expect(suggestFirstMessage(facts({ sourceKind: 'segment', topReason: reason('fit_ci_gap', 20) }))).toContain('保额够不够用');
  });

  it('ignores a reason that counts against the lead (a price objection is not something to open with)', () => {
    const m = suggestFirstMessage(facts({ topReason: { ...reason('eng_objection_price', -10), points: -10 } }));
    expect(m).toBe(suggestFirstMessage(facts()));
  });

  it('never shows the customer a rule name, its detail, points, or an internal word', () => {
    for (const rule of defaultScoringModel.rules) {
      for (const sourceKind of ['orphan_policy', 'coverage_gap', 'engagement_jump', 'left_contact', 'segment']) {
        const top: ScoreReason = { ruleId: rule.id, rule: rule.name, dimension: rule.dimension, points: 17.3, detail: 'insurance_need/重疾险（conversation，3 天前）' };
        const m = suggestFirstMessage(facts({ sourceKind, topReason: top }));
        expect(m).not.toContain(rule.name);
        expect(m).not.toContain('17.3');
        expect(m).not.toContain('insurance_need');
        expect(m).not.toMatch(internal);
      }
    }
  });

  it('reads well without the agent’s name, the customer’s name, a known line or a known source kind', () => {
    const m = suggestFirstMessage({ customerName: ' ', productLine: 'pet', sourceKind: 'imported_list', agentName: null });
    expect(m.startsWith('您好，我是您的保险顾问。')).toBe(true);
    expect(m).not.toContain('null');
    expect(m).not.toContain('undefined');
    expect(m).toContain('保障');
  });
});
