import {
  journeyDefinitionSchema,
  stepEdges,
  validateJourney,
  type JourneyDefinition,
  type JourneyIssue,
  type JourneyStep,
  type JourneyStepType,
  type JourneyTrigger,
} from '@lodestar/shared';

/**
 * The canvas's model and its pure operations: a journey definition whose edges may still be empty
 * ('' = not connected yet), default steps for the palette, connecting and disconnecting edges,
 * a first layout, and validation (unconnected outputs, the shared zod schema, the shared graph checks).
 */

export interface Draft {
  trigger: JourneyTrigger;
  reentry: JourneyDefinition['reentry'];
  entry: string;
  steps: JourneyStep[];
  goal?: JourneyDefinition['goal'];
  exit?: JourneyDefinition['exit'];
  rateLimitPerMinute?: number;
}

export const TRIGGER_ID = '__trigger';

export const stepMeta: Record<JourneyStepType, { label: string; icon: string; color: string }> = {
  send: { label: '发送消息', icon: '发', color: '#0052d9' },
  wait: { label: '等待', icon: '等', color: '#8b8b8b' },
  wait_until: { label: '等到时间', icon: '时', color: '#8b8b8b' },
  wait_event: { label: '等待事件', icon: '候', color: '#7a5af8' },
  branch: { label: '条件分支', icon: '条', color: '#e37318' },
  branch_event: { label: '行为分支', icon: '行', color: '#e37318' },
  split: { label: '随机分流', icon: '分', color: '#e37318' },
  holdout: { label: '对照组', icon: '照', color: '#6b7280' },
  tag: { label: '打标签', icon: '标', color: '#2ba471' },
  set_stage: { label: '设置阶段', icon: '阶', color: '#2ba471' },
  handoff: { label: '转交顾问', icon: '转', color: '#d54941' },
  notify_agent: { label: '通知顾问', icon: '知', color: '#d54941' },
  agent_task: { label: '顾问任务', icon: '务', color: '#d54941' },
  exit: { label: '结束', icon: '终', color: '#1d2129' },
};

export const paletteOrder: JourneyStepType[] = ['send', 'wait', 'wait_until', 'wait_event', 'branch_event', 'branch', 'split', 'holdout', 'tag', 'set_stage', 'handoff', 'notify_agent', 'agent_task', 'exit'];

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** A new step of a type, its outputs not connected yet. */
export function defaultStep(type: JourneyStepType, id: string): JourneyStep {
  const name = stepMeta[type].label;
  switch (type) {
    case 'send':
      return { id, name, type, message: { channel: 'wecom_task', text: '{{name}}您好，我是您的保险顾问，最近整理了一份适合您的保障建议，方便时聊聊？' }, next: '' };
    case 'wait':
      return { id, name, type, durationMs: DAY, next: '' };
    case 'wait_until':
      return { id, name, type, time: '09:00', next: '' };
    case 'wait_event':
      return { id, name, type, event: 'mp_open', timeoutMs: 3 * DAY, next: '', timeoutNext: '' };
    case 'branch':
      return { id, name, type, branches: [{ name: 'A/B 级', when: { type: 'grade', grades: ['A', 'B'] }, next: '' }], otherwise: '' };
    case 'branch_event':
      return { id, name, type, event: 'view_product', withinMs: 7 * DAY, minCount: 1, yes: '', no: '' };
    case 'split':
      return { id, name, type, paths: [{ name: 'A', percent: 50, next: '' }, { name: 'B', percent: 50, next: '' }] };
    case 'holdout':
      return { id, name, type, percent: 10, next: '' };
    case 'tag':
      return { id, name, type, add: ['旅程触达'], remove: [], next: '' };
    case 'set_stage':
      return { id, name, type, stage: 'online_interaction', next: '' };
    case 'handoff':
      return { id, name, type, productLine: 'critical_illness', reason: '客户表现出购买意向', next: '' };
    case 'notify_agent':
      return { id, name, type, title: '客户动态', body: '{{name}} 刚刚打开了消息，适合现在跟进', next: '' };
    case 'agent_task':
      return { id, name, type, kind: 'call', title: '电话回访', dueInMs: 24 * HOUR, next: '' };
    case 'exit':
      return { id, name, type };
    default: {
      const never: never = type;
      throw new Error(`unknown step type ${String(never)}`);
    }
  }
}

/** A fresh id for a new step of a type. */
export function nextId(type: JourneyStepType, steps: JourneyStep[]): string {
  const ids = new Set(steps.map((s) => s.id));
  for (let n = 1; ; n++) if (!ids.has(`${type}_${n}`)) return `${type}_${n}`;
}

function setAt(obj: unknown, path: Array<string | number>, value: string): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...Array<string | number>];
  if (Array.isArray(obj)) return obj.map((x, i) => (i === head ? setAt(x, rest, value) : x));
  const o = obj as Record<string, unknown>;
  return { ...o, [head]: setAt(o[head], rest, value) };
}

/** Points a step's output (by its index in stepEdges) at another step ('' disconnects it). */
export function connect(step: JourneyStep, outputIndex: number, to: string): JourneyStep {
  const edge = stepEdges(step)[outputIndex];
  if (!edge) return step;
  return setAt(step, edge.field, to) as JourneyStep;
}

/** Removes steps and disconnects every output and the entry that pointed at them. */
export function removeSteps(d: Draft, ids: Set<string>): Draft {
  const steps = d.steps
    .filter((s) => !ids.has(s.id))
    .map((s) => stepEdges(s).reduce((acc, e, i) => (ids.has(e.to) ? connect(acc, i, '') : acc), s));
  return { ...d, steps, entry: ids.has(d.entry) ? '' : d.entry };
}

/** Top-to-bottom layers from the entry (breadth first); steps not reached go in a last row. */
export function autoLayout(d: Draft): Record<string, { x: number; y: number }> {
  const byId = new Map(d.steps.map((s) => [s.id, s]));
  const depth = new Map<string, number>();
  const queue: string[] = [];
  if (byId.has(d.entry)) {
    depth.set(d.entry, 1);
    queue.push(d.entry);
  }
  while (queue.length) {
    const id = queue.shift()!;
    for (const e of stepEdges(byId.get(id)!)) {
      if (byId.has(e.to) && !depth.has(e.to)) {
        depth.set(e.to, depth.get(id)! + 1);
        queue.push(e.to);
      }
    }
  }
  const maxDepth = Math.max(0, ...depth.values());
  for (const s of d.steps) if (!depth.has(s.id)) depth.set(s.id, maxDepth + 1);
  const rows = new Map<number, string[]>();
  for (const s of d.steps) rows.set(depth.get(s.id)!, [...(rows.get(depth.get(s.id)!) ?? []), s.id]);
  const out: Record<string, { x: number; y: number }> = { [TRIGGER_ID]: { x: 30, y: 0 } };
  for (const [row, ids] of rows) ids.forEach((id, i) => (out[id] = { x: (i - (ids.length - 1) / 2) * 250, y: row * 150 }));
  return out;
}

/** The definition the server takes (edges must be connected by now). */
export function toDefinition(d: Draft): unknown {
  return { trigger: d.trigger, reentry: d.reentry, entry: d.entry, steps: d.steps, ...(d.goal ? { goal: d.goal } : {}), ...(d.exit ? { exit: d.exit } : {}), ...(d.rateLimitPerMinute ? { rateLimitPerMinute: d.rateLimitPerMinute } : {}) };
}

/** Every problem, in the words operations staff read: unconnected outputs first, then the schema, then the graph. */
export function validateDraft(d: Draft): { issues: JourneyIssue[]; definition: JourneyDefinition | null } {
  const issues: JourneyIssue[] = [];
  if (d.steps.length === 0) issues.push({ path: ['steps'], stepId: null, message: '画布上还没有步骤：从左侧添加' });
  if (!d.entry && d.steps.length > 0) issues.push({ path: ['entry'], stepId: null, message: '触发器还没有连到第一个步骤' });
  d.steps.forEach((s, i) => {
    const edges = stepEdges(s);
    edges.forEach((e) => {
      if (!e.to) issues.push({ path: ['steps', i, ...e.field], stepId: s.id, message: `「${s.name ?? s.id}」的${edges.length > 1 ? `「${e.label}」` : ''}出口还没有连接` });
    });
  });
  if (issues.length) return { issues, definition: null };
  const parsed = journeyDefinitionSchema.safeParse(toDefinition(d));
  if (!parsed.success) {
    for (const iss of parsed.error.issues) {
      const path = iss.path.filter((p): p is string | number => typeof p !== 'symbol');
      const stepIndex = path[0] === 'steps' && typeof path[1] === 'number' ? path[1] : null;
      const step = stepIndex !== null ? d.steps[stepIndex] : undefined;
      issues.push({ path, stepId: step?.id ?? null, message: `${step ? `「${step.name ?? step.id}」` : ''}${path.slice(step ? 2 : 0).join('.')}: ${iss.message}` });
    }
    return { issues, definition: null };
  }
  issues.push(...validateJourney(parsed.data));
  return { issues, definition: issues.length ? null : parsed.data };
}

export function fromDefinition(def: JourneyDefinition): Draft {
  return { trigger: def.trigger, reentry: def.reentry, entry: def.entry, steps: def.steps, goal: def.goal, exit: def.exit, rateLimitPerMinute: def.rateLimitPerMinute };
}

export const emptyDraft = (): Draft => ({ trigger: { type: 'manual' }, reentry: { mode: 'never' }, entry: '', steps: [] });

/** One line about what a step does, for its node. */
export function summary(s: JourneyStep): string {
  const dur = (ms: number): string => (ms % DAY === 0 ? `${ms / DAY} 天` : ms % HOUR === 0 ? `${ms / HOUR} 小时` : `${Math.round(ms / 60000)} 分钟`);
  switch (s.type) {
    case 'send':
      return `${s.message.channel}：${'text' in s.message ? s.message.text : s.message.channel === 'mp_subscribe' || s.message.channel === 'oa_template' ? s.message.templateId : ''}`;
    case 'wait':
      return `等待 ${dur(s.durationMs)}`;
    case 'wait_until':
      return `等到 ${s.time}${s.weekdays ? `（周${s.weekdays.join('、')}）` : ''}`;
    case 'wait_event':
      return `等待 ${s.event}，超时 ${dur(s.timeoutMs)}`;
    case 'branch':
      return `${s.branches.length} 个条件 + 其他`;
    case 'branch_event':
      return `${dur(s.withinMs)} 内 ${s.event} ≥ ${s.minCount} 次`;
    case 'split':
      return s.paths.map((p) => `${p.percent}%`).join(' / ');
    case 'holdout':
      return `${s.percent}% 不发送`;
    case 'tag':
      return [s.add.length ? `+${s.add.join('、')}` : '', s.remove.length ? `-${s.remove.join('、')}` : ''].filter(Boolean).join(' ');
    case 'set_stage':
      return `阶段 → ${s.stage}`;
    case 'handoff':
      return `${s.productLine}：${s.reason}`;
    case 'notify_agent':
      return s.title;
    case 'agent_task':
      return `${s.kind}：${s.title}`;
    case 'exit':
      return s.reason ?? '离开旅程';
    default:
      return '';
  }
}
