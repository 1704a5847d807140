import { Button, Checkbox, Input, InputNumber, Select, Space, TagInput } from 'tdesign-react';
import { AddIcon, DeleteIcon } from 'tdesign-icons-react';
import { journeyStages, leadGrades, tagSources, type SegmentRule } from '@lodestar/shared';
import { productLineLabels, stageLabels, tagSourceLabels } from '../../../common/labels';
import type { DictionaryGroup } from '../../../services/tags';
import { attributeLabels, opLabels, policyStatusText } from '../segments/rule-text';

type Group = Extract<SegmentRule, { type: 'all' | 'any' }>;
type Leaf = Exclude<SegmentRule, { type: 'all' | 'any' | 'not' | 'segment' }>;

const leafTypes: Array<{ value: Leaf['type']; label: string }> = [
  { value: 'tag', label: '标签' },
  { value: 'grade', label: '线索等级' },
  { value: 'score', label: '线索分' },
  { value: 'stage', label: '旅程阶段' },
  { value: 'attribute', label: '基本属性' },
  { value: 'event_count', label: '行为次数' },
  { value: 'streak', label: '连续天数' },
  { value: 'policy', label: '保单' },
  { value: 'profile', label: '埋点用户属性' },
];

export function newLeaf(type: Leaf['type']): Leaf {
  switch (type) {
    case 'tag':
      return { type: 'tag', group: '保险需求' };
    case 'grade':
      return { type: 'grade', grades: ['A'] };
    case 'score':
      return { type: 'score', min: 60 };
    case 'stage':
      return { type: 'stage', stages: ['need_clarified'] };
    case 'attribute':
      return { type: 'attribute', field: 'city', op: 'in', value: [] };
    case 'event_count':
      return { type: 'event_count', event: 'view_product', withinDays: 30, min: 1 };
    case 'streak':
      return { type: 'streak', event: 'check_in', min: 3 };
    case 'policy':
      return { type: 'policy', status: 'active' };
    case 'profile':
      return { type: 'profile', key: '', op: 'eq', value: '' };
  }
}

/** Why a rule cannot be previewed yet (a condition without its value), or null. */
export function incomplete(r: SegmentRule): string | null {
  switch (r.type) {
    case 'all':
    case 'any':
      if (r.rules.length === 0) return '条件组至少要有一个条件';
      for (const x of r.rules) {
        const w = incomplete(x);
        if (w) return w;
      }
      return null;
    case 'not':
      return incomplete(r.rule);
    case 'tag':
      return r.tag || r.group ? null : '标签条件要选择标签或标签组';
    case 'grade':
      return r.grades.length ? null : '至少选择一个等级';
    case 'stage':
      return r.stages.length ? null : '至少选择一个阶段';
    case 'score':
      return r.min !== undefined || r.max !== undefined ? null : '线索分要有上限或下限';
    case 'attribute':
      return Array.isArray(r.value) ? (r.value.length ? null : `请填写${attributeLabels[r.field]}`) : r.value === '' ? `请填写${attributeLabels[r.field]}` : null;
    case 'event_count':
    case 'streak':
      return r.event.trim() ? null : '请填写事件名';
    case 'profile':
      return r.key && r.value !== '' ? null : '请填写属性名和值';
    default:
      return null;
  }
}

/** A group of conditions (all / any), each condition removable, negatable, or itself a group. */
export function GroupEditor({ rule, onChange, dictionary, depth = 0, onRemove }: { rule: Group; onChange: (r: Group) => void; dictionary: DictionaryGroup[]; depth?: number; onRemove?: () => void }) {
  const set = (i: number, r: SegmentRule | null): void => {
    const rules = [...rule.rules];
    if (r === null) rules.splice(i, 1);
    else rules[i] = r;
    onChange({ ...rule, rules });
  };
  return (
    <div className={`cx-rule ${depth > 0 ? 'cx-rule--group' : ''}`} data-testid={depth === 0 ? 'rule-root' : 'rule-group'}>
      <div className="cx-rule__bar" style={{ marginBottom: 8 }}>
        <span>满足以下</span>
        <Select
          size="small"
          style={{ width: 100 }}
          value={rule.type}
          options={[
            { label: '全部', value: 'all' },
            { label: '任一', value: 'any' },
          ]}
          onChange={(v) => onChange({ ...rule, type: v as 'all' | 'any' })}
        />
        <span>条件</span>
        <span className="cs-toolbar__spacer" />
        {onRemove && <Button size="small" variant="text" theme="danger" icon={<DeleteIcon />} onClick={onRemove} />}
      </div>
      {rule.rules.map((r, i) => {
        const negated = r.type === 'not';
        const inner = r.type === 'not' ? r.rule : r;
        const toggleNot = (v: boolean): void => set(i, v ? { type: 'not', rule: inner } : inner);
        if (inner.type === 'all' || inner.type === 'any')
          return (
            <div key={i}>
              <Checkbox checked={negated} onChange={(v) => toggleNot(Boolean(v))}>
                排除这一组
              </Checkbox>
              <GroupEditor rule={inner} depth={depth + 1} dictionary={dictionary} onChange={(g) => set(i, negated ? { type: 'not', rule: g } : g)} onRemove={() => set(i, null)} />
            </div>
          );
        if (inner.type === 'not' || inner.type === 'segment') return null;
        return (
          <div key={i} className="cx-rule" data-testid="rule-leaf">
            <div className="cx-rule__bar">
              <Checkbox checked={negated} onChange={(v) => toggleNot(Boolean(v))}>
                排除
              </Checkbox>
              <Select size="small" style={{ width: 120 }} value={inner.type} options={leafTypes} onChange={(v) => set(i, newLeaf(v as Leaf['type']))} />
              <LeafEditor rule={inner} dictionary={dictionary} onChange={(l) => set(i, negated ? { type: 'not', rule: l } : l)} />
              <span className="cs-toolbar__spacer" />
              <Button size="small" variant="text" theme="danger" icon={<DeleteIcon />} onClick={() => set(i, null)} aria-label="删除条件" />
            </div>
          </div>
        );
      })}
      <Space size={8}>
        <Button size="small" variant="dashed" icon={<AddIcon />} onClick={() => onChange({ ...rule, rules: [...rule.rules, newLeaf('tag')] })} data-testid="add-condition">
          添加条件
        </Button>
        {depth < 2 && (
          <Button size="small" variant="dashed" onClick={() => onChange({ ...rule, rules: [...rule.rules, { type: rule.type === 'all' ? 'any' : 'all', rules: [newLeaf('tag')] }] })}>
            添加条件组
          </Button>
        )}
      </Space>
    </div>
  );
}

const lineOptions = Object.entries(productLineLabels)
  .filter(([k]) => k !== 'any')
  .map(([value, label]) => ({ value, label }));

function LeafEditor({ rule, onChange, dictionary }: { rule: Leaf; onChange: (r: Leaf) => void; dictionary: DictionaryGroup[] }) {
  switch (rule.type) {
    case 'tag': {
      const group = dictionary.find((g) => g.name === rule.group || g.key === rule.group);
      const tags = group ? group.tags : dictionary.flatMap((g) => g.tags);
      return (
        <>
          <Select size="small" style={{ width: 130 }} clearable value={rule.group} placeholder="标签组（任意）" options={dictionary.map((g) => ({ label: g.name, value: g.name }))} onChange={(v) => onChange({ ...rule, group: (v as string) || undefined, tag: undefined })} />
          <Select size="small" style={{ width: 150 }} clearable filterable value={rule.tag} placeholder={rule.group ? '该组任一标签' : '选择标签'} options={[...new Set(tags.map((t) => t.name))].map((t) => ({ label: t, value: t }))} onChange={(v) => onChange({ ...rule, tag: (v as string) || undefined })} />
          <Select
            size="small"
            style={{ width: 200 }}
            multiple
            minCollapsedNum={2}
            clearable
            value={rule.sources ?? []}
            placeholder="来源（任意）"
            options={tagSources.map((s) => ({ label: tagSourceLabels[s] ?? s, value: s }))}
            onChange={(v) => onChange({ ...rule, sources: (v as typeof tagSources[number][]).length ? (v as typeof tagSources[number][]) : undefined })}
          />
        </>
      );
    }
    case 'grade':
      return (
        <span data-testid="rule-grades">
          <Checkbox.Group value={rule.grades} options={leadGrades.map((g) => ({ label: `${g} 级`, value: g }))} onChange={(v) => onChange({ ...rule, grades: v as typeof rule.grades })} />
        </span>
      );
    case 'score':
      return (
        <>
          <InputNumber size="small" style={{ width: 110 }} placeholder="最低" min={0} max={100} value={rule.min} onChange={(v) => onChange({ ...rule, min: v === undefined || v === null || v === '' ? undefined : Number(v) })} />
          <span>至</span>
          <InputNumber size="small" style={{ width: 110 }} placeholder="最高" min={0} max={100} value={rule.max} onChange={(v) => onChange({ ...rule, max: v === undefined || v === null || v === '' ? undefined : Number(v) })} />
        </>
      );
    case 'stage':
      return <Checkbox.Group value={rule.stages} options={journeyStages.map((s) => ({ label: stageLabels[s], value: s }))} onChange={(v) => onChange({ ...rule, stages: v as typeof rule.stages })} />;
    case 'attribute':
      return <AttributeEditor rule={rule} onChange={onChange} />;
    case 'event_count':
      return (
        <>
          <Input size="small" style={{ width: 150 }} value={rule.event} placeholder="事件名" onChange={(v) => onChange({ ...rule, event: String(v) })} />
          <span>近</span>
          <InputNumber size="small" style={{ width: 90 }} min={1} max={366} value={rule.withinDays} onChange={(v) => onChange({ ...rule, withinDays: Number(v) || 1 })} />
          <span>天 至少</span>
          <InputNumber size="small" style={{ width: 90 }} min={0} value={rule.min} onChange={(v) => onChange({ ...rule, min: Number(v) || 0 })} />
          <span>次 至多</span>
          <InputNumber size="small" style={{ width: 90 }} min={0} placeholder="不限" value={rule.max} onChange={(v) => onChange({ ...rule, max: v === undefined || v === null || v === '' ? undefined : Number(v) })} />
          <span>次</span>
        </>
      );
    case 'streak':
      return (
        <>
          <Input size="small" style={{ width: 150 }} value={rule.event} placeholder="事件名" onChange={(v) => onChange({ ...rule, event: String(v) })} />
          <span>连续至少</span>
          <InputNumber size="small" style={{ width: 90 }} min={1} value={rule.min} onChange={(v) => onChange({ ...rule, min: Number(v) || 1 })} />
          <span>天</span>
        </>
      );
    case 'policy':
      return (
        <>
          <Select size="small" style={{ width: 90 }} value={rule.none ? 'none' : 'has'} options={[{ label: '持有', value: 'has' }, { label: '没有', value: 'none' }]} onChange={(v) => onChange({ ...rule, none: v === 'none' ? true : undefined })} />
          <Select size="small" style={{ width: 120 }} clearable value={rule.line} placeholder="任意险种" options={lineOptions} onChange={(v) => onChange({ ...rule, line: (v as typeof rule.line) || undefined })} />
          <Select size="small" style={{ width: 100 }} clearable value={rule.status} placeholder="任意状态" options={Object.entries(policyStatusText).map(([value, label]) => ({ value, label }))} onChange={(v) => onChange({ ...rule, status: (v as typeof rule.status) || undefined })} />
          <Checkbox checked={rule.orphan === true} onChange={(v) => onChange({ ...rule, orphan: v ? true : undefined })}>
            孤儿单
          </Checkbox>
          <InputNumber size="small" style={{ width: 150 }} min={0} placeholder="保额至多（元）" value={rule.coverAtMost} onChange={(v) => onChange({ ...rule, coverAtMost: v === undefined || v === null || v === '' ? undefined : Number(v) })} />
        </>
      );
    case 'profile':
      return (
        <>
          <Input size="small" style={{ width: 130 }} value={rule.key} placeholder="属性名" onChange={(v) => onChange({ ...rule, key: String(v) })} />
          <Select size="small" style={{ width: 90 }} value={rule.op} options={(['eq', 'neq', 'gte', 'lte'] as const).map((o) => ({ label: opLabels[o], value: o }))} onChange={(v) => onChange({ ...rule, op: v as typeof rule.op })} />
          <Input size="small" style={{ width: 130 }} value={String(rule.value)} placeholder="值" onChange={(v) => onChange({ ...rule, value: /^-?\d+(\.\d+)?$/.test(String(v)) ? Number(v) : String(v) })} />
        </>
      );
  }
}

function AttributeEditor({ rule, onChange }: { rule: Extract<SegmentRule, { type: 'attribute' }>; onChange: (r: Leaf) => void }) {
  const fieldSelect = (
    <Select
      size="small"
      style={{ width: 130 }}
      value={rule.field}
      options={Object.entries(attributeLabels).map(([value, label]) => ({ value, label }))}
      onChange={(v) => {
        const field = v as typeof rule.field;
        if (field === 'city') onChange({ type: 'attribute', field, op: 'in', value: [] });
        else if (field === 'gender') onChange({ type: 'attribute', field, op: 'eq', value: 'female' });
        else if (field === 'age') onChange({ type: 'attribute', field, op: 'gte', value: 30 });
        else onChange({ type: 'attribute', field, op: 'eq', value: true });
      }}
    />
  );
  if (rule.field === 'city')
    return (
      <>
        {fieldSelect}
        <Select size="small" style={{ width: 90 }} value={rule.op === 'in' ? 'in' : 'neq'} options={[{ label: '属于', value: 'in' }]} disabled />
        <TagInput size="small" style={{ width: 260 }} value={Array.isArray(rule.value) ? rule.value : []} placeholder="输入城市回车，如 上海" onChange={(v) => onChange({ ...rule, value: v.map(String) })} />
      </>
    );
  if (rule.field === 'gender')
    return (
      <>
        {fieldSelect}
        <Select size="small" style={{ width: 90 }} value={String(rule.value)} options={[{ label: '女', value: 'female' }, { label: '男', value: 'male' }, { label: '未知', value: 'unknown' }]} onChange={(v) => onChange({ ...rule, op: 'eq', value: String(v) })} />
      </>
    );
  if (rule.field === 'age')
    return (
      <>
        {fieldSelect}
        <Select size="small" style={{ width: 80 }} value={rule.op} options={(['gte', 'lte', 'eq'] as const).map((o) => ({ label: opLabels[o], value: o }))} onChange={(v) => onChange({ ...rule, op: v as typeof rule.op })} />
        <InputNumber size="small" style={{ width: 100 }} min={0} max={120} value={Number(rule.value)} onChange={(v) => onChange({ ...rule, value: Number(v) || 0 })} />
        <span>岁</span>
      </>
    );
  return (
    <>
      {fieldSelect}
      <Select size="small" style={{ width: 80 }} value={rule.value === false ? 'no' : 'yes'} options={[{ label: '是', value: 'yes' }, { label: '否', value: 'no' }]} onChange={(v) => onChange({ ...rule, op: 'eq', value: v === 'yes' })} />
    </>
  );
}
