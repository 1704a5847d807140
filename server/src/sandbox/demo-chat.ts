import type { Customer, CustomerFollow, CustomerIdentity } from '../customers';
import type { StaffMember } from '../org';
import type { IdGenerator } from '../platform/ids';
import { HOUR_MS, MINUTE_MS, dayMinutes, daysAgo, demoCalendar, localAt } from './demo-time';
import { Prng } from './prng';

/** Rows of chat_message (chat/chat-message.entity.ts): archived 1:1 text messages. */
export interface DemoChatMessage {
  id: string;
  corpId: string;
  msgid: string;
  seq: number;
  action: 'send';
  msgType: 'text';
  fromId: string;
  senderKind: 'staff' | 'customer';
  staffId: string;
  customerId: string;
  roomId: null;
  tolist: string;
  content: string;
  body: string;
  media: null;
  recalled: boolean;
  mined: 'mined' | 'no_consent';
  sentAt: Date;
  archivedAt: Date;
}

/** Rows of chat_conversation: an agent and a customer's messages until 12 h of silence, with the sales-SOP key nodes reached. */
export interface DemoConversation {
  id: string;
  corpId: string;
  staffId: string;
  customerId: string;
  startedAt: Date;
  lastAt: Date;
  messages: number;
  productLine: string;
  nodes: string;
}

export interface DemoChat {
  conversations: DemoConversation[];
  messages: DemoChatMessage[];
}

export interface DemoChatInput {
  corpId: string;
  zone: string;
  staff: readonly StaffMember[];
  customers: readonly Customer[];
  identities: readonly CustomerIdentity[];
  follows: readonly CustomerFollow[];
  now: Date;
  ids: IdGenerator;
  seed: number;
}

/** The built-in sales SOP's key nodes, in order (playbook/default-sales-sops.ts): every line has these five. */
export const demoNodes: ReadonlyArray<{ key: string; name: string }> = [
  { key: 'needs_probing', name: '需求挖掘' },
  { key: 'coverage_gap', name: '保障缺口测评' },
  { key: 'proposal_presented', name: '方案呈现' },
  { key: 'objection_handled', name: '异议处理' },
  { key: 'closing', name: '促成投保' },
];

/** Conversations per customer with an agent in 90 days (a Poisson mean). */
const conversationsPerCustomer = 0.3;
/** How many of the five nodes a conversation got through: most reach three or four. */
const nodesReached: ReadonlyArray<readonly [number, number]> = [
  [0, 5],
  [1, 11],
  [2, 18],
  [3, 25],
  [4, 22],
  [5, 19],
];
const lineOfChat: ReadonlyArray<readonly [string, number]> = [
  ['critical_illness', 40],
  ['medical', 22],
  ['annuity', 14],
  ['accident', 12],
  ['life', 12],
];
const lineName: Record<string, string> = { critical_illness: '重疾险', medical: '百万医疗', annuity: '养老年金', accident: '意外险', life: '定期寿险' };

const openers = ['{name}您好，我是您的专属顾问，最近身体都还好吧？', '{name}您好～上次您问的{line}，我整理了一些资料', '{name}，您好！看到您在小程序里看了{line}，有什么想了解的吗？', '{name}早上好，本周末有场健康讲座，想邀请您参加'];
const replies = ['好的，谢谢', '嗯嗯，你说', '最近有点忙，晚点看', '好的，了解一下', '可以的'];
/** The agent's line that reaches each node (the SOP's cues), and what the customer says next. */
const nodeLines: Record<string, { staff: string[]; customer: string[] }> = {
  needs_probing: {
    staff: ['方便问一下家里几口人？孩子多大了？', '您今年多大年纪？有没有社保？', '之前有没有买过商业保险？预算大概多少？', '您家庭成员的情况方便说一下吗？有房贷吗？'],
    customer: ['两个孩子，一个上小学', '有社保，单位交的', '之前买过一份意外险', '房贷还有十几年'],
  },
  coverage_gap: {
    staff: ['我帮您做个保障缺口测评，看看现在的保额够不够', '按您的收入，重疾保额建议覆盖3-5年收入，我帮您测算一下', '我给您做了保障检视，缺口主要在重疾和寿险'],
    customer: ['好的，麻烦你了', '原来缺口这么大', '那大概需要多少保额？'],
  },
  proposal_presented: {
    staff: ['这份计划书发您了，您看一下保障和保费', '根据您的情况做了两版方案发您，您对比着看', '方案发您了，有问题随时问我'],
    customer: ['收到，我看看', '第二个方案看起来不错', '我和家里人商量一下'],
  },
  objection_handled: {
    staff: ['理解您的顾虑，这份保障折算下来每天不到一杯奶茶钱', '投保后有15天犹豫期，不满意可以全额退保', '单位的团险离职就失效了，个人的长期保障更稳妥'],
    customer: ['这样说也有道理', '那我再仔细看看条款', '明白了，谢谢解释'],
  },
  closing: {
    staff: ['投保链接发您了，填好健康告知就可以提交核保', '核保通过了，保单号稍后发您', '扫码投保就可以，有问题我随时帮您'],
    customer: ['好的，已经填好了', '收到，谢谢！', '付款完成了'],
  },
};
const objections = ['感觉有点贵', '保险理赔会不会很麻烦', '单位已经给买过保险了', '我再考虑考虑'];

/**
 * 1:1 WeCom chats between agents and their customers over the last 90 days (denser lately), as the
 * archive and conversation mining would have left them: messages already mined (or never mined when
 * the customer did not agree to archiving), grouped into conversations at least 12 h apart, each
 * marking the sales-SOP nodes its agent's messages reached, in order, with the message that reached
 * each. Nothing is sent after now.
 */
export function buildDemoChat(input: DemoChatInput): DemoChat {
  const rnd = new Prng(input.seed);
  const cal = demoCalendar(input.now, input.zone);
  const id = (): string => input.ids.next();
  const staff = new Map(input.staff.map((s) => [s.id, s]));
  const external = new Map(input.identities.filter((x) => x.kind === 'external_userid').map((x) => [x.customerId, x.value]));
  const follows = new Set(input.follows.filter((f) => f.status === 'active').map((f) => `${f.customerId}\u0000${f.staffId}`));
  const out: DemoChat = { conversations: [], messages: [] };
  for (const c of input.customers) {
    const agent = c.ownerStaffId ? staff.get(c.ownerStaffId) : undefined;
    const userId = external.get(c.id);
    if (!agent || agent.status !== 'active' || !userId || !follows.has(`${c.id}\u0000${agent.id}`)) continue;
    const starts = Array.from({ length: rnd.poisson(conversationsPerCustomer) }, () => localAt(cal, daysAgo(rnd), dayMinutes(rnd)))
      .filter((at) => at.getTime() >= c.createdAt.getTime())
      .sort((a, b) => a.getTime() - b.getTime());
    let lastEnd = 0;
    const line = rnd.weighted(lineOfChat);
    for (const start of starts) {
      // A conversation lasts until 12 h of silence: one closer than that to the last is the same one.
      if (start.getTime() < lastEnd + 12 * HOUR_MS) continue;
      const conv = conversation(c, agent, userId, line, start, rnd, id, input.corpId, input.now);
      if (!conv || conv.conversation.startedAt.getTime() < lastEnd + 12 * HOUR_MS) continue;
      lastEnd = conv.conversation.lastAt.getTime();
      out.conversations.push(conv.conversation);
      out.messages.push(...conv.messages);
    }
  }
  return out;
}

function conversation(c: Customer, agent: StaffMember, userId: string, line: string, start: Date, rnd: Prng, id: () => string, corpId: string, now: Date): { conversation: DemoConversation; messages: DemoChatMessage[] } | null {
  const fill = (s: string): string => s.replace('{name}', c.name).replace('{line}', lineName[line] ?? '保险');
  const script: Array<{ from: 'staff' | 'customer'; text: string; node?: string }> = [
    { from: 'staff', text: fill(rnd.pick(openers)) },
    { from: 'customer', text: rnd.pick(replies) },
  ];
  const reached = rnd.weighted(nodesReached);
  for (const node of demoNodes.slice(0, reached)) {
    const lines = nodeLines[node.key]!;
    if (node.key === 'objection_handled') script.push({ from: 'customer', text: rnd.pick(objections) });
    script.push({ from: 'staff', text: rnd.pick(lines.staff), node: node.key }, { from: 'customer', text: rnd.pick(lines.customer) });
  }
  // Minutes between messages; a conversation that would run past now started that much earlier.
  const gaps = script.map((_, i) => (i === 0 ? 0 : rnd.int(1, 25)));
  const length = gaps.reduce((a, b) => a + b, 0) * MINUTE_MS;
  const begin = Math.min(start.getTime(), now.getTime() - length - MINUTE_MS);
  if (begin < c.createdAt.getTime()) return null;
  let t = begin;
  const consent = c.archiveConsent;
  const messages: DemoChatMessage[] = [];
  const nodes: Array<{ key: string; name: string; at: string; messageId: string }> = [];
  script.forEach((m, i) => {
    t += gaps[i]! * MINUTE_MS;
    const mid = id();
    const staffSide = m.from === 'staff';
    messages.push({
      id: mid,
      corpId,
      msgid: `demo-${mid}`,
      seq: 0,
      action: 'send',
      msgType: 'text',
      fromId: staffSide ? agent.wecomUserId : userId,
      senderKind: m.from,
      staffId: agent.id,
      customerId: c.id,
      roomId: null,
      tolist: JSON.stringify([staffSide ? userId : agent.wecomUserId]),
      content: m.text,
      body: JSON.stringify({ content: m.text }),
      media: null,
      recalled: false,
      mined: consent ? 'mined' : 'no_consent',
      sentAt: new Date(t),
      archivedAt: new Date(Math.min(now.getTime(), t + rnd.int(1, 10) * MINUTE_MS)),
    });
    if (m.node) nodes.push({ key: m.node, name: demoNodes.find((n) => n.key === m.node)!.name, at: new Date(t).toISOString(), messageId: mid });
  });
  return {
    conversation: { id: id(), corpId, staffId: agent.id, customerId: c.id, startedAt: messages[0]!.sentAt, lastAt: messages[messages.length - 1]!.sentAt, messages: messages.length, productLine: line, nodes: JSON.stringify(nodes) },
    messages,
  };
}
