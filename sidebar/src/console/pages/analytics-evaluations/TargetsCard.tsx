import { useMemo, useState } from 'react';
import { Button, Dialog, InputNumber, MessagePlugin, Popconfirm, Select, Space, Table, type PrimaryTableCol } from 'tdesign-react';
import { AddIcon } from 'tdesign-icons-react';
import type { EvaluationPeriod, EvaluationTarget, EvaluationTargetInput, MetricKey } from '@lodestar/shared';
import { dateTime } from '../../../common/format';
import { deleteTarget, saveTarget } from '../../../services/analytics';
import { errorText } from '../../../services/http';
import { evaluationPeriodLabels, metricLabels, metricText, type MetricUnit } from '../_analytics/labels';

// Lists from the label records: the sidebar takes only types from @lodestar/shared (no zod in the bundle).
const metricKeys = Object.keys(metricLabels) as MetricKey[];
const evaluationPeriods = Object.keys(evaluationPeriodLabels) as EvaluationPeriod[];

export interface Catalog {
  name(k: MetricKey): string;
  unit(k: MetricKey): MetricUnit;
  team(id: string | null): string;
  teams: Array<{ id: string; name: string }>;
}

/** The goals evaluations measure against; admins add, change and remove them. */
export function TargetsCard({ targets, error, isAdmin, catalog, onChanged }: { targets: EvaluationTarget[] | null; error: string | null; isAdmin: boolean; catalog: Catalog; onChanged: () => void }) {
  const [editing, setEditing] = useState<EvaluationTarget | 'new' | null>(null);
  const [period, setPeriod] = useState<EvaluationPeriod | ''>('');
  // By period (week, month, …), then in the seed's metric order.
  const rows = useMemo(
    () =>
      (targets ?? [])
        .filter((t) => !period || t.period === period)
        .sort((a, b) => evaluationPeriods.indexOf(a.period) - evaluationPeriods.indexOf(b.period) || metricKeys.indexOf(a.metric) - metricKeys.indexOf(b.metric) || (a.teamId ?? '').localeCompare(b.teamId ?? '')),
    [targets, period],
  );

  const remove = (t: EvaluationTarget): void => {
    deleteTarget(t.id)
      .then(() => {
        void MessagePlugin.success(`已删除：${catalog.name(t.metric)}（${evaluationPeriodLabels[t.period]}）`);
        onChanged();
      })
      .catch((e) => void MessagePlugin.error(errorText(e)));
  };

  const columns: PrimaryTableCol<EvaluationTarget>[] = [
    { colKey: 'metric', title: '指标', cell: ({ row }) => <b>{catalog.name(row.metric)}</b> },
    { colKey: 'period', title: '考核周期', width: 140, cell: ({ row }) => evaluationPeriodLabels[row.period] },
    { colKey: 'teamId', title: '范围', width: 140, cell: ({ row }) => catalog.team(row.teamId) },
    { colKey: 'target', title: '目标', width: 130, align: 'right', cell: ({ row }) => metricText(row.target, catalog.unit(row.metric)) },
    { colKey: 'tolerance', title: '容差', width: 90, align: 'right', cell: ({ row }) => `${(row.tolerance * 100).toFixed(0)}%` },
    { colKey: 'updatedAt', title: '更新', width: 150, cell: ({ row }) => <span className="cs-muted">{dateTime(row.updatedAt)}</span> },
  ];
  if (isAdmin)
    columns.push({
      colKey: 'op',
      title: '操作',
      width: 120,
      cell: ({ row }) => (
        <Space size={0}>
          <Button size="small" variant="text" theme="primary" onClick={() => setEditing(row)}>
            编辑
          </Button>
          <Popconfirm content={`删除「${catalog.name(row.metric)}」的${evaluationPeriodLabels[row.period]}目标？`} onConfirm={() => remove(row)}>
            <Button size="small" variant="text" theme="danger">
              删除
            </Button>
          </Popconfirm>
        </Space>
      ),
    });

  return (
    <div className="cs-card" data-testid="targets">
      <div className="an-card-head">
        <h3>
          考核目标 <span className="cs-muted">完成度低于时间进度超过容差即标记「偏离」</span>
        </h3>
        <Select style={{ width: 170 }} value={period} options={[{ value: '', label: '全部周期' }, ...evaluationPeriods.map((p) => ({ value: p, label: evaluationPeriodLabels[p] }))]} onChange={(v) => setPeriod((v as EvaluationPeriod | '') ?? '')} />
        <span className="cs-muted">{targets ? `${rows.length} 个目标` : ''}</span>
        <span className="cs-toolbar__spacer" style={{ flex: 1 }} />
        {isAdmin && (
          <Button theme="primary" variant="outline" icon={<AddIcon />} onClick={() => setEditing('new')} data-testid="target-add">
            新增目标
          </Button>
        )}
      </div>
      <Table rowKey="id" size="small" maxHeight={360} data={rows} loading={targets === null && !error} columns={columns} empty={error ? <span className="an-error">目标加载失败：{error}</span> : isAdmin ? '还没有考核目标，点「新增目标」设置' : '还没有考核目标'} />
      {editing && <TargetDialog target={editing === 'new' ? null : editing} catalog={catalog} onClose={() => setEditing(null)} onSaved={() => (setEditing(null), onChanged())} />}
    </div>
  );
}

/** The form shows rates as percentages; the API takes 0..1. */
const toForm = (v: number, unit: MetricUnit): number => (unit === 'ratio' ? Math.round(v * 1000) / 10 : v);
const fromForm = (v: number, unit: MetricUnit): number => (unit === 'ratio' ? v / 100 : v);

function TargetDialog({ target, catalog, onClose, onSaved }: { target: EvaluationTarget | null; catalog: Catalog; onClose: () => void; onSaved: () => void }) {
  const [metric, setMetric] = useState<MetricKey>(target?.metric ?? 'activity_penetration');
  const [period, setPeriod] = useState<EvaluationPeriod>(target?.period ?? 'month');
  const [teamId, setTeamId] = useState<string | null>(target?.teamId ?? null);
  const [value, setValue] = useState<number>(target ? toForm(target.target, catalog.unit(target.metric)) : 0);
  const [tolerance, setTolerance] = useState<number>(Math.round((target?.tolerance ?? 0.1) * 100));
  const [busy, setBusy] = useState(false);
  const unit = catalog.unit(metric);

  const save = async (): Promise<void> => {
    const input: EvaluationTargetInput = { metric, period, teamId, target: fromForm(value, unit), tolerance: tolerance / 100 };
    setBusy(true);
    try {
      await saveTarget(input);
      // The target is keyed by metric, period and team: a changed key is a new target, so the old one goes.
      if (target && (target.metric !== metric || target.period !== period || target.teamId !== teamId)) await deleteTarget(target.id);
      void MessagePlugin.success('目标已保存');
      onSaved();
    } catch (e) {
      void MessagePlugin.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog header={target ? '编辑考核目标' : '新增考核目标'} visible width={520} onClose={onClose} onConfirm={() => void save()} confirmBtn={{ content: '保存', loading: busy }} cancelBtn="取消">
      <div className="cx-field">
        <label>指标</label>
        <Select value={metric} options={metricKeys.map((k) => ({ value: k, label: catalog.name(k) }))} onChange={(v) => setMetric(v as MetricKey)} />
      </div>
      <Space>
        <div className="cx-field">
          <label>考核周期</label>
          <Select style={{ width: 200 }} value={period} options={evaluationPeriods.map((p) => ({ value: p, label: evaluationPeriodLabels[p] }))} onChange={(v) => setPeriod(v as EvaluationPeriod)} />
        </div>
        <div className="cx-field">
          <label>范围</label>
          <Select style={{ width: 220 }} value={teamId ?? ''} options={[{ value: '', label: '全公司' }, ...catalog.teams.map((t) => ({ value: t.id, label: t.name }))]} onChange={(v) => setTeamId(v ? String(v) : null)} />
        </div>
      </Space>
      <Space>
        <div className="cx-field">
          <label>目标值</label>
          <span data-testid="target-value">
            <InputNumber style={{ width: 200 }} min={0} max={unit === 'ratio' ? 100 : 1e9} decimalPlaces={unit === 'count' ? 0 : 1} suffix={unit === 'ratio' ? '%' : unit === 'points' ? '个百分点' : undefined} value={value} onChange={(v) => setValue(Number(v) || 0)} />
          </span>
        </div>
        <div className="cx-field">
          <label>容差</label>
          <InputNumber style={{ width: 140 }} min={0} max={100} decimalPlaces={0} suffix="%" value={tolerance} onChange={(v) => setTolerance(Number(v) || 0)} />
        </div>
      </Space>
      <div className="cx-field__hint">
        {unit === 'ratio' ? '比率类指标按百分比填写，如 35 表示 35%。' : unit === 'count' ? '计数类指标按整期目标填写，期中按时间进度折算。' : '提升类指标按百分点填写。'}
        同一指标、周期和范围只有一个目标，再次保存会覆盖。
      </div>
    </Dialog>
  );
}
