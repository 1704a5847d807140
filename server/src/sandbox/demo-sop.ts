import { sopPlanDefinitionSchema, type SopPlanDefinitionInput, type SopTaskStatus } from '@lodestar/shared';
import type { Customer, CustomerFollow, CustomerGroup, CustomerGroupMember, CustomerIdentity } from '../customers';
import type { StaffMember } from '../org';
import type { IdGenerator } from '../platform/ids';
import { calendarOccurrences, occurrenceKey, type SopPlanRow, type SopTaskRow } from '../sop';
import { DAY_MS, MINUTE_MS, earlier } from './demo-time';
import { Prng } from './prng';

export interface DemoSop {
  groups: CustomerGroup[];
  groupMembers: CustomerGroupMember[];
  plans: SopPlanRow[];
  tasks: SopTaskRow[];
}

export interface DemoSopInput {
  corpId: string;
  zone: string;
  staff: readonly StaffMember[];
  customers: readonly Customer[];
  identities: readonly CustomerIdentity[];
  follows: readonly CustomerFollow[];
  /** Who made the plan (an admin or team lead's staff id), if anyone. */
  createdBy: string | null;
  now: Date;
  ids: IdGenerator;
  seed: number;
}

export const demoSopPlanName = '社群日常运营SOP（演示）';
const groupThemes = ['重疾保障交流群', '健康生活分享群', '宝妈育儿保障群', '养老规划交流群', '车主出行保障群', '新客福利群'];
/** One group per this many customers (at least 6, at most one per agent). */
const customersPerGroup = 100;
const planDays = 92;

const definition: SopPlanDefinitionInput = {
  target: { kind: 'groups', all: true },
  steps: [
    { id: 'morning', name: '早安健康资讯', when: { kind: 'time', rule: { type: 'weekly', weekdays: [1, 3, 5], at: '08:30' } }, content: { text: '早上好！今日健康小贴士：久坐一小时起来活动5分钟，护腰又护颈。' }, mode: 'mass' },
    { id: 'tip', name: '保险小知识', when: { kind: 'time', rule: { type: 'weekly', weekdays: [2], at: '20:00' } }, content: { text: '保险小知识：重疾险是确诊即赔的一次性给付，医疗险按发票报销，两者搭配才完整。' }, mode: 'mass' },
    { id: 'event', name: '本周活动预告', when: { kind: 'time', rule: { type: 'weekly', weekdays: [4], at: '19:30' } }, content: { text: '本周末线下健康讲座开放报名，名额有限，点击小程序报名～' }, mode: 'mass' },
  ],
  reminders: { afterHours: 2, maxPerDay: 3 },
  escalateAfterHours: 24,
};

/** How the owner's tasks ended: mostly confirmed in time; some groups refused; some missed their window. */
const outcomes: ReadonlyArray<readonly [Extract<SopTaskStatus, 'sent' | 'failed' | 'skipped'>, number]> = [
  ['sent', 85],
  ['failed', 5],
  ['skipped', 10],
];

/**
 * Agents' customer groups (synced from WeCom earlier: members are the owner's own customers) and a
 * group SOP that ran in every group for the last three months, now paused: its tasks up to now,
 * most sent, some failed or missed. Paused, so the runner makes no new tasks for groups the sandbox's
 * fake WeCom does not know. Task keys are the runner's (plan, group, occurrence).
 */
export function buildDemoSop(input: DemoSopInput): DemoSop {
  const rnd = new Prng(input.seed);
  const id = (): string => input.ids.next();
  const agents = input.staff.filter((s) => s.role === 'agent' && s.status === 'active');
  const out: DemoSop = { groups: [], groupMembers: [], plans: [], tasks: [] };
  if (!agents.length) return out;
  const external = new Map(input.identities.filter((x) => x.kind === 'external_userid').map((x) => [x.customerId, x.value]));
  const followed = new Set(input.follows.filter((f) => f.status === 'active').map((f) => `${f.customerId}\u0000${f.staffId}`));
  const byOwner = new Map<string, Customer[]>();
  for (const c of input.customers) {
    if (!c.ownerStaffId) continue;
    const mine = byOwner.get(c.ownerStaffId) ?? [];
    mine.push(c);
    byOwner.set(c.ownerStaffId, mine);
  }
  const count = Math.min(agents.length, Math.max(6, Math.round(input.customers.length / customersPerGroup)));
  for (let g = 0; g < count; g++) {
    const owner = agents[g]!;
    const createdAt = new Date(input.now.getTime() - rnd.int(planDays + 10, 400) * DAY_MS);
    const group: CustomerGroup = {
      id: id(),
      corpId: input.corpId,
      chatId: `wrSandboxGroup${String(g + 1).padStart(4, '0')}`,
      name: `${groupThemes[g % groupThemes.length]}（${owner.name}）`,
      ownerStaffId: owner.id,
      ownerUserId: owner.wecomUserId,
      notice: '欢迎加入！群内每周分享健康与保障知识，有问题随时@群主。',
      tags: null,
      status: 'active',
      memberCount: 0,
      customerCount: 0,
      createdAt,
      dismissedAt: null,
      syncedAt: input.now,
    };
    const member = (memberId: string, kind: 'customer' | 'staff', customerId: string | null, name: string, joinedAt: Date, scene: number): CustomerGroupMember => ({
      id: id(),
      corpId: input.corpId,
      groupId: group.id,
      memberId,
      kind,
      customerId,
      name,
      joinScene: scene,
      invitorUserId: scene === 1 && kind === 'customer' ? owner.wecomUserId : null,
      status: 'in',
      joinedAt,
      leftAt: null,
    });
    const members = [member(owner.wecomUserId, 'staff', null, owner.name, createdAt, 1)];
    for (const c of byOwner.get(owner.id) ?? []) {
      const userId = external.get(c.id);
      if (!userId || !followed.has(`${c.id}\u0000${owner.id}`) || !rnd.chance(0.6)) continue;
      const from = Math.max(createdAt.getTime(), c.createdAt.getTime());
      members.push(member(userId, 'customer', c.id, c.name, new Date(from + Math.floor(rnd.next() * (input.now.getTime() - from))), rnd.chance(0.7) ? 1 : 3));
    }
    group.memberCount = members.length;
    group.customerCount = members.length - 1;
    out.groups.push(group);
    out.groupMembers.push(...members);
  }

  const publishedAt = new Date(input.now.getTime() - planDays * DAY_MS);
  const def = sopPlanDefinitionSchema.parse(definition);
  const plan: SopPlanRow = {
    id: id(),
    corpId: input.corpId,
    name: demoSopPlanName,
    description: '所有客户群：每周一三五早安资讯、周二保险小知识、周四活动预告。群主在企业微信确认群发。',
    status: 'paused',
    definition: def,
    version: 1,
    publishedAt,
    plannedTo: input.now,
    createdBy: input.createdBy,
    createdAt: new Date(publishedAt.getTime() - DAY_MS),
    updatedAt: input.now,
  };
  out.plans.push(plan);
  const ownerOf = new Map(agents.map((a) => [a.id, a]));
  for (const group of out.groups) {
    const owner = ownerOf.get(group.ownerStaffId!)!;
    for (const step of def.steps) {
      if (step.when.kind !== 'time' || step.when.rule.type !== 'weekly') continue;
      for (const dueAt of calendarOccurrences(step.when.rule, new Date(Math.max(publishedAt.getTime(), group.createdAt.getTime())), input.now, input.zone)) {
        const status = rnd.weighted(outcomes);
        const done = status === 'sent';
        const sentAt = done ? earlier(new Date(dueAt.getTime() + rnd.int(3, 180) * MINUTE_MS), input.now) : null;
        out.tasks.push({
          id: id(),
          corpId: input.corpId,
          planId: plan.id,
          planVersion: 1,
          stepId: step.id,
          occurrence: occurrenceKey(step.id, dueAt),
          mode: step.mode,
          targetKind: 'groups',
          targetId: group.id,
          wecomTarget: group.chatId,
          ownerStaffId: owner.id,
          ownerUserId: owner.wecomUserId,
          dueAt,
          status,
          reason: status === 'failed' ? 'the recipient was not reachable (not a friend any more, or over the monthly limit)' : status === 'skipped' ? 'missed window' : null,
          content: step.content,
          wecomMsgId: status === 'skipped' ? null : `msgSandboxDemo${group.chatId.slice(-4)}${dueAt.getTime().toString(36)}`,
          claim: null,
          remindedAt: null,
          escalatedAt: null,
          sentAt,
          resultSent: done ? 1 : status === 'failed' ? 0 : null,
          resultUnsent: done ? 0 : null,
          resultFailed: status === 'failed' ? 1 : done ? 0 : null,
          createdAt: dueAt,
          updatedAt: sentAt ?? dueAt,
        });
      }
    }
  }
  return out;
}
