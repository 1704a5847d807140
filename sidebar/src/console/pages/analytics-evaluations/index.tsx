import { useCallback, useEffect, useMemo, useState } from 'react';
import { Button, Checkbox, Loading, MessagePlugin, Select, Table, Tag, type PrimaryTableCol } from 'tdesign-react';
import type { EvaluationPeriod, EvaluationSnapshot, EvaluationTarget, MetricKey } from '@lodestar/shared';
import { dateTime } from '../../../common/format';
import { getEvaluation, knownTeams, listEvaluations, listTargets, runEvaluation } from '../../../services/analytics';
import { now } from '../../../services/clock';
import { errorText } from '../../../services/http';
import { loadSession } from '../../../services/session';
import { evaluationPeriodLabels, metricLabels, metricUnits, type MetricUnit } from '../_analytics/labels';
import { periodRange } from '../_analytics/period';
import { dayBefore, localOffset } from '../_analytics/scope';
import { ReportCard } from './ReportCard';
import { TargetsCard, type Catalog } from './TargetsCard';
import '../_kit/kit.css';
import '../_analytics/analytics.css';

const periods = Object.keys(evaluationPeriodLabels) as EvaluationPeriod[];

/** 考核评估: goals per metric and period, evaluation snapshots by period, and a snapshot's report with CSV export. */
export function EvaluationsPage() {
  const isAdmin = loadSession()?.user.role === 'admin';
  const [targets, setTargets] = useState<EvaluationTarget[] | null>(null);
  const [targetError, setTargetError] = useState<string | null>(null);
  const [teams, setTeams] = useState<Array<{ id: string; name: string }>>([]);
  const [kind, setKind] = useState<EvaluationPeriod | ''>('');
  const [snapshots, setSnapshots] = useState<EvaluationSnapshot[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [selected, setSelected] = useState<EvaluationSnapshot | null>(null);
  const [loadingReport, setLoadingReport] = useState(false);
  const [runPeriod, setRunPeriod] = useState<EvaluationPeriod>('month');
  const [closed, setClosed] = useState(false);
  const [running, setRunning] = useState(false);

  const loadTargets = useCallback(() => {
    listTargets()
      .then((t) => (setTargets(t), setTargetError(null)))
      .catch((e) => (setTargets([]), setTargetError(errorText(e))));
  }, []);
  const loadSnapshots = useCallback((period: EvaluationPeriod | '', pick?: EvaluationSnapshot) => {
    setSnapshots(null);
    listEvaluations({ period: period || undefined, limit: 50 })
      .then((items) => {
        setSnapshots(items);
        setListError(null);
        setSelected((cur) => pick ?? (cur && items.some((s) => s.id === cur.id) ? cur : (items[0] ?? null)));
      })
      .catch((e) => (setSnapshots([]), setListError(errorText(e))));
  }, []);

  useEffect(() => {
    loadTargets();
    const year = periodRange('custom', now(), localOffset(), [dayBefore(365), dayBefore(0)]);
    knownTeams({ from: year.from, to: year.to })
      .then(setTeams)
      .catch(() => setTeams([]));
  }, [loadTargets]);
  useEffect(() => loadSnapshots(kind), [kind, loadSnapshots]);

  // Names and units: the server's words from any snapshot seen, else the console's own.
  const catalog = useMemo<Catalog>(() => {
    const names = new Map<MetricKey, string>();
    const units = new Map<MetricKey, MetricUnit>();
    for (const s of [selected, ...(snapshots ?? [])]) 
      for (const r of s?.rows ?? []) {
        names.set(r.metric, r.name);
        units.set(r.metric, r.unit);
      }
    return {
      name: (k) => names.get(k) ?? metricLabels[k] ?? k,
      unit: (k) => units.get(k) ?? metricUnits[k] ?? 'ratio',
      team: (id) => (id ? (teams.find((t) => t.id === id)?.name ?? id) : '全公司'),
      teams,
    };
  }, [selected, snapshots, teams]);

  const open = (s: EvaluationSnapshot): void => {
    setLoadingReport(true);
    getEvaluation(s.id)
      .then(setSelected)
      .catch((e) => void MessagePlugin.error(errorText(e)))
      .finally(() => setLoadingReport(false));
  };

  const run = (): void => {
    setRunning(true);
    runEvaluation(runPeriod, closed && runPeriod !== 'realtime')
      .then((snap) => {
        void MessagePlugin.success(`评估完成：${snap.rows.length} 项目标，${snap.offTrack} 项偏离`);
        setSelected(snap);
        if (kind && kind !== snap.period) setKind(snap.period);
        else loadSnapshots(kind, snap);
      })
      .catch((e) => void MessagePlugin.error(errorText(e)))
      .finally(() => setRunning(false));
  };

  const columns: PrimaryTableCol<EvaluationSnapshot>[] = [
    { colKey: 'period', title: '周期', width: 150, cell: ({ row }) => evaluationPeriodLabels[row.period] },
    { colKey: 'range', title: '考核区间', cell: ({ row }) => `${row.firstDay} 至 ${row.lastDay}` },
    { colKey: 'takenAt', title: '生成时间', width: 130, cell: ({ row }) => dateTime(row.takenAt) },
    { colKey: 'trigger', title: '方式', width: 70, cell: ({ row }) => (row.trigger === 'manual' ? '手动' : '定时') },
    {
      colKey: 'offTrack',
      title: '偏离',
      width: 90,
      cell: ({ row }) =>
        row.offTrack > 0 ? (
          <Tag theme="danger" variant="light">
            {row.offTrack} 项
          </Tag>
        ) : (
          <Tag theme="success" variant="light">
            无
          </Tag>
        ),
    },
  ];

  return (
    <div className="an-page" data-testid="evaluations-page">
      <div className="cs-card" data-testid="snapshots">
        <div className="an-card-head">
          <h3>评估快照</h3>
          <Select
            style={{ width: 170 }}
            value={kind}
            options={[{ value: '', label: '全部周期' }, ...periods.map((p) => ({ value: p, label: evaluationPeriodLabels[p] }))]}
            onChange={(v) => setKind((v as EvaluationPeriod | '') ?? '')}
          />
          <span style={{ flex: 1 }} />
          {isAdmin && (
            <>
              <Select style={{ width: 170 }} value={runPeriod} options={periods.map((p) => ({ value: p, label: evaluationPeriodLabels[p] }))} onChange={(v) => setRunPeriod(v as EvaluationPeriod)} />
              <Checkbox checked={closed && runPeriod !== 'realtime'} disabled={runPeriod === 'realtime'} onChange={(v) => setClosed(Boolean(v))}>
                上一个完整周期
              </Checkbox>
              <Button theme="primary" loading={running} onClick={run} data-testid="run-evaluation">
                立即评估
              </Button>
            </>
          )}
        </div>
        <Table
          rowKey="id"
          size="small"
          hover
          maxHeight={300}
          data={snapshots ?? []}
          loading={snapshots === null}
          columns={columns}
          rowClassName={({ row }) => `an-snap${row.id === selected?.id ? ' an-snap-selected' : ''}`}
          onRowClick={({ row }) => open(row)}
          empty={listError ? <span className="an-error">快照加载失败：{listError}</span> : isAdmin ? '还没有评估快照：定时任务会按周期生成，也可以「立即评估」' : '还没有评估快照'}
        />
      </div>
      {loadingReport ? (
        <div className="cs-card">
          <Loading className="cs-loading" text="加载报告…" />
        </div>
      ) : selected ? (
        <ReportCard snapshot={selected} catalog={catalog} />
      ) : (
        <div className="cs-card cs-empty">{snapshots === null ? '加载中…' : snapshots.length ? '点一个快照查看报告' : '还没有报告'}</div>
      )}
      {/* The goals below the report: read daily, changed now and then. */}
      <TargetsCard targets={targets} error={targetError} isAdmin={isAdmin} catalog={catalog} onChanged={loadTargets} />
    </div>
  );
}
