import { useMemo, useState } from 'react';
import { Button, MessagePlugin, Table, Tag, type PrimaryTableCol } from 'tdesign-react';
import { DownloadIcon } from 'tdesign-icons-react';
import type { EvaluationRow, EvaluationSnapshot } from '@lodestar/shared';
import { dateTime, pct } from '../../../common/format';
import { downloadEvaluationCsv } from '../../../services/analytics';
import { errorText } from '../../../services/http';
import { deviationText, evaluationPeriodLabels, metricText, pctOrDash } from '../_analytics/labels';
import type { Catalog } from './TargetsCard';

function Completion({ row }: { row: EvaluationRow }) {
  const c = row.completion;
  return (
    <div className="an-progress-cell" title={`完成度 ${pctOrDash(c)}，时间进度 ${pct(row.expected)}`}>
      <div className="an-progress">
        {c !== null && <div className={`an-progress__bar${row.offTrack ? ' is-off' : ''}`} style={{ width: `${Math.min(1, Math.max(0, c)) * 100}%` }} />}
        <div className="an-progress__mark" style={{ left: `calc(${Math.min(1, row.expected) * 100}% - 1px)` }} />
      </div>
      <span className={row.offTrack ? 'an-off' : ''}>{pctOrDash(c)}</span>
    </div>
  );
}

/** One evaluation snapshot: each goal's value, target, completion against the time elapsed, and whether it is off track. */
export function ReportCard({ snapshot, catalog }: { snapshot: EvaluationSnapshot; catalog: Catalog }) {
  const [busy, setBusy] = useState(false);
  const rows = useMemo(() => snapshot.rows.map((r, i) => ({ ...r, id: `${r.metric}:${r.teamId ?? ''}:${i}` })), [snapshot]);

  const exportCsv = (): void => {
    setBusy(true);
    downloadEvaluationCsv(snapshot.id, `考核评估-${evaluationPeriodLabels[snapshot.period].replace(/（.*）/, '')}-${snapshot.firstDay}.csv`)
      .catch((e) => void MessagePlugin.error(errorText(e)))
      .finally(() => setBusy(false));
  };

  const columns: PrimaryTableCol<EvaluationRow & { id: string }>[] = [
    { colKey: 'name', title: '指标', cell: ({ row }) => <b>{row.name}</b> },
    { colKey: 'teamId', title: '范围', width: 120, cell: ({ row }) => catalog.team(row.teamId) },
    { colKey: 'value', title: '实际', width: 110, align: 'right', cell: ({ row }) => metricText(row.value, row.unit) },
    { colKey: 'target', title: '目标', width: 110, align: 'right', cell: ({ row }) => metricText(row.target, row.unit) },
    { colKey: 'completion', title: '完成度（竖线为时间进度）', width: 260, cell: ({ row }) => <Completion row={row} /> },
    { colKey: 'deviation', title: '偏差', width: 130, align: 'right', cell: ({ row }) => <span className={row.deviation !== null && (row.better === 'higher' ? row.deviation < 0 : row.deviation > 0) ? 'an-drop' : ''}>{deviationText(row.deviation, row.unit)}</span> },
    {
      colKey: 'offTrack',
      title: '状态',
      width: 90,
      cell: ({ row }) =>
        row.offTrack ? (
          <span data-testid="off-track">
            <Tag theme="danger" variant="light">
              偏离
            </Tag>
          </span>
        ) : row.value === null ? (
          <Tag variant="light">无数据</Tag>
        ) : (
          <Tag theme="success" variant="light">
            正常
          </Tag>
        ),
    },
  ];

  return (
    <div className="cs-card" data-testid="evaluation-report">
      <div className="an-report-head">
        <h3 style={{ margin: 0 }}>评估报告</h3>
        <span>
          <Tag variant="light" theme="primary">
            {evaluationPeriodLabels[snapshot.period]}
          </Tag>{' '}
          {snapshot.firstDay} 至 {snapshot.lastDay}
        </span>
        <span className="cs-muted">
          {snapshot.trigger === 'manual' ? '手动' : '定时'}生成于 {dateTime(snapshot.takenAt)}
        </span>
        <span>
          {snapshot.offTrack > 0 ? (
            <span className="an-off" data-testid="report-off-count">
              {snapshot.offTrack} 项偏离
            </span>
          ) : (
            <span style={{ color: '#2ba471' }} data-testid="report-off-count">
              全部正常
            </span>
          )}
          <span className="cs-muted"> / 共 {snapshot.rows.length} 项</span>
        </span>
        <span style={{ flex: 1 }} />
        <Button variant="outline" icon={<DownloadIcon />} loading={busy} onClick={exportCsv} data-testid="export-csv">
          导出 CSV
        </Button>
      </div>
      {snapshot.rows.length === 0 ? (
        <div className="cs-empty">这次评估没有对应的考核目标</div>
      ) : (
        <Table rowKey="id" size="small" data={rows} columns={columns} rowClassName={({ row }) => (row.offTrack ? 'an-row-off' : '')} />
      )}
    </div>
  );
}
