import { useMemo, useState } from 'react';
import { Loading, Radio } from 'tdesign-react';
import type { AnalyticsPeriodQuery, MetricKey, MetricValue } from '@lodestar/shared';
import { Chart, type ChartOption } from '../../../common/Chart';
import { pct } from '../../../common/format';
import { metricBreakdown } from '../../../services/analytics';
import { agentMetrics, metricLabels, metricText, ratioText } from '../_analytics/labels';
import { useLoad } from '../_analytics/useLoad';

/** Per-agent bars (best first) for the metrics that are about agents: call connect rate, SLA compliance, activity. */
export function AgentCard({ query, metrics }: { query: AnalyticsPeriodQuery; metrics: MetricValue[] }) {
  const [picked, setMetric] = useState<MetricKey | null>(null);
  // Opens on the first agent metric the period has numbers for.
  const metric = picked ?? agentMetrics.find((k) => metrics.find((m) => m.key === k)?.value != null) ?? agentMetrics[0]!;
  const rows = useLoad(() => metricBreakdown(metric, query, 'agent'), [metric, query]);
  const m = metrics.find((x) => x.key === metric);
  const unit = m?.unit ?? 'ratio';
  const sorted = useMemo(() => [...(rows.data ?? [])].sort((a, b) => (b.value ?? -1) - (a.value ?? -1)), [rows.data]);

  const option = useMemo<ChartOption>(
    () => ({
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (ps: Array<{ dataIndex: number }>) => {
          const r = sorted[ps[0]?.dataIndex ?? 0]!;
          return `<b>${r.label}</b><br/>${metricText(r.value, unit)}${r.ratio ? `<br/>${ratioText(r.ratio)}` : ''}`;
        },
      },
      grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: sorted.map((r) => r.label), axisTick: { show: false }, axisLabel: { interval: 0, rotate: sorted.length > 16 ? 40 : 0, width: 72, overflow: 'truncate' } },
      yAxis: { type: 'value', max: unit === 'ratio' ? 1 : undefined, axisLabel: { formatter: (v: number) => (unit === 'ratio' ? pct(v) : String(v)) } },
      series: [
        {
          type: 'bar',
          barMaxWidth: 28,
          data: sorted.map((r) => r.value),
          itemStyle: { color: '#0052d9', borderRadius: [3, 3, 0, 0] },
          label: { show: sorted.length <= 16, position: 'top', formatter: (p: { value: number | null }) => metricText(p.value, unit) },
        },
      ],
    }),
    [sorted, unit],
  );

  return (
    <div className="cs-card">
      <div className="an-card-head">
        <h3>
          顾问对比 <span className="cs-muted">{sorted.length ? `${sorted.length} 位顾问` : ''}</span>
        </h3>
        <Radio.Group variant="default-filled" size="small" value={metric} onChange={(v) => setMetric(v as MetricKey)}>
          {agentMetrics.map((k) => (
            <Radio.Button key={k} value={k}>
              {metrics.find((x) => x.key === k)?.name ?? metricLabels[k]}
            </Radio.Button>
          ))}
        </Radio.Group>
      </div>
      {rows.error ? (
        <div className="an-error">顾问数据加载失败：{rows.error}</div>
      ) : !rows.data ? (
        <Loading className="cs-loading" text="加载中…" />
      ) : sorted.length === 0 ? (
        <div className="cs-empty">这段时间没有顾问数据</div>
      ) : (
        <Chart option={option} height={300} testId="agent-chart" />
      )}
    </div>
  );
}
