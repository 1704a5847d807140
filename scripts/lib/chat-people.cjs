'use strict';
/**
 * Who talks in the generated chats (chat-conversations.cjs): an agent's character for a seed (name,
 * how often they answer objections well, how prone they are to compliance breaches) and the customer
 * behind a conversation (age, job, family, budget, existing cover, the product and its numbers),
 * as the context the templates of chat-phrases.cjs read; and the template filler itself.
 */
const { prng, products } = require('./sensors-events.cjs');
const P = require('./chat-phrases.cjs');

const activities = ['连续签到7天领好礼', '周五幸运大抽奖', '保险知识挑战赛', '养老规划沙龙', '子女教育金规划分享会'];
const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江'.split('');
const givenChars = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚英华玉萍红玲燕梅琳雪荣佳嘉莉晶婷颖露瑶欣宁悦晓凯鹏浩宇'.split('');

/** FNV-1a, to give each agent a stable character for a seed. */
const hash = (s) => [...s].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0, 2166136261);
/** 8000 → '8000' or '8千'; 25000 → '2.5万'. */
const money = (r, n) => (n >= 10_000 ? `${Math.round(n / 1000) / 10}万` : n % 1000 === 0 && r.chance(0.5) ? `${n / 1000}千` : String(n));
const budgetTag = (n) => (n < 5_000 ? '年缴5千以下' : n < 20_000 ? '年缴5千-2万' : n < 50_000 ? '年缴2万-5万' : '年缴5万以上');
const grade = (age) => (age <= 12 ? `小学${'一二三四五六'[age - 7]}年级` : age <= 15 ? `初${'一二三'[age - 13]}` : `高${'一二'[age - 16]}`);

/** Fills a template: `{a|b}` picks, `{slot}` reads ctx (a function slot is called), innermost first. */
function fill(r, template, ctx) {
  let s = template;
  for (let m = /\{([^{}]*)\}/.exec(s); m; m = /\{([^{}]*)\}/.exec(s)) {
    let v;
    if (m[1].includes('|')) v = r.pick(m[1].split('|'));
    else {
      const slot = ctx[m[1]];
      if (slot === undefined || slot === null) throw new Error(`no value for {${m[1]}} in "${template}"`);
      v = typeof slot === 'function' ? slot() : String(slot);
    }
    s = s.slice(0, m.index) + v + s.slice(m.index + m[0].length);
  }
  return s;
}

/** One agent's character for this seed: name, skill (how often replies are strong), breach tendency. */
function agentProfile(seed, userId) {
  const r = prng((hash(userId) ^ Math.imul(seed, 2654435761)) >>> 0);
  const surname = r.pick(surnames);
  return { userId, surname, full: surname + r.pick(givenChars) + (r.chance(0.5) ? r.pick(givenChars) : ''), skill: 0.2 + r.next() * 0.7, breach: 0.4 + r.next() * 1.2 };
}

/** The customer behind a conversation and the values its templates read. */
function context(r, agent, line) {
  const female = r.chance(0.55);
  const surname = r.pick(surnames);
  const [lo, hi] = { critical_illness: [24, 46], medical: [26, 58], accident: [22, 50], life: [27, 45], annuity: [38, 58], education: [27, 42] }[line];
  const age = r.int(lo, hi);
  let stages = age < 30 ? [['单身', 4], ['新婚', 3], ['孕期', 1], ['有幼儿', 1]] : age < 40 ? [['单身', 1], ['新婚', 1], ['孕期', 1], ['有幼儿', 4], ['子女上学', 3]] : age < 50 ? [['有幼儿', 1], ['子女上学', 5], ['空巢', 1]] : [['子女上学', 2], ['空巢', 5]];
  if (line === 'education') stages = [['孕期', 1], ['有幼儿', 3], ['子女上学', 3]];
  if (line === 'life') stages = stages.filter(([s]) => s !== '单身');
  const familyStage = r.weighted(stages.length ? stages : [['有幼儿', 1]]);
  const employment = age >= 55 && r.chance(0.5) ? '退休' : r.weighted([['在职', 70], ['新入职', age < 28 ? 15 : 1], ['自由职业', 8], ['个体经营', 12], ['待业', 2]]);
  const kidAge = familyStage === '有幼儿' ? r.int(1, 6) : familyStage === '子女上学' ? r.int(7, 17) : null;
  const hasKid = kidAge !== null || familyStage === '孕期';
  const married = familyStage !== '单身';
  const product = r.pick(products.filter((p) => p.line === line));
  const income = employment === '退休' ? r.int(5, 15) : r.int(8, 60);
  const budget = { critical_illness: [3, 15, 1000], medical: [3, 30, 100], accident: [2, 10, 100], life: [6, 50, 100], annuity: [2, 20, 10_000], education: [5, 50, 1000] }[line];
  const budgetAmount = r.int(budget[0], budget[1]) * budget[2];
  const coverRange = { critical_illness: [30, 80], medical: [200, 600], accident: [20, 100], life: [50, 300], annuity: [10, 50], education: [10, 50] }[line];
  const cover = Math.round(r.int(coverRange[0], coverRange[1]) / 10) * 10;
  const savings = line === 'annuity' || line === 'education';
  const premium = savings ? budgetAmount : Math.max(product.premiumFrom, Math.round((product.premiumFrom * (cover / (product.minCover / 10_000)) * (1 + (age - 25) / 40)) / 10) * 10);
  const existing = r.weighted([['none', 4], ['group', 3], ['million', 3], ['ci', age > 28 ? 2 : 0], ['parents', age < 35 ? 2 : 0]]);
  const oldCover = existing === 'ci' ? r.pick([10, 20, 30, 50]) : null;
  const mortgage = r.chance(0.6) && employment !== '退休' ? r.int(50, 400) : null;
  const needCover = Math.max(30, Math.round((income * r.int(3, 5)) / 10) * 10);
  const haveAmount = existing === 'ci' ? oldCover : existing === 'group' ? r.pick([5, 10, 20]) : 0;
  const monthly = r.int(10, 24) * 500;
  const socialPct = r.int(35, 55);
  const gapMonthly = Math.round((monthly * (100 - socialPct)) / 10_000) * 100;
  const kid = hasKid ? r.pick(['儿子', '女儿', '孩子', '小朋友']) : null;
  const payYears = { critical_illness: r.pick([20, 30]), life: r.pick([20, 30]), annuity: r.pick([3, 5, 10]), education: r.pick([5, 10]) }[line] ?? null;
  const spouse = female ? '老公' : '老婆';
  const n = () => String(r.int(2, 8));
  return {
    line,
    familyStage,
    employment,
    budgetTag: budgetTag(budgetAmount),
    agent,
    call: r.pick(female ? [`${surname}姐`, `${surname}女士`, `${surname}姐`, '亲'] : [`${surname}哥`, `${surname}先生`, `${surname}总`, `${surname}哥`]),
    proposalFor: `${surname}${female ? '女士' : '先生'}`,
    ac: r.pick([`小${agent.surname}`, `${agent.surname}老师`, `${agent.surname}顾问`, `${agent.surname}经理`]),
    me: r.pick([`顾问${agent.full}`, `小${agent.surname}`, agent.full]),
    agentFull: agent.full,
    company: '北极星保险',
    source: () => r.pick(P.sources),
    activity: () => r.pick(activities),
    referrer: () => r.pick(['朋友', '同事', '老客户', `${r.pick(surnames)}${r.pick(['姐', '哥', '阿姨', '总'])}`]),
    city: () => r.pick(['上海', '北京', '深圳', '广州', '杭州', '成都', '南京', '武汉', '苏州', '西安']),
    lineName: P.lineName[line],
    productName: product.name,
    product: product.name,
    premiumFrom: product.premiumFrom,
    age,
    job: () => r.pick(P.jobs[employment]),
    spouse: married ? spouse : null,
    spouseAge: married ? age + r.int(-3, 3) : null,
    family: married ? r.pick([spouse, '家里人', spouse]) : r.pick(['家里人', '爸妈']),
    parents: () => r.pick(['我爸妈', '我妈', '我爸', '父母']),
    parentAge: Math.min(85, age + r.int(24, 32)),
    kid,
    kidAge,
    grade: kidAge !== null && kidAge >= 7 ? grade(kidAge) : null,
    n,
    income,
    budget: money(r, budgetAmount),
    mortgage,
    mYears: mortgage ? r.int(8, 28) : null,
    monthlyPay: mortgage ? `${r.int(3, 15)}千多` : null,
    oldCover,
    oldPremium: () => String(r.int(2, 12) * 500),
    cover,
    premium,
    lowCover: Math.max(10, Math.round((cover * 0.6) / 10) * 10),
    lowPremium: Math.round((premium * 0.65) / 100) * 100 || 100,
    daily: (premium / 365).toFixed(1),
    cheaper: Math.round((premium * r.int(55, 80)) / 1000) * 10,
    payYears,
    accCover: r.pick([50, 100, 200]),
    accPremium: r.int(3, 9) * 100,
    needCover,
    haveCover: { none: '只有社保', group: `单位团险大概${haveAmount}万`, million: '只有百万医疗（报销型）', ci: `重疾${oldCover}万`, parents: '一份保额不清楚的分红险' }[existing],
    existing,
    gapCover: Math.max(10, needCover - haveAmount),
    retireAge: r.pick([55, 60, 63, 65]),
    monthly,
    socialPct,
    gapMonthly,
    gapTotal: Math.round((gapMonthly * 12 * 25) / 10_000),
    eduYears: 18 - (kidAge ?? 0),
    eduCost: r.int(20, 40),
    abroad: r.int(80, 150),
    weekday: () => r.pick('一二三四五六日'.split('')),
    img: '体检报告',
    secLine: null,
  };
}


module.exports = { activities, agentProfile, context, fill, hash };
