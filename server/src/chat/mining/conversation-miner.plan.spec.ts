import { insightLabels, mineUtterance, type UtteranceInsights } from './conversation-miner.plan';

/** Pure tests: tokens are the characters unless a case needs jieba-like words. */
const mine = (text: string, tokens: readonly string[] = [...text]): UtteranceInsights => mineUtterance({ text, tokens });
const labels = (text: string, tokens?: readonly string[]): string[] => insightLabels(mine(text, tokens)).sort();
const find = (i: UtteranceInsights, label: string) => [...i.tags, ...i.objections, ...i.intents].find((d) => d.label === label);

describe('mineUtterance: needs', () => {
  it('finds a need and names its cue', () => {
    const i = mine('想了解下重疾险，30岁男的一年大概多少钱啊');
    expect(i.tags).toEqual([{ label: 'insurance_need/重疾险', group: 'insurance_need', name: '重疾险', confidence: 0.9, cue: '重疾' }]);
    expect(i.intents.map((d) => [d.name, d.cue])).toEqual([['asks_price', '多少钱']]);
  });

  it('reads several needs in one line, and a common typo', () => {
    expect(labels('重急险和医疗险是不是买一个就够了')).toEqual(['insurance_need/医疗险', 'insurance_need/重疾险']);
  });

  it('drops a negated need, keeps the one wanted', () => {
    expect(labels('不需要重疾险，我就想要个百万医疗')).toEqual(['insurance_need/医疗险']);
    expect(labels('我不需要什么意外险，天天在家')).toEqual([]);
    expect(labels('不想买重疾险')).toEqual([]);
  });

  it('turns a product the customer has into 已有保障, unless they want more', () => {
    expect(labels('我已经有百万医疗了')).toEqual(['objection/已有保障']);
    expect(labels('惠民保买了')).toEqual(['objection/已有保障']);
    expect(labels('已经有一份重疾了，还要不要加保')).toEqual(['insurance_need/重疾险', 'objection/已有保障']);
    expect(find(mine('我已经有百万医疗了'), 'objection/已有保障')?.cue).toBe('已经有百万医疗');
  });

  it('a negated having is no cover: the need stands', () => {
    expect(labels('还没买过重疾，想了解一下')).toEqual(['insurance_need/重疾险']);
  });
});

describe('mineUtterance: other people', () => {
  it('a relative retiring is neither 退休 nor 空巢', () => {
    expect(labels('我妈去年退休了')).toEqual([]);
  });

  it('buying for parents is the customer need', () => {
    expect(labels('我妈去年退休了，给她买医疗险还来得及吗')).toEqual(['insurance_need/医疗险']);
    expect(labels('想给爸妈买个防癌险')).toEqual(['insurance_need/重疾险']);
  });

  it('a friend who bought is nobody need here, and no cover of ours', () => {
    expect(labels('我朋友买了你们家的重疾险，说还不错')).toEqual([]);
    expect(labels('我哥说他们公司有团险')).toEqual([]);
    expect(labels('我同学在做保险，也在推重疾')).toEqual([]);
  });

  it('the spouse counts for the household, not for employment', () => {
    expect(labels('我老婆怀孕了，预产期明年3月')).toEqual(['family_stage/孕期']);
    expect(labels('老公在上班')).toEqual([]);
    expect(find(mine('我老婆怀孕了'), 'family_stage/孕期')?.confidence).toBeCloseTo(0.77, 2);
  });

  it('someone who bought for the customer covers the customer', () => {
    expect(labels('我老公已经给我买过重疾了')).toEqual(['objection/已有保障']);
  });

  it('objections the customer relays count', () => {
    expect(labels('我同事说买保险就是交智商税')).toEqual(['objection/信任']);
  });
});

describe('mineUtterance: family stage and employment', () => {
  it.each([
    ['孩子刚上小学，想给她存点教育金', ['family_stage/子女上学', 'insurance_need/教育金']],
    ['宝宝8个月了', ['family_stage/有幼儿']],
    ['娃1岁半', ['family_stage/有幼儿']],
    ['家里有个3岁的小朋友', ['family_stage/有幼儿']],
    ['孩子小学三年级，老大', ['family_stage/子女上学']],
    ['怀孕5个月了', ['family_stage/孕期']],
    ['孩子都成家了，我们老两口想给自己买点', ['family_stage/空巢']],
    ['我还没结婚呢', ['family_stage/单身']],
    ['下个月结婚了', ['family_stage/新婚']],
  ])('%s', (text, expected) => {
    expect(labels(text)).toEqual([...expected].sort());
  });

  it('a bare 宝宝 (a whole jieba token) is a weak 有幼儿 cue, dropped in a pregnancy', () => {
    const baby = mine('想给宝宝买个意外', ['想', '给', '宝宝', '买', '个', '意外']);
    expect(find(baby, 'family_stage/有幼儿')).toEqual({ label: 'family_stage/有幼儿', group: 'family_stage', name: '有幼儿', confidence: 0.5, cue: '宝宝' });
    expect(labels('我老婆怀孕了，想提前给宝宝准备点', ['我', '老婆', '怀孕', '了', '，', '想', '提前', '给', '宝宝', '准备', '点'])).toEqual(['family_stage/孕期']);
  });

  it('a token cue does not fire inside another word', () => {
    expect(labels('能不能高一点')).toEqual([]);
    expect(labels('女儿上高一', ['女儿', '上', '高一'])).toEqual(['family_stage/子女上学']);
  });

  it('specific employment beats 在职, 退休 beats 待业', () => {
    expect(labels('刚入职新公司，还在试用期')).toEqual(['employment/新入职']);
    expect(labels('我现在不上班了，退下来两年了')).toEqual(['employment/退休']);
    expect(labels('我不是自由职业，是在国企上班')).toEqual(['employment/在职']);
    expect(labels('还没退休，明年退')).toEqual(['employment/在职']);
  });
});

describe('mineUtterance: budgets', () => {
  it.each([
    ['一年五千能配个啥', '年缴5千-2万'],
    ['每年3000块以内吧', '年缴5千以下'],
    ['两万左右吧', '年缴2万-5万'],
    ['两万以内', '年缴5千-2万'],
    ['月缴500可以吗', '年缴5千-2万'],
    ['一年预算1.5w左右', '年缴5千-2万'],
    ['每月三四百的话能接受', '年缴5千以下'],
    ['一个月两千的话', '年缴2万-5万'],
    ['预算在三万到四万之间', '年缴2万-5万'],
    ['一年10来万吧', '年缴5万以上'],
  ])('%s → %s', (text, band) => {
    expect(mine(text).tags.filter((t) => t.group === 'budget').map((t) => t.name)).toEqual([band]);
  });

  it.each([
    '工资8000一个月，扣完五险一金到手6千多',
    '想要50万保额的重疾',
    '太贵了吧。。。一年要七八千',
    '6000一年划不来吧',
    '性价比一般啊，别家才两千多',
    '我买了30万的房子，贷款20年',
    '一年两千多的意外和医疗，太贵了吧',
  ])('no budget in %s', (text) => {
    expect(mine(text).tags.filter((t) => t.group === 'budget')).toEqual([]);
  });

  it('names the amount it read, and takes the budget over the income', () => {
    const i = mine('想给老公买个重疾 他34 年收入20万左右 预算一年8000');
    expect(i.tags.filter((t) => t.group === 'budget')).toEqual([{ label: 'budget/年缴5千-2万', group: 'budget', name: '年缴5千-2万', confidence: 0.9, cue: '预算一年8000' }]);
  });
});

describe('mineUtterance: objections and intents', () => {
  it.each([
    ['有点小贵啊，能便宜点不', ['objection/价格']],
    ['贵不贵啊', ['intent/asks_price']],
    ['你们公司靠谱吗？没怎么听说过啊', ['objection/信任']],
    ['我有社保就够了吧', ['objection/已有保障']],
    ['没有社保，也没买过商业险', []],
    ['跟老婆商量一下再说哈', ['objection/再考虑']],
    ['理赔流程是怎样的？', ['intent/asks_claims']],
    ['等待期内出事赔不赔', ['intent/asks_claims']],
    ['能不能先发个计划书给我看看', ['intent/asks_proposal']],
    ['你发的那个计划书我看了，保费有点高', ['objection/价格']],
    ['行 就按这个方案来吧 怎么付款', ['intent/ready_to_buy']],
    ['最近被裁了，等稳定了再说吧', ['employment/待业', 'objection/再考虑']],
    ['我买了30万的房子', []],
  ])('%s', (text, expected) => {
    expect(labels(text)).toEqual([...expected].sort());
  });

  it('an utterance addressed to the customer (an agent) yields no tag or objection', () => {
    expect(labels('请问您有没有社保呀')).toEqual([]);
    expect(labels('明天我把方案发您，您和家里人商量一下')).toEqual([]);
    expect(labels('您好，我想问下重疾险多少钱')).toEqual(['insurance_need/重疾险', 'intent/asks_price']);
  });
});

describe('mineUtterance: confidence', () => {
  it('a strong cue scores above a weak one, further cues raise it', () => {
    const strong = find(mine('想买个意外险'), 'insurance_need/意外险');
    const weak = find(mine('买个意外吧', ['买', '个', '意外', '吧']), 'insurance_need/意外险');
    expect(strong?.confidence).toBe(0.9);
    expect(weak).toEqual({ label: 'insurance_need/意外险', group: 'insurance_need', name: '意外险', confidence: 0.5, cue: '意外' });
    const twice = find(mine('想了解重疾险，重大疾病都保吗'), 'insurance_need/重疾险');
    expect(twice?.confidence).toBeCloseTo(0.93, 2);
  });

  it('insightLabels can keep only the confident ones', () => {
    const i = mine('想给宝宝买个意外', ['想', '给', '宝宝', '买', '个', '意外']);
    expect(insightLabels(i).sort()).toEqual(['family_stage/有幼儿', 'insurance_need/意外险']);
    expect(insightLabels(i, 0.6)).toEqual([]);
  });

  it('small talk yields nothing', () => {
    expect(mine('好的 收到👌')).toEqual({ tags: [], objections: [], intents: [] });
  });
});
