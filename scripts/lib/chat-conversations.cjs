'use strict';
/**
 * A seeded, deterministic generator of agent–customer insurance sales chats on WeCom, as the
 * chat-archive SDK returns them once decrypted (WECOM-NOTES.md, "Chat archive"): text mostly, with
 * images (a medical report, a policy photo, a clause screenshot), links (a proposal 计划书, an
 * article), mini-program cards, recalls (revoke) and the customer's archive consent (agree).
 *
 * A conversation is composed from varied parts (chat-phrases.cjs, filled in from the customer and
 * agent of chat-people.cjs): an opener, the agent probing needs, the customer's situation (job,
 * family, existing cover, budget, income), product questions, objections (价格 / 信任 / 已有保障 / 再考虑) answered strongly (empathy + facts + a next step) or
 * weakly (pushy or vague), a coverage-gap assessment, a proposal, then a close or a drop-off. A
 * customer stays engaged after a strong reply far more often than after a weak one, and a share of
 * agent messages (breachRate, 3%) breaks the marketing-compliance rules. Each conversation carries
 * the ground truth the generator put in, for tests and the benchmark.
 *
 * CommonJS on purpose: the scripts import it, and the jest suites (which cannot load .mjs) require it.
 * Types: chat-conversations.d.cts.
 */
const { prng } = require('./sensors-events.cjs');
const P = require('./chat-phrases.cjs');
const { activities, agentProfile, context, fill, hash } = require('./chat-people.cjs');

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const CN = 8 * HOUR; // agents and customers are in China (UTC+8)
const host = 'https://m.lodestar-demo.cn';
const weapp = { username: 'gh_4c1b9e7d2a3f@app', displayname: '北极星保险' };
const articles = {
  critical_illness: ['重疾险和医疗险有什么区别？一文讲清', '保额80万够不够？重疾保额测算方法', '理赔指南：重疾确诊后如何快速申请'],
  medical: ['百万医疗险续保要注意什么', '本市医保新政：门诊报销比例提高'],
  accident: ['年轻人第一份保险该怎么买'],
  life: ['定期寿险：给家人的一份承诺'],
  annuity: ['退休后每月需要多少钱？养老缺口计算', '年金险和增额终身寿怎么选'],
  education: ['教育金要从孩子几岁开始准备'],
};
const lineWeights = [['critical_illness', 28], ['medical', 20], ['accident', 12], ['life', 12], ['annuity', 16], ['education', 12]];
const objectionWeights = {
  critical_illness: { 价格: 4, 信任: 2, 已有保障: 3, 再考虑: 3 },
  medical: { 价格: 2, 信任: 2, 已有保障: 4, 再考虑: 2 },
  accident: { 价格: 2, 信任: 1, 已有保障: 3, 再考虑: 3 },
  life: { 价格: 3, 信任: 2, 已有保障: 2, 再考虑: 4 },
  annuity: { 价格: 3, 信任: 4, 已有保障: 1, 再考虑: 4 },
  education: { 价格: 3, 信任: 3, 已有保障: 1, 再考虑: 4 },
};
const cPrefix = ['嗯，', '嗯嗯 ', '哦哦，', '噢 ', '好的，', '这样啊，', 'emm ', '那个，', '哈哈 ', '明白了，', '额，', '对了，'];
const cTail = ['哈', '呢', '啊', '～', '~', '。', '！', '[微笑]', '[捂脸]', '[呲牙]', '[思考]', '[OK]', '[抱拳]', '[偷笑]', '[尴尬]', '哈哈'];
const aTail = ['[微笑]', '[愉快]', '[玫瑰]', '[抱拳]', '[OK]', '[强]', '[握手]', '～'];
const slotPattern = /\{([A-Za-z]+)\}/g;

const hasBreach = (text) => P.complianceBreachPhrases.some((w) => text.includes(w));

/**
 * Conversations between `agents` (WeCom userids) and `customers` (external_userids), in the
 * archive's plaintext shape, all within [start, start + spanDays days). See chat-conversations.d.cts.
 */
function generateConversations(options) {
  const o = { seed: 7, spanDays: 7, breachRate: 0.03, owners: {}, ...options };
  if (!(Number.isInteger(o.conversations) && o.conversations >= 0)) throw new Error('conversations must be a whole number ≥ 0');
  if (!o.agents?.length) throw new Error('agents must name at least one WeCom userid');
  if (!o.customers?.length) throw new Error('customers must name at least one external_userid');
  if (!Number.isFinite(o.start)) throw new Error('start must be a time in milliseconds');
  if (!(o.spanDays > 0)) throw new Error('spanDays must be positive');
  if (!(o.breachRate >= 0 && o.breachRate <= 1)) throw new Error('breachRate is a share between 0 and 1');
  const r = prng(o.seed);
  const profiles = new Map(o.agents.map((a) => [a, agentProfile(o.seed, a)]));
  const meanBreach = [...profiles.values()].reduce((s, a) => s + a.breach, 0) / profiles.size;
  for (const a of profiles.values()) a.breach /= meanBreach; // the agents together keep the asked rate
  const order = [...o.customers];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(r.next() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const agentOf = new Map();
  const end = o.start + o.spanDays * DAY;
  let counter = 0;
  const out = [];
  for (let i = 0; i < o.conversations; i++) {
    const customer = order[i % order.length];
    const nth = Math.floor(i / order.length);
    const of = Math.floor(o.conversations / order.length) + (i % order.length < o.conversations % order.length ? 1 : 0);
    if (!agentOf.has(customer)) agentOf.set(customer, o.owners[customer] && profiles.has(o.owners[customer]) ? o.owners[customer] : r.pick(o.agents));
    const agent = profiles.get(agentOf.get(customer));
    const line = r.weighted(lineWeights);
    const { turns, truth } = converse(r, context(r, agent, line), nth, o.breachRate * agent.breach);
    const from = o.start + ((end - o.start) * nth) / of;
    const times = timeline(r, turns, Math.floor(from), Math.floor(o.start + ((end - o.start) * (nth + 1)) / of));
    for (const t of turns) t.msgid = `sim-${o.seed}-${++counter}`;
    const messages = turns.map((t, k) => message(t, times[k], agent.userId, customer));
    truth.breachMsgids = turns.filter((t) => t.breach).map((t) => t.msgid);
    truth.complianceBreaches = truth.breachMsgids.length;
    truth.objectionReplies = truth.objectionReplies.map(({ turn, ...x }) => ({ ...x, replyMsgid: turn.msgid }));
    out.push({ agent: agent.userId, customer, productLine: line, messages, truth });
  }
  return out;
}

/** The turns of one conversation (who, what, how long after the previous one) and its ground truth. */
function converse(r, ctx, nth, breachRate) {
  const turns = [];
  const truth = { needs: [], objections: [], complianceBreaches: 0, breachMsgids: [], proposalShared: false, closed: false, objectionReplies: [], profile: { employment: null, familyStage: null, budget: null } };
  const agent = ctx.agent;
  const line = ctx.line;
  /** A template whose slots all have values here (null if none of the pool fits). */
  const fits = (t) => [...t.matchAll(slotPattern)].every((m) => ctx[m[1]] !== null && ctx[m[1]] !== undefined);
  const pickT = (pool) => {
    const usable = pool.filter(fits);
    return usable.length ? fill(r, r.pick(usable), ctx) : null;
  };
  const gapFor = (by, gap) => gap ?? (turns.length && turns[turns.length - 1].by === by ? 'burst' : 'reply');
  const push = (by, msgtype, body, gap) => {
    const t = { by, msgtype, body, gap: turns.length ? gapFor(by, gap) : 'first' };
    turns.push(t);
    return t;
  };
  /** An agent message; now and then it breaks the rules: a promise added to a statement, or sent on its own after a question. */
  const A = (text, gap) => {
    if (!text) return null;
    const breach = r.chance(breachRate) ? fill(r, r.pick(P.breaches[line === 'annuity' || line === 'education' ? 'savings' : 'protection']), ctx) : null;
    const question = /[？?]$/.test(text);
    const t = push('agent', 'text', { content: breach && !question ? join(text, breach) : !breach && r.chance(0.1) ? text + r.pick(aTail) : text }, gap);
    const bad = breach && question ? push('agent', 'text', { content: breach }, 'burst') : breach ? t : null;
    if (bad) {
      bad.breach = true;
      if (r.chance(0.2)) push('agent', 'revoke', { pre: bad }, 'burst');
    }
    return t;
  };
  const vary = (text) => {
    let s = text;
    if (r.chance(0.12)) s = s.replace(/，/g, ' ');
    if (r.chance(0.2)) s = r.pick(cPrefix) + s;
    if (!/[？?]$/.test(s) && r.chance(0.35)) s += r.pick(cTail);
    return s;
  };
  const C = (text, gap) => {
    if (!text) return null;
    const t = push('customer', 'text', { content: vary(text) }, gap);
    if (r.chance(0.02)) {
      push('customer', 'revoke', { pre: t }, 'burst');
      push('customer', 'text', { content: vary(text) }, 'burst');
    }
    return t;
  };
  const ask = (q) => `${r.chance(0.35) ? r.pick(['请问', '想问下，', '问一下，', '还有，', '另外', '那', '再问个问题，', `${ctx.ac}，`]) : ''}${q}${r.pick(/[吗呢么]$/.test(q) ? ['？', '？', '?', ''] : ['？', '？', '?', '呢？', '啊？', ''])}`;
  const image = (by, gap) => push(by, 'image', { md5sum: r.hex(32), filesize: r.int(40_000, 2_500_000), sdkfileid: Buffer.from(r.hex(180), 'hex').toString('base64') }, gap);
  const need = (l) => {
    if (!truth.needs.includes(P.needTag[l])) truth.needs.push(P.needTag[l]);
  };
  /** Sentences joined as one message, with a full stop only where none ends the part. */
  const join = (...parts) => parts.filter(Boolean).reduce((a, b) => (/[。？！～]$/.test(a) ? a + b : `${a}。${b}`));
  let warmth = 0.45 + r.next() * 0.3;
  let alive = true;

  // Opening: the consent card, then whoever writes first.
  if (nth === 0 && r.chance(0.3)) push('customer', 'agree', {});
  if (nth > 0 && r.chance(0.6)) {
    A(pickT(P.agentReopeners));
    C(pickT(P.needStatements[line]), r.chance(0.5) ? 'later' : undefined);
  } else if (nth > 0) {
    C(pickT(P.customerReopeners));
    A(pickT(P.agentGreetBack));
  } else if (r.chance(0.55)) {
    A(pickT(P.agentOpeners));
    if (r.chance(0.25)) push('agent', 'weapp', { title: r.pick(activities), description: r.pick(['每天签到领积分，好礼兑不停', '点击参与，赢体检卡和出行礼包']), ...weapp }, 'burst');
    C(pickT(P.customerGreets), r.chance(0.4) ? 'later' : undefined);
    if (r.chance(0.5)) A(r.pick(['您最近是想了解哪方面的保障呢？', '有什么想了解的可以直接问我～', '您这边主要想给谁配置保障呢？']));
    C(pickT(P.needStatements[line]));
  } else {
    C(pickT(P.customerOpeners[line]));
    if (r.chance(0.4)) C(pickT(P.needStatements[line]));
    A(pickT(P.agentGreetBack));
  }
  need(line);

  // Need probing (a skilled agent asks more), or a product pushed at once.
  const topics = ['ageJob', 'family', 'existing', 'budget', ...(line === 'critical_illness' || line === 'life' ? ['income'] : [])];
  for (let i = topics.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [topics[i], topics[j]] = [topics[j], topics[i]];
  }
  const probing = r.next() < agent.skill ? r.int(2, 4) : r.int(0, 1);
  const answered = new Set();
  const answer = (topic) => {
    if (answered.has(topic)) return;
    answered.add(topic);
    if (topic === 'ageJob' && C(pickT(P.answers.age))) truth.profile.employment = ctx.employment;
    if (topic === 'family' && C(pickT(P.answers.family[ctx.familyStage]))) truth.profile.familyStage = ctx.familyStage;
    if (topic === 'budget' && C(pickT(P.answers.budget))) truth.profile.budget = ctx.budgetTag;
    if (topic === 'income') C(pickT(P.answers.income));
    if (topic === 'existing') {
      C(pickT(P.answers.existing[ctx.existing]));
      if (ctx.existing !== 'none' && r.chance(0.3)) image('customer', 'burst');
    }
  };
  for (const topic of topics.slice(0, probing)) {
    if (answered.has(topic)) continue;
    A(pickT(P.probes[topic]));
    answer(topic);
    if (r.chance(0.15)) answer(r.pick(topics)); // and tells a bit more unasked
  }
  if (probing < 2) {
    if (r.chance(0.6)) A(pickT(P.pushProduct));
    if (r.chance(0.5)) answer(r.pick(['family', 'ageJob']));
  } else warmth += 0.05;

  // A second need now and then.
  if (r.chance(0.22)) {
    const sec = r.pick(Object.keys(P.secondaryNeeds).filter((l) => l !== line));
    if (C(pickT(P.secondaryNeeds[sec]))) {
      need(sec);
      ctx.secLine = P.lineName[sec];
      A(pickT(P.ackSecondary));
    }
  }

  // Product questions, a report or policy photo, an article.
  const pool = P.questions[line].filter((q) => fits(q.q) && fits(q.a));
  for (let k = r.int(1, 3); k > 0 && pool.length; k--) {
    const q = pool.splice(r.int(0, pool.length - 1), 1)[0];
    if (!C(ask(fill(r, q.q, ctx)), k === 1 && r.chance(0.2) ? 'later' : undefined)) continue;
    A(fill(r, q.a, ctx));
    if (q.img && r.chance(0.7)) {
      ctx.img = q.img;
      image('customer');
      C(pickT(P.imageAsks), 'burst');
      A(pickT(P.imageReplies));
    } else if (r.chance(0.12)) image('agent', 'burst');
    warmth += 0.03;
  }
  if (r.chance(0.2)) {
    const title = r.pick(articles[line]);
    push('agent', 'link', { title, description: r.pick(['3分钟读懂', '北极星保险 · 保险知识']), link_url: `${host}/articles/${hash(title) % 1000}`, image_url: `${host}/static/articles/cover-${hash(title) % 20}.png` });
    A(pickT(P.articleIntros), 'burst');
  }

  // The coverage-gap assessment.
  const gapPool = line === 'critical_illness' || line === 'life' ? P.gapAssessments.protection : P.gapAssessments[line];
  if (gapPool && r.next() < (agent.skill > 0.55 ? 0.7 : 0.25) && A(pickT(gapPool), r.chance(0.3) ? 'later' : undefined)) warmth += 0.08;

  // Objections: some before the proposal, the price one often after it.
  const kinds = [];
  const weights = { ...objectionWeights[line] };
  for (let k = r.weighted([[0, 25], [1, 40], [2, 25], [3, 10]]); k > 0; k--) {
    const kind = r.weighted(Object.entries(weights));
    kinds.push(kind);
    weights[kind] = 0;
  }
  const after = kinds.filter((k) => r.chance(k === '价格' ? 0.6 : 0.3));
  const objection = (kind) => {
    if (!alive) return;
    truth.objections.push(kind);
    C(pickT(P.objections[kind]));
    const strong = r.next() < agent.skill;
    const s = P.strongReplies[kind];
    const text = strong ? join(pickT(s.empathy), pickT(s.fact), pickT(s.next)) : pickT(P.weakReplies[kind]);
    const turn = A(text);
    if (strong && kind === '信任' && r.chance(0.25)) image('agent', 'burst');
    const stays = r.next() < (strong ? 0.78 : 0.3);
    truth.objectionReplies.push({ objection: kind, quality: strong ? 'strong' : 'weak', engaged: stays, turn });
    if (stays) {
      C(pickT(P.engaged[kind]));
      if (kind === '已有保障' && r.chance(0.4)) image('customer', 'burst');
      warmth += strong ? 0.12 : 0.05;
    } else {
      if (r.chance(0.7)) C(pickT(P.disengaged));
      warmth -= 0.3;
      if (r.chance(0.5)) alive = false;
    }
  };
  for (const kind of kinds.filter((k) => !after.includes(k))) objection(kind);

  // The proposal.
  if (alive && r.next() < warmth + 0.15) {
    const gap = r.weighted([['reply', 4], ['later', 4], ['nextDay', 2]]);
    const link = { title: `${ctx.proposalFor}的${ctx.productName}计划书`, description: ctx.payYears ? `年缴${ctx.premium}元 · 交${ctx.payYears}年` : `保额${ctx.cover}万 · 年缴${ctx.premium}元`, link_url: `${host}/proposal/P${r.hex(10).toUpperCase()}`, image_url: `${host}/static/proposal-cover.png` };
    if (r.chance(0.6)) {
      A(pickT(P.proposalIntros), gap);
      push('agent', 'link', link, 'burst');
    } else {
      push('agent', 'link', link, gap);
      A(pickT(P.proposalIntros), 'burst');
    }
    truth.proposalShared = true;
    warmth += 0.1;
    if (ctx.payYears && r.chance(0.3)) {
      C(pickT(P.proposalQuestions));
      A(pickT(P.proposalFollowAnswers));
    } else C(pickT(P.proposalReactions));
  }
  for (const kind of after) objection(kind);

  // The close, a pending answer, or a drop-off with follow-ups.
  const followUps = () => {
    A(pickT(P.closings.followUp), r.chance(0.4) ? 'nextDay' : 'later');
    if (r.chance(0.25)) A(pickT(P.closings.followUp), 'nextDay');
    if (r.chance(0.35)) C(pickT(P.closings.lateNo));
  };
  if (!alive) followUps();
  else if (r.next() < Math.min(0.8, Math.max(0.02, warmth - 0.38)) * (truth.proposalShared ? 1 : 0.25)) {
    C(pickT(P.closings.agree), r.weighted([['reply', 40], ['later', 45], ['nextDay', 15]]));
    A(pickT(P.closings.link));
    push('agent', 'weapp', { title: `${ctx.productName} · 在线投保`, description: '点击进入，填写投保信息', ...weapp }, 'burst');
    C(pickT(P.closings.paid), 'soon');
    A(pickT(P.closings.thanks));
    truth.closed = true;
  } else if (r.chance(0.5)) {
    C(pickT(P.closings.pending));
    A(pickT(P.closings.pendingAck));
    if (r.chance(0.5)) followUps();
  } else followUps();
  return { turns, truth };
}

/** Times for the turns: human gaps (seconds in a burst, minutes for a reply, hours or days between sessions), nobody writes at night. */
function timeline(r, turns, from, to) {
  const span = (lo, hi) => Math.round(Math.exp(Math.log(lo) + r.next() * (Math.log(hi) - Math.log(lo))));
  const midnight = (t) => Math.floor((t + CN) / DAY) * DAY - CN;
  const days = Math.max(1, Math.ceil((to - midnight(from)) / DAY));
  let t = from;
  for (let tries = 0; tries < 20; tries++) {
    const hour = r.weighted([[[9, 12], 3], [[12, 14], 2], [[14, 18], 3], [[19, 23], 4]]);
    t = midnight(from) + r.int(0, days - 1) * DAY + r.int(hour[0] * 60, hour[1] * 60 - 1) * MINUTE + r.int(0, 59) * SECOND;
    if (t >= from && t < to - 6 * HOUR) break;
  }
  const times = [];
  for (const [i, turn] of turns.entries()) {
    if (i) {
      const g = turn.gap;
      if (g === 'burst') t += span(3, 45) * SECOND;
      else if (g === 'reply') {
        // Seconds: an agent answers within minutes mostly; a customer sometimes an hour or more later.
        const [lo, hi] = turn.by === 'agent' ? r.weighted([[[15, 300], 75], [[300, 2400], 20], [[2400, 7200], 5]]) : r.weighted([[[10, 180], 60], [[180, 1800], 30], [[1800, 10800], 10]]);
        t += span(lo, hi) * SECOND;
      }
      else if (g === 'soon') t += span(3, 30) * MINUTE;
      else if (g === 'later') t += span(20, 240) * MINUTE;
      // The next day (or the one after), unless the conversation already runs over two days: then hours later.
      else if (t - times[0] > 2 * DAY) t += span(20, 240) * MINUTE;
      else t = midnight(t) + (r.chance(0.2) ? 2 : 1) * DAY + r.int(8 * 60 + 30, 21 * 60) * MINUTE + r.int(0, 59) * SECOND;
      const hour = (t - midnight(t)) / HOUR;
      if (g !== 'burst' && (hour < 7.5 || hour >= 23.5)) t = midnight(t) + (hour >= 23.5 ? DAY : 0) + r.int(7 * 60 + 30, 10 * 60) * MINUTE + r.int(0, 59) * SECOND;
    }
    t += r.int(0, 999); // the archive keeps milliseconds
    times.push(t);
  }
  // Keep the conversation in its window: shift it back by whole days (or less), or squeeze it in when it is longer than the window.
  const last = times[times.length - 1];
  if (last >= to) {
    const days = Math.ceil((last - (to - 1)) / DAY) * DAY;
    if (times[0] - days >= from) return times.map((x) => x - days);
    const shift = last - (to - 1);
    if (times[0] - shift >= from) return times.map((x) => x - shift);
    const scale = (to - 1 - from) / Math.max(1, last - times[0]);
    let prev = -Infinity;
    return times.map((x) => (prev = Math.max(prev + 1, Math.floor(from + (x - times[0]) * scale))));
  }
  return times;
}

/** A turn as the archive's plaintext message. */
function message(turn, msgtime, agent, customer) {
  const from = turn.by === 'agent' ? agent : customer;
  const m = { msgid: turn.msgid, action: turn.msgtype === 'revoke' ? 'recall' : 'send', from, tolist: [from === agent ? customer : agent], roomid: '', msgtime, msgtype: turn.msgtype };
  if (turn.msgtype === 'agree') m.agree = { userid: customer, agree_time: msgtime };
  else if (turn.msgtype === 'revoke') m.revoke = { pre_msgid: turn.body.pre.msgid };
  else m[turn.msgtype] = turn.body;
  return m;
}

module.exports = {
  generateConversations,
  hasComplianceBreach: hasBreach,
  complianceBreachPhrases: P.complianceBreachPhrases,
  objectionKinds: P.objectionKinds,
  productLines: P.lines,
  needTags: P.needTag,
};
