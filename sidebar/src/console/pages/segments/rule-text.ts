import type { SegmentRule } from '@lodestar/shared';
import { eventLabels, productLineLabels, stageLabels, tagSourceLabels } from '../../../common/labels';
import { moreEventLabels } from '../_kit/labels';

export const attributeLabels: Record<string, string> = { city: '城市', gender: '性别', age: '年龄', has_owner: '有负责顾问', archive_consent: '同意会话存档', has_phone: '有手机号', has_wecom: '已加企业微信' };
export const opLabels: Record<string, string> = { eq: '等于', neq: '不等于', in: '属于', gte: '≥', lte: '≤' };
export const policyStatusText: Record<string, string> = { active: '有效', lapsed: '失效', expired: '满期', surrendered: '退保' };
const genderText: Record<string, string> = { male: '男', female: '女', unknown: '未知' };

const ev = (e: string): string => eventLabels[e] ?? moreEventLabels[e] ?? e;
const val = (v: unknown): string => (Array.isArray(v) ? v.join('、') : typeof v === 'boolean' ? (v ? '是' : '否') : (genderText[String(v)] ?? String(v)));

/** A segment rule in words, e.g. "（A/B 级）且（标签 保险需求/重疾险）". */
export function ruleText(r: SegmentRule): string {
  switch (r.type) {
    case 'all':
    case 'any':
      return r.rules.map((x) => (x.type === 'all' || x.type === 'any' ? `（${ruleText(x)}）` : ruleText(x))).join(r.type === 'all' ? ' 且 ' : ' 或 ');
    case 'not':
      return `非（${ruleText(r.rule)}）`;
    case 'attribute':
      return typeof r.value === 'boolean' && r.op === 'eq' ? `${attributeLabels[r.field]}：${val(r.value)}` : `${attributeLabels[r.field]} ${opLabels[r.op]} ${val(r.value)}`;
    case 'profile':
      return `属性 ${r.key} ${opLabels[r.op]} ${val(r.value)}`;
    case 'tag':
      return `标签 ${[r.group, r.tag].filter(Boolean).join('/')}${r.tag ? '' : '（任一）'}${r.sources ? `（来源 ${r.sources.map((s) => tagSourceLabels[s] ?? s).join('、')}）` : ''}`;
    case 'event_count':
      return `${r.withinDays} 天内${ev(r.event)} ${r.max !== undefined ? `${r.min}–${r.max}` : `≥ ${r.min}`} 次`;
    case 'streak':
      return `连续 ${r.min} 天${ev(r.event)}`;
    case 'grade':
      return `${r.grades.join('/')} 级线索`;
    case 'score':
      return `线索分 ${r.min ?? 0}–${r.max ?? 100}`;
    case 'segment':
      return `属于分群 ${r.segmentId}`;
    case 'stage':
      return `阶段 ${r.stages.map((s) => stageLabels[s]).join('、')}`;
    case 'policy': {
      const parts = [r.line ? (productLineLabels[r.line] ?? r.line) : '任意险种', r.status ? policyStatusText[r.status] : '', r.orphan ? '孤儿单' : '', r.coverAtLeast !== undefined ? `保额 ≥ ${r.coverAtLeast}` : '', r.coverAtMost !== undefined ? `保额 ≤ ${r.coverAtMost}` : ''].filter(Boolean);
      return `${r.none ? '没有' : '持有'}保单（${parts.join('，')}）`;
    }
  }
}
