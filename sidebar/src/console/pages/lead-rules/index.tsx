import { useEffect, useState } from 'react';
import { Button, Dialog, Input, InputNumber, MessagePlugin, Select, Space, Switch, Table, Tag, type PrimaryTableCol } from 'tdesign-react';
import { ArrowDownIcon, ArrowUpIcon, DeleteIcon } from 'tdesign-icons-react';
import { isCatchAll, type AssignmentRule, type AssignmentRuleSet, type AssignmentStrategy, type LeadGrade, type LeadProductLine, type SlaSettings } from '@lodestar/shared';
import { productLineLabels } from '../../../common/labels';
import { errorText } from '../../../services/http';
import { leadSettings, saveAssignment, saveSla } from '../../../services/lead-admin';
import { loadSession } from '../../../services/session';
import '../_kit/kit.css';

const seniorityText: Record<string, string> = { junior: '初级', intermediate: '中级', senior: '资深', expert: '专家' };
const skill = (s: string): string => productLineLabels[s] ?? s;
const lineOptions = Object.entries(productLineLabels)
  .filter(([k]) => k !== 'any')
  .map(([value, label]) => ({ value, label }));

function whenText(r: AssignmentRule): string {
  if (isCatchAll(r.when)) return '其余所有线索';
  const w = r.when;
  return [
    w.productLines && `险种 ${w.productLines.map((l) => productLineLabels[l]).join('/')}`,
    w.grades && `${w.grades.join('/')} 级`,
    w.minScore !== undefined && `分数 ≥ ${w.minScore}`,
    w.orphanPolicy === true && '持有孤儿单',
    w.orphanPolicy === false && '无孤儿单',
    w.sources && `来源 ${w.sources.join('/')}`,
    w.teamIds && `${w.teamIds.length} 个团队的线索`,
  ]
    .filter(Boolean)
    .join('，');
}

function strategyText(s: AssignmentStrategy): string {
  switch (s.type) {
    case 'round_robin':
      return '轮流分配';
    case 'weighted':
      return `按权重轮流（${Object.keys(s.weights).length} 人有权重）`;
    case 'least_loaded':
      return `负载最低优先，每人至多 ${s.capacity} 条`;
    case 'skill':
      return `需技能 ${s.skills.map(skill).join('、')}${s.minSeniority ? `、${seniorityText[s.minSeniority] ?? s.minSeniority}以上` : ''}，${s.among === 'round_robin' ? '轮流' : '负载最低'}${s.fallback === 'pool' ? '；无人符合时交给负载最低的顾问' : '；无人符合时进公海'}`;
  }
}

function poolText(r: AssignmentRule): string {
  const p = r.pool;
  const parts = [p.teamIds && `${p.teamIds.length} 个团队`, p.staffIds && `${p.staffIds.length} 位顾问`, p.minSeniority && `${seniorityText[p.minSeniority] ?? p.minSeniority}以上`, p.skills && `技能 ${p.skills.map(skill).join('、')}`].filter(Boolean);
  return parts.length ? parts.join('，') : '全部顾问';
}

const slaFields: Array<{ key: keyof SlaSettings; label: string; hint: string; optional?: boolean }> = [
  { key: 'firstTouchHours', label: '首次跟进时限', hint: '分配后这么久没有跟进，线索回到公海' },
  { key: 'remindBeforeHours', label: '提前提醒', hint: '回收前这么久提醒顾问（空为不提醒）', optional: true },
  { key: 'protectionHours', label: '保护期', hint: '跟进过的线索在顾问手里保留多久' },
  { key: 'extendOnActivityHours', label: '跟进延长', hint: '每次跟进后至少再保留这么久' },
  { key: 'maxProtectionHours', label: '最长保护', hint: '无论多活跃，分配后最晚这么久收回' },
  { key: 'cooldownHours', label: '冷却期', hint: '收回后这么久内不会再分给同一顾问' },
];

/** 分配规则与 SLA: who gets which lead, and how long they may keep it. */
export function LeadRulesPage() {
  const admin = loadSession()?.user.role === 'admin';
  const [saved, setSaved] = useState<AssignmentRuleSet | null>(null);
  const [rules, setRules] = useState<AssignmentRule[]>([]);
  const [sla, setSla] = useState<SlaSettings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<number | null>(null);
  const [busy, setBusy] = useState<'rules' | 'sla' | null>(null);

  useEffect(() => {
    leadSettings()
      .then((s) => {
        setSaved(s.assignment);
        setRules(s.assignment.rules);
        setSla(s.sla);
      })
      .catch((e) => setError(errorText(e)));
  }, []);
  if (error) return <div className="cs-card cx-error">加载失败：{error}</div>;
  if (!saved || !sla) return <div className="cs-card cs-empty">加载中…</div>;
  const dirty = JSON.stringify(saved.rules) !== JSON.stringify(rules);

  const move = (i: number, d: -1 | 1): void => {
    const next = [...rules];
    [next[i], next[i + d]] = [next[i + d]!, next[i]!];
    setRules(next);
  };
  const saveRules = (): void => {
    setBusy('rules');
    saveAssignment({ rules })
      .then((s) => {
        setSaved(s.assignment);
        setRules(s.assignment.rules);
        void MessagePlugin.success('分配规则已保存，新线索按新规则分配');
      })
      .catch((e) => void MessagePlugin.error(errorText(e)))
      .finally(() => setBusy(null));
  };
  const saveSlaNow = (): void => {
    setBusy('sla');
    saveSla(sla)
      .then((s) => {
        setSla(s.sla);
        void MessagePlugin.success('SLA 已保存');
      })
      .catch((e) => void MessagePlugin.error(errorText(e)))
      .finally(() => setBusy(null));
  };

  const columns: PrimaryTableCol<AssignmentRule>[] = [
    { colKey: 'order', title: '#', width: 44, cell: ({ rowIndex }) => rowIndex + 1 },
    { colKey: 'name', title: '规则', width: 220, cell: ({ row }) => <b>{row.name}</b> },
    { colKey: 'when', title: '适用线索', cell: ({ row }) => (isCatchAll(row.when) ? <Tag variant="light">兜底：{whenText(row)}</Tag> : whenText(row)) },
    { colKey: 'strategy', title: '分配方式', cell: ({ row }) => strategyText(row.strategy) },
    { colKey: 'pool', title: '候选顾问', width: 140, cell: ({ row }) => poolText(row) },
    {
      colKey: 'hours',
      title: '仅在班',
      width: 80,
      cell: ({ row, rowIndex }) => <Switch size="small" disabled={!admin} value={row.respectWorkingHours} onChange={(v) => setRules(rules.map((r, i) => (i === rowIndex ? { ...r, respectWorkingHours: Boolean(v) } : r)))} />,
    },
    ...(admin
      ? [
          {
            colKey: 'op',
            title: '操作',
            width: 150,
            cell: ({ row, rowIndex }: { row: AssignmentRule; rowIndex: number }) => {
              const last = rowIndex === rules.length - 1;
              return (
                <Space size={0}>
                  <Button size="small" variant="text" shape="square" icon={<ArrowUpIcon />} disabled={rowIndex === 0 || last} onClick={() => move(rowIndex, -1)} />
                  <Button size="small" variant="text" shape="square" icon={<ArrowDownIcon />} disabled={rowIndex >= rules.length - 2} onClick={() => move(rowIndex, 1)} />
                  <Button size="small" variant="text" onClick={() => setEditing(rowIndex)}>
                    编辑
                  </Button>
                  {!isCatchAll(row.when) && <Button size="small" variant="text" theme="danger" shape="square" icon={<DeleteIcon />} onClick={() => setRules(rules.filter((_, i) => i !== rowIndex))} />}
                </Space>
              );
            },
          },
        ]
      : []),
  ];

  return (
    <div className="cs-grid">
      <div className="cs-card">
        <h3>
          分配规则 <span className="cs-muted">自上而下，第一条匹配的规则决定谁能接、怎么选；最后一条是兜底</span>
          <span style={{ flex: 1 }} />
          {admin && (
            <Space>
              <Button size="small" variant="outline" disabled={!dirty} onClick={() => setRules(saved.rules)}>
                撤销
              </Button>
              <Button size="small" variant="outline" onClick={() => (setRules([...rules.slice(0, -1), { id: `rule_${rules.length + 1}_${rules.map((r) => r.id).join('').length}`, name: '新规则', when: { grades: ['A'] }, strategy: { type: 'round_robin' }, pool: {}, respectWorkingHours: false }, rules[rules.length - 1]!]), setEditing(rules.length - 1))}>
                添加规则
              </Button>
              <Button size="small" theme="primary" disabled={!dirty} loading={busy === 'rules'} onClick={saveRules}>
                保存规则
              </Button>
            </Space>
          )}
        </h3>
        <Table rowKey="id" size="small" data={rules} columns={columns} />
      </div>
      <div className="cs-card">
        <h3>
          跟进 SLA <span className="cs-muted">单位：小时；超时线索自动回到公海</span>
          <span style={{ flex: 1 }} />
          {admin && (
            <Button size="small" theme="primary" loading={busy === 'sla'} onClick={saveSlaNow}>
              保存 SLA
            </Button>
          )}
        </h3>
        <div className="cs-grid cs-grid--2" style={{ gridTemplateColumns: 'repeat(3, minmax(0, 1fr))' }}>
          {slaFields.map((f) => (
            <div key={f.key} className="cx-field">
              <label>{f.label}</label>
              <InputNumber
                style={{ width: '100%' }}
                disabled={!admin}
                min={0}
                suffix="小时"
                placeholder={f.optional ? '不提醒' : ''}
                value={sla[f.key]}
                onChange={(v) => setSla({ ...sla, [f.key]: v === undefined || v === null || v === '' ? (f.optional ? undefined : 0) : Number(v) })}
              />
              <div className="cx-field__hint">{f.hint}</div>
            </div>
          ))}
        </div>
      </div>
      {editing !== null && rules[editing] && (
        <RuleDialog
          rule={rules[editing]!}
          catchAll={editing === rules.length - 1}
          onClose={() => setEditing(null)}
          onSave={(r) => {
            setRules(rules.map((x, i) => (i === editing ? r : x)));
            setEditing(null);
          }}
        />
      )}
    </div>
  );
}

function RuleDialog({ rule, catchAll, onClose, onSave }: { rule: AssignmentRule; catchAll: boolean; onClose: () => void; onSave: (r: AssignmentRule) => void }) {
  const [r, setR] = useState(rule);
  const st = r.strategy;
  const setWhen = (patch: Partial<AssignmentRule['when']>): void => {
    const when = { ...r.when, ...patch };
    (Object.keys(when) as Array<keyof typeof when>).forEach((k) => when[k] === undefined && delete when[k]);
    setR({ ...r, when });
  };
  return (
    <Dialog visible width={620} header={`编辑规则「${rule.name}」`} onClose={onClose} onConfirm={() => onSave(r)} confirmBtn={{ content: '应用到草稿', disabled: !r.name.trim() || (!catchAll && isCatchAll(r.when)) }}>
      <div className="cx-field">
        <label>名称</label>
        <Input value={r.name} onChange={(v) => setR({ ...r, name: String(v) })} />
      </div>
      {catchAll ? (
        <div className="cx-field__hint" style={{ marginBottom: 12 }}>
          这是兜底规则，适用于前面规则都不匹配的线索，不能加条件。
        </div>
      ) : (
        <Space breakLine>
          <div className="cx-field">
            <label>险种</label>
            <Select style={{ width: 220 }} multiple clearable minCollapsedNum={2} value={r.when.productLines ?? []} options={lineOptions} onChange={(v) => setWhen({ productLines: (v as LeadProductLine[]).length ? (v as LeadProductLine[]) : undefined })} />
          </div>
          <div className="cx-field">
            <label>等级</label>
            <Select style={{ width: 160 }} multiple clearable value={r.when.grades ?? []} options={['A', 'B', 'C', 'D'].map((g) => ({ label: g, value: g }))} onChange={(v) => setWhen({ grades: (v as LeadGrade[]).length ? (v as LeadGrade[]) : undefined })} />
          </div>
          <div className="cx-field">
            <label>最低分</label>
            <InputNumber style={{ width: 110 }} min={0} max={100} value={r.when.minScore} onChange={(v) => setWhen({ minScore: v === undefined || v === null || v === '' ? undefined : Number(v) })} />
          </div>
        </Space>
      )}
      <Space breakLine>
        <div className="cx-field">
          <label>分配方式</label>
          <Select
            style={{ width: 160 }}
            value={st.type}
            options={[
              { label: '轮流分配', value: 'round_robin' },
              { label: '负载最低优先', value: 'least_loaded' },
              ...(st.type === 'skill' || st.type === 'weighted' ? [{ label: st.type === 'skill' ? '按技能' : '按权重', value: st.type }] : []),
            ]}
            onChange={(v) => setR({ ...r, strategy: v === 'least_loaded' ? { type: 'least_loaded', capacity: 60 } : v === 'round_robin' ? { type: 'round_robin' } : rule.strategy })}
          />
        </div>
        {(st.type === 'least_loaded' || st.type === 'skill') && (
          <div className="cx-field">
            <label>每人上限（条）</label>
            <InputNumber style={{ width: 120 }} min={1} value={st.capacity} onChange={(v) => setR({ ...r, strategy: { ...st, capacity: Number(v) || 1 } as AssignmentStrategy })} />
          </div>
        )}
      </Space>
    </Dialog>
  );
}
