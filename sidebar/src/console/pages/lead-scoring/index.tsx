import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, Dialog, Input, InputNumber, MessagePlugin, Popconfirm, Select, Space, Table, Tag, type PrimaryTableCol } from 'tdesign-react';
import { AddIcon, DeleteIcon } from 'tdesign-icons-react';
import { leadGrades, type LeadGrade, type ScoringModel, type ScoringRule } from '@lodestar/shared';
import { Chart, type ChartOption } from '../../../common/Chart';
import { eventLabels, productLineLabels, stageLabels, tagSourceLabels } from '../../../common/labels';
import { errorText } from '../../../services/http';
import { leadSettings, previewScoring, saveScoring, type ScoringPreview } from '../../../services/lead-admin';
import { loadSession } from '../../../services/session';
import { tagDictionary, type DictionaryGroup } from '../../../services/tags';
import { moreEventLabels } from '../_kit/labels';
import '../_kit/kit.css';

const gradeColor: Record<LeadGrade, string> = { A: '#d54941', B: '#e37318', C: '#0052d9', D: '#a6a6a6' };
const ev = (e: string): string => eventLabels[e] ?? moreEventLabels[e] ?? e;

/** What a scoring rule looks at, in words. */
function ruleWhat(r: ScoringRule, groupName: (g: string) => string = (g) => g): string {
  switch (r.kind) {
    case 'age':
      return `年龄 ${r.min}–${r.max} 岁`;
    case 'city':
      return `城市：${r.cities.join('、')}`;
    case 'reachable':
      return r.via === 'wecom' ? '已加企业微信' : '有手机号';
    case 'policy':
      return `${r.none ? '没有' : '持有'}${r.line ? (productLineLabels[r.line] ?? r.line) : ''}${r.orphan ? '孤儿单' : '有效保单'}${r.coverAtMost !== undefined ? `，保额 ≤ ${r.coverAtMost / 10000} 万` : ''}`;
    case 'tag':
      return `标签 ${[r.group && groupName(r.group), r.tag].filter(Boolean).join('/')}${r.sources ? `（${r.sources.map((s) => tagSourceLabels[s] ?? s).join('、')}）` : ''}${r.halfLifeDays ? `，${r.halfLifeDays} 天减半` : ''}`;
    case 'event':
      return `${r.withinDays} 天内${ev(r.event)}，每次计分，${r.halfLifeDays} 天减半，至多 ${r.maxPoints} 分`;
    case 'stage':
      return `阶段：${r.stages.map((s) => stageLabels[s]).join('、')}`;
  }
}

/** 评分与分级: the scoring rules and grade thresholds, with how grades would shift before saving. */
export function LeadScoringPage() {
  const admin = loadSession()?.user.role === 'admin';
  const [saved, setSaved] = useState<ScoringModel | null>(null);
  const [draft, setDraft] = useState<ScoringModel | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [before, setBefore] = useState<ScoringPreview | null>(null);
  const [after, setAfter] = useState<ScoringPreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [saving, setSaving] = useState(false);
  const [adding, setAdding] = useState(false);
  const [groupNames, setGroupNames] = useState<Map<string, string>>(new Map());
  const seq = useRef(0);
  useEffect(() => {
    tagDictionary()
      .then((d) => setGroupNames(new Map(d.map((g) => [g.key, g.name]))))
      .catch(() => undefined);
  }, []);

  const reload = (): void => {
    leadSettings()
      .then((s) => {
        setSaved(s.scoring);
        setDraft(s.scoring);
        setError(null);
        return previewScoring(s.scoring).then(setBefore);
      })
      .catch((e) => setError(errorText(e)));
  };
  useEffect(reload, []);

  const dirty = useMemo(() => JSON.stringify(saved) !== JSON.stringify(draft), [saved, draft]);

  useEffect(() => {
    if (!draft) return;
    if (!dirty) {
      setAfter(null);
      setPreviewError(null);
      return;
    }
    const n = ++seq.current;
    setPending(true);
    const t = setTimeout(() => {
      previewScoring(draft)
        .then((p) => {
          if (n !== seq.current) return;
          setAfter(p);
          setPreviewError(null);
        })
        .catch((e) => n === seq.current && setPreviewError(errorText(e)))
        .finally(() => n === seq.current && setPending(false));
    }, 500);
    return () => clearTimeout(t);
  }, [draft, dirty]);

  const option: ChartOption = useMemo(() => {
    const series = [
      { name: '当前规则', type: 'bar', data: leadGrades.map((g) => before?.grades[g] ?? 0), itemStyle: { color: '#c5d3ec' }, label: { show: true, position: 'top' } },
      ...(after
        ? [{ name: '调整后', type: 'bar', data: leadGrades.map((g) => ({ value: after.grades[g] ?? 0, itemStyle: { color: gradeColor[g] } })), label: { show: true, position: 'top' } }]
        : []),
    ];
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: leadGrades.map((g) => `${g} 级`) },
      yAxis: { type: 'value', name: '客户数' },
      series,
    };
  }, [before, after]);

  if (error) return <div className="cs-card cx-error">加载评分设置失败：{error}</div>;
  if (!draft || !saved) return <div className="cs-card cs-empty">加载中…</div>;

  const setRule = (i: number, r: ScoringRule | null): void => {
    const rules = [...draft.rules];
    if (r) rules[i] = r;
    else rules.splice(i, 1);
    setDraft({ ...draft, rules });
  };
  const setGrade = (g: 'A' | 'B' | 'C', dim: 'fit' | 'engagement', v: number): void => setDraft({ ...draft, grades: { ...draft.grades, [g]: { ...draft.grades[g], [dim]: v } } });

  const save = (): void => {
    setSaving(true);
    saveScoring(draft)
      .then((s) => {
        void MessagePlugin.success('评分规则已保存，正在为全部客户重新评分');
        setSaved(s.scoring);
        setDraft(s.scoring);
        if (after) setBefore(after);
      })
      .catch((e) => void MessagePlugin.error(errorText(e)))
      .finally(() => setSaving(false));
  };

  const columns: PrimaryTableCol<ScoringRule>[] = [
    { colKey: 'name', title: '规则', width: 220, cell: ({ row }) => <b>{row.name}</b> },
    { colKey: 'dimension', title: '维度', width: 80, cell: ({ row }) => <Tag variant="light" theme={row.dimension === 'fit' ? 'primary' : 'warning'}>{row.dimension === 'fit' ? '匹配度' : '活跃度'}</Tag> },
    { colKey: 'what', title: '条件', cell: ({ row }) => ruleWhat(row, (g) => groupNames.get(g) ?? g) },
    {
      colKey: 'points',
      title: '分值',
      width: 130,
      cell: ({ row, rowIndex }) => (
        <InputNumber size="small" theme="column" style={{ width: 110 }} min={-100} max={100} value={row.points} onChange={(v) => setRule(rowIndex, { ...row, points: Number(v) || 0 })} />
      ),
    },
    {
      colKey: 'op',
      title: '',
      width: 50,
      cell: ({ rowIndex }) => <Button size="small" variant="text" theme="danger" icon={<DeleteIcon />} onClick={() => setRule(rowIndex, null)} aria-label="删除规则" />,
    },
  ];

  const delta = (g: LeadGrade): string => {
    if (!after || !before) return '';
    const d = (after.grades[g] ?? 0) - (before.grades[g] ?? 0);
    return d === 0 ? '±0' : d > 0 ? `+${d}` : String(d);
  };

  return (
    <div className="cx-row">
      <div className="cx-col">
        <div className="cs-card">
          <h3>
            评分规则 <span className="cs-muted">匹配度（是谁）与活跃度（做了什么）各自累加，0–100 分</span>
            <span style={{ flex: 1 }} />
            <Button size="small" icon={<AddIcon />} onClick={() => setAdding(true)}>
              添加规则
            </Button>
          </h3>
          <Table rowKey="id" size="small" data={draft.rules} columns={columns} empty="没有规则：所有客户都会是 0 分" />
        </div>
        <div className="cs-card">
          <h3>
            分级阈值 <span className="cs-muted">依次检查 A、B、C：两项都达到最低分即为该级，否则为 D</span>
          </h3>
          <Table
            rowKey="g"
            size="small"
            data={(['A', 'B', 'C'] as const).map((g) => ({ g }))}
            columns={[
              { colKey: 'g', title: '等级', width: 80, cell: ({ row }) => <Tag theme={row.g === 'A' ? 'danger' : row.g === 'B' ? 'warning' : 'primary'}>{row.g} 级</Tag> },
              { colKey: 'fit', title: '匹配度 ≥', cell: ({ row }) => <span data-testid={`grade-${row.g}-fit`}><InputNumber size="small" min={0} max={100} value={draft.grades[row.g].fit} onChange={(v) => setGrade(row.g, 'fit', Number(v) || 0)} /></span> },
              { colKey: 'engagement', title: '活跃度 ≥', cell: ({ row }) => <span data-testid={`grade-${row.g}-engagement`}><InputNumber size="small" min={0} max={100} value={draft.grades[row.g].engagement} onChange={(v) => setGrade(row.g, 'engagement', Number(v) || 0)} /></span> },
            ]}
          />
        </div>
      </div>
      <div className="cx-side" style={{ width: 440 }}>
        <div className="cs-card" style={{ position: 'sticky', top: 16 }} data-testid="scoring-preview">
          <h3>
            分级变化预览 <span className="cs-muted">{pending ? '计算中…' : dirty ? '按调整后的规则为最多 5,000 位客户试算，未保存' : '修改左侧规则即可试算'}</span>
          </h3>
          <Chart option={option} height={260} testId="scoring-chart" />
          {previewError && <div className="cx-error" style={{ padding: 8 }}>规则有误：{previewError}</div>}
          <Table
            rowKey="g"
            size="small"
            data={leadGrades.map((g) => ({ g }))}
            columns={[
              { colKey: 'g', title: '等级', width: 60 },
              { colKey: 'before', title: '当前', align: 'right', cell: ({ row }) => <span data-testid={`before-${row.g}`}>{before?.grades[row.g] ?? '—'}</span> },
              { colKey: 'after', title: '调整后', align: 'right', cell: ({ row }) => <span data-testid={`after-${row.g}`}>{after ? (after.grades[row.g] ?? 0) : '—'}</span> },
              { colKey: 'delta', title: '变化', align: 'right', cell: ({ row }) => <span data-testid={`delta-${row.g}`}>{delta(row.g)}</span> },
            ]}
          />
          <div className="cs-muted" style={{ marginTop: 8 }} data-testid="scoring-average">
            平均分 {before?.averageScore.toFixed(1) ?? '—'}
            {after ? ` → ${after.averageScore.toFixed(1)}` : ''} · 试算 {(after ?? before)?.scored.toLocaleString('zh-CN') ?? '—'} 位客户
          </div>
          <Space style={{ marginTop: 12 }}>
            <Button variant="outline" disabled={!dirty} onClick={() => setDraft(saved)}>
              撤销修改
            </Button>
            {admin ? (
              <Popconfirm content="保存后将为全部客户重新评分，分级和线索分配随之变化。" onConfirm={save}>
                <Button theme="primary" disabled={!dirty} loading={saving} data-testid="save-scoring">
                  保存并重新评分
                </Button>
              </Popconfirm>
            ) : (
              <span className="cs-muted">团队主管可试算，仅管理员可保存</span>
            )}
          </Space>
        </div>
      </div>
      {adding && <AddRuleDialog existing={draft.rules.map((r) => r.id)} onClose={() => setAdding(false)} onAdd={(r) => (setDraft({ ...draft, rules: [...draft.rules, r] }), setAdding(false))} />}
    </div>
  );
}

function AddRuleDialog({ existing, onClose, onAdd }: { existing: string[]; onClose: () => void; onAdd: (r: ScoringRule) => void }) {
  const [kind, setKind] = useState<'tag' | 'event'>('tag');
  const [name, setName] = useState('');
  const [points, setPoints] = useState(10);
  const [dimension, setDimension] = useState<'fit' | 'engagement'>('engagement');
  const [group, setGroup] = useState<string | undefined>();
  const [tag, setTag] = useState<string | undefined>();
  const [event, setEvent] = useState('view_product');
  const [withinDays, setWithinDays] = useState(30);
  const [halfLife, setHalfLife] = useState(7);
  const [maxPoints, setMaxPoints] = useState(20);
  const [dictionary, setDictionary] = useState<DictionaryGroup[]>([]);
  useEffect(() => {
    tagDictionary().then(setDictionary).catch(() => setDictionary([]));
  }, []);
  let id = `custom_${existing.length + 1}`;
  for (let i = 2; existing.includes(id); i++) id = `custom_${existing.length + i}`;
  const rule: ScoringRule =
    kind === 'tag'
      ? { id, name: name.trim(), kind: 'tag', dimension, points, ...(group ? { group } : {}), ...(tag ? { tag } : {}) }
      : { id, name: name.trim(), kind: 'event', dimension: 'engagement', points, event: event.trim(), withinDays, halfLifeDays: halfLife, maxPoints };
  const ok = name.trim() && (kind === 'event' ? event.trim() : group || tag);
  const groupObj = dictionary.find((g) => g.key === group);
  return (
    <Dialog visible header="添加评分规则" onClose={onClose} onConfirm={() => ok && onAdd(rule)} confirmBtn={{ content: '添加到草稿', disabled: !ok }}>
      <Space breakLine>
        <div className="cx-field">
          <label>类型</label>
          <Select style={{ width: 140 }} value={kind} options={[{ label: '带某个标签', value: 'tag' }, { label: '做了某事', value: 'event' }]} onChange={(v) => setKind(v as 'tag' | 'event')} />
        </div>
        <div className="cx-field">
          <label>名称</label>
          <Input style={{ width: 200 }} value={name} onChange={(v) => setName(String(v))} placeholder="例如 关注教育金" />
        </div>
        <div className="cx-field">
          <label>分值</label>
          <InputNumber style={{ width: 110 }} min={-100} max={100} value={points} onChange={(v) => setPoints(Number(v) || 0)} />
        </div>
      </Space>
      {kind === 'tag' ? (
        <Space breakLine>
          <div className="cx-field">
            <label>维度</label>
            <Select style={{ width: 110 }} value={dimension} options={[{ label: '匹配度', value: 'fit' }, { label: '活跃度', value: 'engagement' }]} onChange={(v) => setDimension(v as 'fit' | 'engagement')} />
          </div>
          <div className="cx-field">
            <label>标签组</label>
            <Select style={{ width: 140 }} clearable value={group} options={dictionary.map((g) => ({ label: g.name, value: g.key }))} onChange={(v) => (setGroup((v as string) || undefined), setTag(undefined))} />
          </div>
          <div className="cx-field">
            <label>标签（空为组内任一）</label>
            <Select style={{ width: 150 }} clearable filterable value={tag} options={(groupObj?.tags ?? dictionary.flatMap((g) => g.tags)).map((t) => ({ label: t.name, value: t.name }))} onChange={(v) => setTag((v as string) || undefined)} />
          </div>
        </Space>
      ) : (
        <Space breakLine>
          <div className="cx-field">
            <label>事件名</label>
            <Input style={{ width: 150 }} value={event} onChange={(v) => setEvent(String(v))} />
          </div>
          <div className="cx-field">
            <label>天内</label>
            <InputNumber style={{ width: 90 }} min={1} max={366} value={withinDays} onChange={(v) => setWithinDays(Number(v) || 1)} />
          </div>
          <div className="cx-field">
            <label>减半天数</label>
            <InputNumber style={{ width: 90 }} min={0.5} max={366} value={halfLife} onChange={(v) => setHalfLife(Number(v) || 1)} />
          </div>
          <div className="cx-field">
            <label>至多</label>
            <InputNumber style={{ width: 90 }} min={0} max={100} value={maxPoints} onChange={(v) => setMaxPoints(Number(v) || 0)} />
          </div>
        </Space>
      )}
    </Dialog>
  );
}
