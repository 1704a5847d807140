import type { LeadSourceKind, ScoreReason } from '@lodestar/shared';
import { productLineNames } from '../customers';

export interface FirstMessageFacts {
  customerName: string;
  productLine: string;
  /** The lead source's kind; an unknown kind reads as a plain segment. */
  sourceKind: string;
  /** The strongest reason of the score, when the lead is scored. */
  topReason?: ScoreReason | undefined;
  agentName: string | null;
}

/** What the customer did or is, as far as the message may speak of it: never a score, a grade or a tag. */
type Hook = 'quote' | 'proposal' | 'viewed' | 'activity' | 'need' | 'cover' | 'family';

const sourceKinds: readonly LeadSourceKind[] = ['orphan_policy', 'coverage_gap', 'engagement_jump', 'left_contact', 'segment', 'handoff'];
const isSourceKind = (k: string): k is LeadSourceKind => (sourceKinds as readonly string[]).includes(k);

/** Reasons are matched on the rule's id and name (admins rename rules; the default ids stay). */
const hookPatterns: ReadonlyArray<[Hook, RegExp]> = [
  ['quote', /calculator|quote|保费测算|测算|试算/i],
  ['proposal', /proposal|计划书|方案/i],
  ['activity', /activity|signup|报名|活动/i],
  ['viewed', /view|browse|浏览|查看|阅读/i],
  ['need', /need|需求/i],
  ['cover', /gap|cover|保额|缺口|没有/i],
  ['family', /family|child|家庭|幼儿|孩子|宝宝/i],
];

function hookOf(reason: ScoreReason | undefined): Hook | null {
  if (!reason || reason.points <= 0) return null;
  const text = `${reason.ruleId} ${reason.rule}`;
  for (const [hook, pattern] of hookPatterns) if (pattern.test(text)) return hook;
  return null;
}

/** One sentence the strongest reason adds, in the customer's terms. */
function hookSentence(hook: Hook, line: string): string {
  switch (hook) {
    case 'quote':
      return '您之前测算过保费，结果里如果有看不明白的地方，我可以一项一项给您解释清楚。';
    case 'proposal':
      return `我可以按您的情况做一份${line}计划书，把保障内容和关键条款给您讲明白。`;
    case 'activity':
      return '您报名的活动如果有任何问题，也可以随时问我。';
    case 'viewed':
      return `您看过的${line}产品，我可以把保障范围和适合的人群给您讲一讲。`;
    case 'need':
      return '您之前提到的保障方面的想法，我可以帮您一起规划。';
    case 'cover':
      return '我也可以帮您看看现有的保额够不够用，有没有需要补上的地方。';
    case 'family':
      return '家庭责任重的阶段，保障更要安排到位。';
  }
}

interface Draft {
  body: string;
  /** The hook the body already speaks of: the reason's sentence would repeat it. */
  covers: readonly Hook[];
  ask: string;
}

function draftFor(kind: LeadSourceKind, line: string): Draft {
  switch (kind) {
    case 'orphan_policy':
      return {
        body: `因为原来的服务人员工作调整，之后由我接手为您的${line}保单提供服务。您的保障一切照常，续期、理赔、信息变更都可以直接找我。`,
        covers: [],
        ask: '方便的时候，我帮您把保单从头梳理一遍，您看可以吗？',
      };
    case 'coverage_gap':
      return {
        body: `家里情况有变化的时候，往往也是重新看看保障的好时机。我可以免费帮您检视一下现有的${line}保障，看看还够不够用。`,
        covers: ['cover', 'family'],
        ask: '您看这几天什么时候方便，占用您十分钟就好？',
      };
    case 'engagement_jump':
      return {
        body: `留意到您最近在了解${line}相关的内容，不知道有没有哪里想进一步了解的？`,
        covers: ['viewed'],
        ask: '有什么想问的，随时跟我说就好。',
      };
    case 'left_contact':
      return {
        body: `收到您留下的联系方式，谢谢您的信任。想问问您对${line}最关心的是哪些方面？`,
        covers: [],
        ask: '我可以按您的情况详细介绍一下，您看什么时候方便？',
      };
    case 'segment':
      return {
        body: `最近不少客户在咨询${line}，如果您也感兴趣，我可以给您简单介绍一下，看看适不适合您和家人。`,
        covers: [],
        ask: '您看什么时候方便聊几分钟？',
      };
    case 'handoff':
      // A journey handed the customer over: they have been reading or doing something of the line lately.
      return {
        body: `接下来由我为您提供${line}方面的咨询服务，您最近关心的问题都可以直接问我。`,
        covers: [],
        ask: '您看什么时候方便，我给您详细讲一讲？',
      };
  }
}

/**
 * A natural first message for the agent to send a lead's customer (in Chinese), chosen by how the
 * lead was found and refined by the strongest reason of its score. It never speaks of scores,
 * grades, tags or the agent's tools: only of what the customer did or asked for.
 */
export function suggestFirstMessage(facts: FirstMessageFacts): string {
  const line = productLineNames[facts.productLine] ?? '保障';
  const name = facts.customerName.trim();
  const greeting = name ? `${name}您好，` : '您好，';
  const agent = facts.agentName?.trim();
  const kind: LeadSourceKind = isSourceKind(facts.sourceKind) ? facts.sourceKind : 'segment';
  const intro = kind === 'orphan_policy' ? (agent ? `我是${agent}，您的新服务顾问。` : '我是您的新服务顾问。') : agent ? `我是您的保险顾问${agent}。` : '我是您的保险顾问。';
  const draft = draftFor(kind, line);
  const hook = hookOf(facts.topReason);
  const extra = hook && !draft.covers.includes(hook) ? hookSentence(hook, line) : '';
  return `${greeting}${intro}${draft.body}${extra}${draft.ask}`;
}
