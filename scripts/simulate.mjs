#!/usr/bin/env node
// npm run simulate -- [--url http://127.0.0.1:3000] [--seed 7]
//                      [--events 300] [--rate 20]
//                      [--tracking 600] [--malformed 0.02] [--resend 0.03] [--days 7] [--demo-customers 3000] [--project default]
//                      [--chats 40]
//
// Plays realistic activity against a running sandbox server, the same story for the same seed.
//
// WeCom (--events, 0 to skip, at --rate a second): customers added (some through channel codes),
// remarks edited, customers deleting agents, archive consent, groups created, joined and left, corp
// tags created. Each step changes the sandbox's fake WeCom tenant and delivers the encrypted, signed
// callback to the server, exactly as WeCom would.
//
// Tracking (--tracking events, 0 to skip): people using the insurer's H5 site, mini-program and
// Android app over the last --days days, as the Sensors SDKs report them: demo customers (d-000001 …
// up to --demo-customers) browsing critical-illness products and the premium calculator, parents
// looking at education plans, retirees checking in daily in the mini-program, activity seekers,
// sharers, anonymous visitors of whom some log in, profile_set with city and occupation. They are
// posted to /sa?project=<--project> as the SDKs flush them (a session a post, up to 50 records, gzip), four at a time; a
// --malformed share of records is broken on purpose (bad event name, unknown type, no identity, bad
// time, not an object, no event name, bad properties) and a --resend share of batches is sent twice,
// as an SDK retries. Ends with what the server stored, refused (per reason) and merged.
//
// Chats (--chats conversations, 0 to skip): insurance sales chats in Chinese between the sandbox's
// agents and its customers that have a WeCom external_userid, over the last --days days: openers,
// need probing, the customer's family, job, budget and cover, product questions, objections (价格,
// 信任, 已有保障, 再考虑) answered well or badly, proposals (计划书), purchases and drop-offs, a few
// compliance breaches (保本, 稳赚 …), with images, links, mini-program cards, recalls and consents.
// They go to the sandbox chat archive (POST /api/sandbox/archive, up to 500 messages a post, in
// time order) as the archive SDK would return them decrypted; ends with what was appended and, when
// the server has it, the archive status (what it mined).
import cliProgress from 'cli-progress';
import { Api, parseArgs } from './lib/api.mjs';
import chatConversations from './lib/chat-conversations.cjs';
import sensorsEvents from './lib/sensors-events.cjs';

const { generateSensorsTraffic, isMalformedRecord, retryOf, sensorsForm } = sensorsEvents;
const { generateConversations } = chatConversations;
const opts = parseArgs(process.argv.slice(2), {
  url: process.env.LODESTAR_URL ?? 'http://127.0.0.1:3000',
  events: 300,
  rate: 20,
  seed: 7,
  tracking: 600,
  malformed: 0.02,
  resend: 0.03,
  days: 7,
  demoCustomers: 3000,
  project: 'default',
  chats: 40,
});

// A small seeded generator, so the same seed plays the same story.
let state = opts.seed >>> 0 || 1;
const rand = () => ((state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
const pick = (list) => list[Math.floor(rand() * list.length)];
const weighted = (pairs) => {
  let r = rand() * pairs.reduce((s, [, w]) => s + w, 0);
  for (const [v, w] of pairs) if ((r -= w) < 0) return v;
  return pairs[0][0];
};
const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高'.split('');
const given = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华'.split('');
const personName = () => pick(surnames) + pick(given) + (rand() < 0.6 ? pick(given) : '');
const needs = ['重疾', '医疗', '意外', '养老', '教育金', '寿险'];
const groupNames = ['上海重疾客户群', '北京宝妈保障交流群', '深圳年金规划群', '广州健康讲座群', '杭州老客户福利群', '成都保单体检群'];

const api = new Api(opts.url);
const info = await api.call('GET', '/api/sandbox/info').catch((error) => {
  console.error(error.message.includes('404') ? 'This server is not in sandbox mode: simulate only works against the sandbox.' : error.message);
  process.exit(1);
});
await api.login('admin', 'lodestar-demo').catch(() => undefined);
const codes = api.token ? ((await api.call('GET', '/api/channel-codes').catch(() => ({ items: [] }))).items ?? []).map((c) => c.state) : [];
const agents = info.agentUserIds.filter((u) => u.startsWith('agent'));
const added = []; // { userId, externalUserId }
const groups = []; // { chatId, owner, members: Set }
const counts = {};
const failures = [];

const steps = {
  contact_added: async () => {
    const userId = pick(agents);
    const name = personName();
    const body = { type: 'contact_added', userId, name, gender: rand() < 0.5 ? 'female' : 'male', remark: `${name}-${pick(needs)}咨询` };
    if (codes.length && rand() < 0.4) body.state = pick(codes);
    const res = await api.call('POST', '/api/sandbox/wecom/simulate', body);
    added.push({ userId, externalUserId: res.externalUserId });
  },
  contact_edited: async () => {
    const c = pick(added);
    await api.call('POST', '/api/sandbox/wecom/simulate', { type: 'contact_edited', userId: c.userId, externalUserId: c.externalUserId, remark: `${personName()}-${pick(needs)}已报价`, description: pick(['预算年缴1万', '孩子刚上小学', '父母60岁想了解医疗险', '对比了三家公司']) });
  },
  archive_approved: async () => {
    const c = pick(added);
    await api.call('POST', '/api/sandbox/wecom/simulate', { type: 'archive_approved', userId: c.userId, externalUserId: c.externalUserId });
  },
  contact_deleted_by_customer: async () => {
    const c = added.splice(Math.floor(rand() * added.length), 1)[0];
    await api.call('POST', '/api/sandbox/wecom/simulate', { type: 'contact_deleted_by_customer', userId: c.userId, externalUserId: c.externalUserId });
  },
  contact_deleted_by_agent: async () => {
    const c = added.splice(Math.floor(rand() * added.length), 1)[0];
    await api.call('POST', '/api/sandbox/wecom/simulate', { type: 'contact_deleted_by_agent', userId: c.userId, externalUserId: c.externalUserId });
  },
  group_created: async () => {
    const owner = pick(agents);
    const mine = added.filter((c) => c.userId === owner).map((c) => c.externalUserId).slice(0, 8);
    const res = await api.call('POST', '/api/sandbox/wecom/simulate', { type: 'group_created', ownerUserId: owner, name: pick(groupNames), externalUserIds: mine });
    groups.push({ chatId: res.chatId, members: new Set(mine) });
  },
  group_members_joined: async () => {
    const g = pick(groups);
    const fresh = added.map((c) => c.externalUserId).filter((e) => !g.members.has(e)).slice(0, 1 + Math.floor(rand() * 3));
    if (!fresh.length) return;
    await api.call('POST', '/api/sandbox/wecom/simulate', { type: 'group_members_joined', chatId: g.chatId, externalUserIds: fresh, joinScene: rand() < 0.6 ? 3 : 0 });
    for (const e of fresh) g.members.add(e);
  },
  group_members_quit: async () => {
    const g = pick(groups);
    const leaving = [...g.members].slice(0, 1);
    if (!leaving.length) return;
    await api.call('POST', '/api/sandbox/wecom/simulate', { type: 'group_members_quit', chatId: g.chatId, externalUserIds: leaving, quitScene: rand() < 0.8 ? 0 : 1 });
    g.members.delete(leaving[0]);
  },
  corp_tag_created: async () => {
    await api.call('POST', '/api/sandbox/wecom/simulate', { type: 'corp_tag_created', groupName: '客户等级', tagName: `${pick(['金卡', '银卡', '铂金', '钻石'])}${Math.floor(rand() * 100)}` });
  },
};

const next = () => {
  if (added.length < 5) return 'contact_added';
  return weighted([
    ['contact_added', 40],
    ['contact_edited', 18],
    ['archive_approved', 8],
    ['contact_deleted_by_customer', 5],
    ['contact_deleted_by_agent', 2],
    ['group_created', groups.length < 3 ? 12 : 3],
    ['group_members_joined', groups.length ? 12 : 0],
    ['group_members_quit', groups.length ? 5 : 0],
    ['corp_tag_created', 1],
  ]);
};

if (opts.events > 0) {
  const bar = new cliProgress.SingleBar({ format: 'Simulating WeCom [{bar}] {value}/{total} events | {last}', hideCursor: true }, cliProgress.Presets.shades_classic);
  bar.start(opts.events, 0, { last: '' });
  const started = Date.now();
  for (let i = 0; i < opts.events; i++) {
    const type = next();
    try {
      await steps[type]();
      counts[type] = (counts[type] ?? 0) + 1;
    } catch (error) {
      failures.push(`${type}: ${error.message}`);
    }
    bar.update(i + 1, { last: type });
    const due = started + ((i + 1) * 1000) / opts.rate;
    if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
  }
  bar.stop();
  console.log(`\n${opts.events} events in ${((Date.now() - started) / 1000).toFixed(1)} s:`);
  console.table(counts);
}

if (opts.tracking > 0) await simulateTracking();
if (opts.chats > 0) await simulateChats();

if (api.token) {
  const customers = await api.call('GET', '/api/customers?limit=1');
  const groupList = await api.call('GET', '/api/groups?limit=1');
  console.log(`The server now knows ${customers.total} customers and ${groupList.total} groups.`);
}
if (failures.length) {
  console.error(`${failures.length} steps failed, the first: ${failures[0]}`);
  process.exit(1);
}

/** Posts one Sensors batch the way the SDKs do; a 503 is retried after its Retry-After. */
async function postSensors(records) {
  for (let attempt = 1; ; attempt++) {
    let res;
    try {
      res = await fetch(`${api.base}/sa?project=${encodeURIComponent(opts.project)}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: sensorsForm(records) });
    } catch (error) {
      throw new Error(`cannot reach ${api.base} (${error.cause?.code ?? error.message})`, { cause: error });
    }
    const text = await res.text();
    if (res.status === 503 && attempt < 10) {
      await new Promise((r) => setTimeout(r, Number(res.headers.get('retry-after') ?? 1) * 1000));
      continue;
    }
    if (!res.ok) throw new Error(`POST /sa answered ${res.status}: ${text.slice(0, 200)}`);
    return { answer: JSON.parse(text), busy: attempt - 1 };
  }
}

async function simulateTracking() {
  const traffic = generateSensorsTraffic({ events: opts.tracking, seed: opts.seed, now: Date.now(), days: opts.days, demoCustomers: opts.demoCustomers, malformed: opts.malformed });
  // Every so many batches one goes twice, as an SDK sends a batch again when the answer was lost.
  const every = opts.resend > 0 ? Math.max(1, Math.round(1 / opts.resend)) : Infinity;
  const posts = [];
  traffic.batches.forEach((b, i) => {
    posts.push({ batch: b, records: b.records });
    if ((i + opts.seed) % every === 0) posts.push({ batch: b, records: retryOf(b.records, b.flushTime + 15_000), resent: true });
  });
  const total = posts.reduce((n, p) => n + p.records.length, 0);
  const before = api.token ? await api.call('GET', '/api/tracking/stats').catch(() => null) : null;
  const sums = { received: 0, stored: 0, duplicates: 0, rejected: 0, busy: 0 };
  const libs = { js: 'H5', mp: 'MiniProgram', android: 'Android' };
  const bar = new cliProgress.SingleBar({ format: 'Simulating tracking [{bar}] {value}/{total} events | {last}', hideCursor: true }, cliProgress.Presets.shades_classic);
  bar.start(total, 0, { last: '' });
  const started = Date.now();
  let sent = 0;
  let nextPost = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (nextPost < posts.length) {
        const p = posts[nextPost++];
        try {
          const { answer, busy } = await postSensors(p.records);
          for (const k of ['received', 'stored', 'duplicates', 'rejected']) sums[k] += answer[k];
          sums.busy += busy;
        } catch (error) {
          failures.push(`tracking: ${error.message}`);
        }
        sent += p.records.length;
        bar.update(sent, { last: `${libs[p.batch.lib]} ${p.batch.device.slice(0, 20)}: ${p.records.length} records${p.resent ? ' (sent again)' : ''}` });
      }
    }),
  );
  bar.stop();
  const seconds = (Date.now() - started) / 1000;
  const people = traffic.people;
  console.log(`\n${total} tracking records in ${posts.length} posts in ${seconds.toFixed(1)} s (${Math.round(total / seconds)} records/s):`);
  console.log(`  stored ${sums.stored}, duplicates ${sums.duplicates}, rejected ${sums.rejected}${sums.busy ? `, ${sums.busy} busy answers retried` : ''}`);
  console.log(
    `  people: ${people.demoCustomers} demo customers and ${people.visitors} anonymous visitors (${people.signups} logged in), ${Object.keys(traffic.byDistinctId).length} distinct ids, ${people.profiles} profile updates`,
  );
  console.table(Object.fromEntries(Object.entries(people.personas).map(([k, v]) => [k, { people: v }])));
  const goodNames = {};
  for (const b of traffic.batches) for (const r of b.records) if (!isMalformedRecord(r)) goodNames[r.event ?? r.type] = (goodNames[r.event ?? r.type] ?? 0) + 1;
  console.table(Object.fromEntries(Object.entries(goodNames).sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, { records: v }])));
  if (before) {
    const after = await api.call('GET', '/api/tracking/stats');
    const grew = (a, b) => Object.fromEntries(Object.keys({ ...a, ...b }).map((k) => [k, (b[k] ?? 0) - (a[k] ?? 0)]).filter(([, v]) => v));
    console.log(`The server's tracking stats moved by: ${after.events.stored - before.events.stored} events stored, ${after.merges - before.merges} customers merged, refused per reason:`);
    console.table(Object.fromEntries(Object.entries(grew(before.rejected.byReason, after.rejected.byReason)).map(([k, v]) => [k, { refused: v }])));
  }
}

/** Generates --chats conversations between the sandbox's agents and customers and appends them to the sandbox chat archive. */
async function simulateChats() {
  if (!api.token) {
    failures.push('chats: cannot log in as admin, so the customers to chat with are unknown');
    return;
  }
  const agentIds = info.agentUserIds ?? [];
  const list = await api.call('GET', '/api/customers?limit=200');
  const customers = list.items.map((c) => c.externalUserId).filter(Boolean);
  if (!agentIds.length || !customers.length) {
    console.log(`\nNo chats: the sandbox has ${agentIds.length} agents and ${customers.length} customers with a WeCom id (add some with --events).`);
    return;
  }
  const now = Date.now();
  const conversations = generateConversations({ seed: opts.seed, conversations: opts.chats, agents: agentIds, customers, start: now - opts.days * 86_400_000, spanDays: opts.days });
  // All in time order, so each customer's messages reach the archive (and get their seq) in the order they were sent.
  const messages = conversations.flatMap((c) => c.messages).sort((a, b) => a.msgtime - b.msgtime);
  const bar = new cliProgress.SingleBar({ format: 'Simulating chats [{bar}] {value}/{total} messages | {last}', hideCursor: true }, cliProgress.Presets.shades_classic);
  bar.start(messages.length, 0, { last: '' });
  const started = Date.now();
  const sums = { appended: 0, firstSeq: null, lastSeq: null };
  for (let i = 0; i < messages.length; i += 500) {
    const part = messages.slice(i, i + 500);
    try {
      const res = await api.call('POST', '/api/sandbox/archive', { messages: part });
      sums.appended += res.appended;
      sums.firstSeq ??= res.firstSeq;
      sums.lastSeq = res.lastSeq ?? sums.lastSeq;
    } catch (error) {
      failures.push(`chats: ${error.message}`);
      if (error.message.includes(' 404')) break; // no sandbox archive on this server: the rest would fail alike
    }
    bar.update(i + part.length, { last: `seq ${sums.firstSeq ?? '-'}…${sums.lastSeq ?? '-'}` });
  }
  bar.stop();
  const count = (values) => Object.fromEntries(Object.entries(values.reduce((m, v) => ({ ...m, [v]: (m[v] ?? 0) + 1 }), {})).sort((a, b) => b[1] - a[1]));
  const truths = conversations.map((c) => c.truth);
  console.log(`\n${conversations.length} conversations, ${messages.length} messages in ${((Date.now() - started) / 1000).toFixed(1)} s: appended ${sums.appended}${sums.firstSeq !== null ? ` (seq ${sums.firstSeq}–${sums.lastSeq})` : ''}`);
  console.log(`  between ${new Set(conversations.map((c) => c.agent)).size} agents and ${new Set(conversations.map((c) => c.customer)).size} customers; message types:`, count(messages.map((m) => m.msgtype)));
  console.log(
    `  what the chats hold: ${truths.filter((t) => t.proposalShared).length} proposals shared, ${truths.filter((t) => t.closed).length} purchases, ${truths.reduce((n, t) => n + t.complianceBreaches, 0)} compliance breaches, ${truths.reduce((n, t) => n + t.objections.length, 0)} objections answered (${truths.flatMap((t) => t.objectionReplies).filter((r) => r.quality === 'strong').length} strongly)`,
  );
  console.table(Object.fromEntries(Object.entries(count(conversations.map((c) => c.productLine))).map(([k, v]) => [k, { conversations: v }])));
  console.table(Object.fromEntries(Object.entries(count(truths.flatMap((t) => [...t.needs.map((n) => `need ${n}`), ...t.objections.map((o) => `objection ${o}`)]))).map(([k, v]) => [k, { conversations: v }])));
  try {
    const status = await api.call('GET', '/api/chat/archive/status');
    console.log('The server\'s chat archive status:', JSON.stringify(status, null, 2));
  } catch (error) {
    if (!error.message.includes(' 404')) console.error(`GET /api/chat/archive/status failed: ${error.message}`);
  }
}
