import { checkCompliance, nestedQuantifier, validateCustomRule } from './compliance.plan';
import { defaultComplianceRules } from './default-compliance-rules';

const hitIds = (text: string): string[] => checkCompliance(text, defaultComplianceRules).map((h) => h.ruleId);

describe('defaultComplianceRules', () => {
  it('has at least 20 rules with unique builtin ids, all enabled, each passing validateCustomRule', () => {
    expect(defaultComplianceRules.length).toBeGreaterThanOrEqual(20);
    const ids = defaultComplianceRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of defaultComplianceRules) {
      expect(r.id).toBe(`builtin:${r.name}`);
      expect(r.enabled).toBe(true);
      expect(r.category).not.toBe('custom');
      // The checks an admin's rule must pass (≤ 200 characters, compiles, no nested quantifier, never
      // matches empty text): built-ins are stored and re-validated like custom rules.
      expect({ id: r.id, ...validateCustomRule(r) }).toEqual({ id: r.id, ok: true });
      expect([r.id, nestedQuantifier(r.value)]).toEqual([r.id, null]);
    }
  });

  // Each line: an agent message and the rule it must trip (it may trip others too).
  const violations: Array<[string, string]> = [
    ['这款产品保本保息，您放心', 'builtin:保本'],
    ['您的本金绝对安全', 'builtin:本金安全'],
    ['本金不会亏的', 'builtin:本金安全'],
    ['这个是零风险的', 'builtin:零风险'],
    ['放心，无风险', 'builtin:零风险'],
    ['我们这个是刚性兑付的', 'builtin:刚兑'],
    ['买这个稳赚', 'builtin:稳赚'],
    ['稳赚不赔的买卖', 'builtin:稳赚不赔'],
    ['保证收益，每年都有', 'builtin:保证收益'],
    ['我们承诺每年的回报', 'builtin:保证收益'],
    ['分红是保证分红的', 'builtin:保证收益'],
    ['稳定收益5%', 'builtin:稳定收益X%'],
    ['年化3.5%保证给到', 'builtin:年化N%保证'],
    ['年化 4% 是固定的', 'builtin:年化N%保证'],
    ['固定年化３．５％', 'builtin:保证年化N%'],
    ['保证年化收益4%', 'builtin:保证年化N%'],
    ['比银行存款利息还高', 'builtin:比存款高'],
    ['比存银行划算多了', 'builtin:比存款高'],
    ['收益高于银行定期', 'builtin:高于存款'],
    ['您就把它当存款', 'builtin:当存款'],
    ['完全可以替代存款', 'builtin:当存款'],
    ['买这个就是存钱', 'builtin:当存款'],
    ['这是市面上最好的重疾险', 'builtin:最好的'],
    ['我们销量第一', 'builtin:第一'],
    ['行业NO.1的产品', 'builtin:第一'],
    ['这款最便宜', 'builtin:最便宜'],
    ['史上最强重疾', 'builtin:史上最'],
    ['全网最低价', 'builtin:全网最低'],
    ['绝对没问题', 'builtin:绝对'],
    ['这是最划算的方案', 'builtin:最划算'],
    ['100%理赔', 'builtin:100%理赔'],
    ['百分之百能赔', 'builtin:100%理赔'],
    ['出险了肯定能赔', 'builtin:100%理赔'],
    ['什么病都赔', 'builtin:什么都赔'],
    ['不管什么病都能赔', 'builtin:什么都赔'],
    ['不用体检随便买', 'builtin:不用体检随便买'],
    ['有病也能买', 'builtin:不用体检随便买'],
    ['那个病不用告知的', 'builtin:不用如实告知'],
    ['隐瞒一下没事', 'builtin:不用如实告知'],
    ['下单我给您返佣金', 'builtin:返佣'],
    ['国家兜底的', 'builtin:国家兜底'],
    ['这就是一款理财产品', 'builtin:说成理财或存款产品'],
    ['下个月就要停售了，赶紧', 'builtin:停售涨价催促'],
    ['马上涨价', 'builtin:停售涨价催促'],
    ['仅剩3个名额', 'builtin:停售涨价催促'],
    ['错过就没有了', 'builtin:错过就没有'],
  ];
  it.each(violations)('flags %s as %s', (text, ruleId) => {
    expect(hitIds(text)).toContain(ruleId);
  });

  // Correct disclosures and real product features: no rule may fire.
  const clean: string[] = [
    '这款不保本，收益有波动',
    '分红不保证，以实际为准',
    '这款产品不一定保本',
    '保本是不可能的，别信别人说的',
    '保证续保20年，期间不会因为理赔停保',
    '保证续保，每年保费按年龄调整',
    '本金不保证安全，要看现金价值表',
    '演示利率年化3.5%，不保证',
    '年化3.5%不保证的',
    '年化3.5%，我们公司经营稳定',
    '刚兑已经被打破了，要理性看待',
    '第一次投保的话，我帮您看看健康告知',
    '第一年保费3800元，之后每年一样',
    '这份医疗险有1万元的绝对免赔额',
    '不是什么都赔的，要看条款',
    '并不是所有的病都能赔，以条款为准',
    '不能保证100%理赔，要看是否如实告知',
    '这些问题没问到的不用告知',
    '投资都没有稳赚的',
    '保险不是存款，不能当存款来比',
    '建议您适当存款，再配一份保障',
    '我们对比一下存款和保险各自的作用',
    '您现在没有任何风险保障',
    '理财里有个概念叫无风险利率',
    '最好的办法是先做一下智能核保',
    '这款已经停售了，我给您推荐新款',
    '满期返还保费，属于返还型产品',
    '重疾平均治疗费用在30万左右',
  ];
  it.each(clean)('does not flag %s', (text) => {
    expect(checkCompliance(text, defaultComplianceRules)).toEqual([]);
  });

  it('reports the original full-width characters and where they start', () => {
    const text = '您好，固定年化３．５％。';
    const hit = checkCompliance(text, defaultComplianceRules).find((h) => h.ruleId === 'builtin:保证年化N%');
    expect(hit).toMatchObject({ match: '固定年化３．５％', index: 3, severity: 'high', category: 'guaranteed_return' });
  });
});
