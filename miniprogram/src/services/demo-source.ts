import { addDays, localDateAt, monthOf } from '../utils/dates';
import { ApiError } from './http';
import { platform } from './platform';
import type { MpSource } from './source';
import type * as T from './types';

/**
 * An in-memory back end for design work without a server (LODESTAR_DATA_SOURCE=demo). It follows
 * the API's rules loosely (one check-in a day, 7-day gift, seats and waitlist) so every page has
 * something real-looking to show; tests use the real server instead.
 */
export function createDemoSource(): MpSource {
  const tz = 'Asia/Shanghai';
  const today = (): string => localDateAt(platform.nowMs(), 480);
  const iso = (daysAhead: number, hour: number): string => `${addDays(today(), daysAhead)}T${String(hour).padStart(2, '0')}:00:00+08:00`;
  const customer: T.MpCustomer = { id: 'demo-customer', name: '体验用户', phoneMasked: null, timezone: tz };
  const checked = new Set<string>([addDays(today(), -1), addDays(today(), -2)]);
  const ledger: T.MpPointsEntry[] = [];
  const balance = (): number => ledger.reduce((s, e) => s + e.delta, 0);
  const addPoints = (delta: number, reason: T.MpPointsEntry['reason'], ref: string | null): void => {
    ledger.unshift({ id: `p${ledger.length + 1}`, delta, reason, ref, at: new Date(platform.nowMs()).toISOString() });
  };
  addPoints(5, 'checkin', addDays(today(), -2));
  addPoints(5, 'checkin', addDays(today(), -1));
  const streakUpTo = (date: string): number => {
    let n = 0;
    for (let d = date; checked.has(d); d = addDays(d, -1)) n++;
    return n;
  };

  const products: T.MpProduct[] = [
    { id: 'p-ci', code: 'CI-2025', name: '北辰安康重大疾病保险', line: 'critical_illness', lineName: '重疾险', minCover: 100000, maxCover: 1000000, premiumFrom: 2360, description: '覆盖 120 种重疾、40 种中症、50 种轻症，确诊即赔，保障终身。' },
    { id: 'p-med', code: 'MED-1', name: '北辰百万医疗险', line: 'medical', lineName: '医疗险', minCover: 2000000, maxCover: 6000000, premiumFrom: 298, description: '一般医疗 200 万、重疾医疗 400 万，住院费用 0 免赔可选，院外特药直付。' },
    { id: 'p-acc', code: 'ACC-1', name: '北辰综合意外险', line: 'accident', lineName: '意外险', minCover: 500000, maxCover: 1000000, premiumFrom: 158, description: '意外身故伤残、意外医疗、住院津贴一站式保障。' },
    { id: 'p-life', code: 'LIFE-1', name: '北辰守护定期寿险', line: 'life', lineName: '寿险', minCover: 500000, maxCover: 3000000, premiumFrom: 860, description: '家庭经济支柱的责任保障，身故或全残给付保额。' },
    { id: 'p-ann', code: 'ANN-1', name: '北辰福享养老年金', line: 'annuity', lineName: '年金险', minCover: 100000, maxCover: 5000000, premiumFrom: 10000, description: '60 岁起按年领取，保证领取 20 年，锁定长期利率。' },
    { id: 'p-trv', code: 'TRV-1', name: '北辰境外旅行意外险', line: 'travel_accident', lineName: '旅行意外险', minCover: 300000, maxCover: 1000000, premiumFrom: 38, description: '境外意外、紧急救援、行李延误一并保障。' },
  ];
  const activities: Array<T.MpActivityDetail & { taken: number; waitlist: number }> = [
    { id: 'a-seminar', kind: 'offline', type: 'seminar', title: '家庭保障规划讲座', description: '资深规划师讲解家庭保障配置的三步法，现场一对一答疑。', startsAt: iso(5, 14), endsAt: iso(5, 16), location: '上海市浦东新区世纪大道 100 号 12 楼', capacity: 30, seatsLeft: 12, coverUrl: null, status: 'published', mySignup: null, form: [{ name: 'name', label: '姓名', type: 'text', required: true }, { name: 'phone', label: '手机号', type: 'phone', required: true }, { name: 'companions', label: '同行人数', type: 'number', required: false, max: 3 }, { name: 'note', label: '备注', type: 'textarea', required: false, max: 200 }], taken: 18, waitlist: 0 },
    { id: 'a-health', kind: 'offline', type: 'health_talk', title: '中医养生健康讲堂', description: '三甲医院主任医师讲解秋冬养生。', startsAt: iso(9, 10), endsAt: iso(9, 12), location: '上海市静安区南京西路 88 号', capacity: 20, seatsLeft: 0, coverUrl: null, status: 'published', mySignup: null, form: [{ name: 'name', label: '姓名', type: 'text', required: true }, { name: 'phone', label: '手机号', type: 'phone', required: true }], taken: 20, waitlist: 2 },
    { id: 'a-quiz', kind: 'online', type: 'quiz', title: '保险知识挑战赛', description: '答对一题得 10 积分。', startsAt: iso(-1, 0), endsAt: iso(10, 0), location: null, capacity: null, seatsLeft: null, coverUrl: null, status: 'published', mySignup: null, form: [], quiz: [{ question: '重疾险的主要作用是？', options: ['报销医疗费', '确诊后一次性给付', '理财增值'] }, { question: '百万医疗险通常的免赔额是？', options: ['0 元', '1 万元', '10 万元'] }], played: false, taken: 0, waitlist: 0 },
    { id: 'a-lottery', kind: 'online', type: 'lottery', title: '会员日幸运抽奖', description: '每人一次机会，积分、体检卡等你拿。', startsAt: iso(-1, 0), endsAt: iso(6, 0), location: null, capacity: null, seatsLeft: null, coverUrl: null, status: 'published', mySignup: null, form: [], prizes: [{ name: '50 积分', points: 50 }, { name: '体检卡', points: 0 }], played: false, taken: 0, waitlist: 0 },
  ];
  const card = (a: (typeof activities)[number]): T.ActivityCard => {
    const { form: _f, quiz: _q, prizes: _p, played: _pl, taken: _t, waitlist: _w, ...rest } = a;
    return rest;
  };
  const articles: T.MpArticle[] = [
    { id: 'art-1', title: '重疾险和医疗险，有了一个还要另一个吗？', category: 'knowledge', summary: '一个管收入损失，一个管医疗费用，两者互补。', productLine: 'critical_illness', publishedAt: iso(-2, 9), body: '重疾险在确诊合同约定的疾病后一次性给付保险金，可以弥补治疗期间的收入损失；医疗险按实际花费报销。\n\n两者搭配，才能既看得起病，又不影响家庭生活。' },
    { id: 'art-2', title: '理赔三步走：报案、材料、到账', category: 'claims', summary: '手把手教你完成一次理赔。', productLine: null, publishedAt: iso(-5, 9), body: '第一步，出险后及时报案；第二步，按清单准备材料；第三步，审核通过后款项直接到账。' },
    { id: 'art-3', title: '养老金缺口有多大？一张表算清楚', category: 'retirement', summary: '社保之外，还需要准备多少？', productLine: 'annuity', publishedAt: iso(-8, 9), body: '以退休前收入的 70% 为目标替代率，扣除社保养老金，剩下的就是需要自己准备的部分。' },
  ];
  const tickets = new Map<string, T.MpTicket>();
  let leadSeq = 0;
  const notFound = (what: string): never => {
    throw new ApiError(404, 'not_found', `${what}不存在`);
  };

  return {
    kind: 'demo',
    async login() {
      return { token: 'demo-token', expiresAt: iso(30, 0), customer, isNew: false };
    },
    async bindPhone() {
      customer.phoneMasked = '138****5678';
      return { phoneMasked: customer.phoneMasked };
    },
    async me() {
      return {
        customer,
        points: { balance: balance() },
        counts: { tickets: tickets.size, invitees: 2, policies: 2 },
        agent: { staffId: 'agent001', name: '王晓明', title: '资深保险规划师', avatarUrl: null, contactWay: { configId: 'demo-config', scene: 1 } },
      };
    },
    async policies() {
      return {
        items: [
          { policyNo: 'BC2023000187', product: '北辰百万医疗险', productLine: 'medical', coverAmount: 2000000, annualPremium: 298, status: 'active', startDate: '2023-03-01', endDate: '2026-02-28' },
          { policyNo: 'BC2021004521', product: '北辰综合意外险', productLine: 'accident', coverAmount: 500000, annualPremium: 158, status: 'lapsed', startDate: '2021-06-15', endDate: '2022-06-14' },
        ],
      };
    },
    async checkins(month) {
      const t = today();
      const m = month ?? monthOf(t);
      const streak = checked.has(t) ? streakUpTo(t) : streakUpTo(addDays(t, -1));
      const inCycle = streak % 7;
      return {
        timezone: tz,
        today: t,
        checkedToday: checked.has(t),
        streak,
        days: [...checked].filter((d) => d.startsWith(m)).sort(),
        rewards: [{ day: 7, title: '7 天连签礼', points: 50 }],
        nextReward: { inDays: 7 - inCycle - (checked.has(t) ? 0 : 0), title: '7 天连签礼' },
        balance: balance(),
      };
    },
    async checkin() {
      const t = today();
      if (checked.has(t)) return { date: t, streak: streakUpTo(t), pointsAwarded: 0, reward: null, balance: balance(), already: true };
      checked.add(t);
      const streak = streakUpTo(t);
      addPoints(5, 'checkin', t);
      const reward = streak % 7 === 0 ? { title: '7 天连签礼', points: 50 } : null;
      if (reward) addPoints(50, 'streak_reward', t);
      return { date: t, streak, pointsAwarded: 5 + (reward?.points ?? 0), reward, balance: balance(), already: false };
    },
    async points() {
      return { balance: balance(), entries: ledger };
    },
    async subscribe() {},
    async activities(kind) {
      return { items: activities.filter((a) => !kind || a.kind === kind).map(card) };
    },
    async activity(id) {
      const a = activities.find((x) => x.id === id) ?? notFound('活动');
      const { taken: _t, waitlist: _w, ...detail } = a;
      return detail;
    },
    async signup(id) {
      const a = activities.find((x) => x.id === id) ?? notFound('活动');
      if (a.mySignup && a.mySignup.status !== 'cancelled') {
        return { status: a.mySignup.status === 'waitlisted' ? 'waitlisted' : 'confirmed', ticket: a.mySignup.ticketCode ? { code: a.mySignup.ticketCode, activityId: id } : null, position: a.mySignup.position };
      }
      if (a.capacity !== null && a.taken >= a.capacity) {
        a.waitlist += 1;
        a.mySignup = { status: 'waitlisted', ticketCode: null, position: a.waitlist };
        return { status: 'waitlisted', ticket: null, position: a.waitlist };
      }
      a.taken += 1;
      a.seatsLeft = a.capacity === null ? null : a.capacity - a.taken;
      const code = `T${id.slice(2, 6).toUpperCase()}${String(tickets.size + 1).padStart(4, '0')}`;
      a.mySignup = { status: 'confirmed', ticketCode: code, position: null };
      tickets.set(code, { code, activity: card(a), status: 'confirmed', qrPayload: `lodestar:ticket:${code}` });
      return { status: 'confirmed', ticket: { code, activityId: id }, position: null };
    },
    async cancelSignup(id) {
      const a = activities.find((x) => x.id === id) ?? notFound('活动');
      if (a.mySignup?.ticketCode) tickets.delete(a.mySignup.ticketCode);
      if (a.mySignup?.status === 'confirmed') {
        a.taken -= 1;
        a.seatsLeft = a.capacity === null ? null : a.capacity - a.taken;
      }
      a.mySignup = { status: 'cancelled', ticketCode: null, position: null };
      return { status: 'cancelled' };
    },
    async tickets() {
      return { items: [...tickets.values()] };
    },
    async attend(id) {
      const a = activities.find((x) => x.id === id) ?? notFound('活动');
      const code = a.mySignup?.ticketCode ?? notFound('门票');
      return { status: 'attended', ticketCode: code };
    },
    async play(id, req) {
      const a = activities.find((x) => x.id === id) ?? notFound('活动');
      a.played = true;
      if (a.type === 'quiz') {
        const score = (req.answers ?? []).filter((x, i) => x === [1, 0][i]).length;
        if (score) addPoints(score * 10, 'quiz', id);
        return { kind: 'quiz', score, total: a.quiz?.length ?? 0, pointsAwarded: score * 10, already: false };
      }
      addPoints(50, 'lottery', id);
      return { kind: 'lottery', prize: { name: '50 积分', points: 50 }, pointsAwarded: 50, already: false };
    },
    async referrals() {
      return {
        code: 'DEMO8K',
        invitees: [
          { name: '李*', joinedAt: iso(-3, 10), qualified: true, rewardPoints: 100 },
          { name: '张*', joinedAt: iso(-1, 20), qualified: false, rewardPoints: 0 },
        ],
        totalPoints: 100,
      };
    },
    async poster() {
      // A 1×1 PNG stands in for the mini-program code.
      return { imageBase64: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', contentType: 'image/png', scene: 'r=DEMO8K', page: 'pages/index/index' };
    },
    async articles(tag) {
      return { items: articles.filter((a) => !tag || a.category === tag || a.productLine === tag).map(({ body: _b, ...c }) => c) };
    },
    async article(id) {
      return articles.find((a) => a.id === id) ?? notFound('文章');
    },
    async products(line) {
      return { items: products.filter((p) => !line || p.line === line) };
    },
    async product(id) {
      return products.find((p) => p.id === id) ?? notFound('产品');
    },
    async leaveContact() {
      leadSeq += 1;
      return { leadId: `demo-lead-${leadSeq}` };
    },
    async proposal(id) {
      const p0 = products[0]!;
      const p1 = products[1]!;
      return {
        id,
        customerId: customer.id,
        agent: { staffId: 'agent001', name: '王晓明', title: '资深保险规划师', avatarUrl: null },
        items: [
          { product: p0, cover: 500000, premium: 6800 },
          { product: p1, cover: 2000000, premium: 298 },
        ],
        totalPremium: 7098,
        createdAt: iso(-1, 15),
        views: 1,
      };
    },
    async assess(input) {
      const income = input.annualIncome;
      const rec = { critical_illness: Math.max(300000, income * 5), medical: 2000000, accident: Math.max(500000, income * 10), life: income * 10 + input.debts };
      const gaps: T.CoverageGap[] = (['critical_illness', 'medical', 'accident', 'life'] as const).map((line) => ({
        line,
        recommended: rec[line],
        existing: input.existing[line],
        gap: Math.max(0, rec[line] - input.existing[line]),
      }));
      const held = gaps.reduce((s, g) => s + Math.min(1, g.existing / g.recommended), 0);
      return { id: 'demo-assessment', gaps, score: Math.round((held / gaps.length) * 100) };
    },
  };
}
