import { useMemo, useState } from 'react';
import { Loading, Radio, Select } from 'tdesign-react';
import type { AnalyticsPeriodQuery, MetricKey, MetricValue } from '@lodestar/shared';
import { Chart, type ChartOption } from '../../../common/Chart';
import { pct } from '../../../common/format';
import { metricSeries } from '../../../services/analytics';
import { metricText } from '../_analytics/labels';
import { seriesInterval } from '../_analytics/period';
import { useLoad } from '../_analytics/useLoad';

/** One metric over the period, by day or by week. */
export function TrendCard({ query, metrics, metric, onMetric, rangeDays }: { query: AnalyticsPeriodQuery; metrics: MetricValue[]; metric: MetricKey; onMetric: (k: MetricKey) => void; rangeDays: number }) {
  const [picked, setInterval] = useState<'day' | 'week' | null>(null);
  // The server draws at most 62 points: a longer period goes by week.
  const dayAllowed = rangeDays <= 62;
  const interval = dayAllowed ? (picked ?? seriesInterval(rangeDays)) : 'week';
  const series = useLoad(() => metricSeries(metric, query, interval), [metric, query, interval]);
  const m = metrics.find((x) => x.key === metric);
  const unit = m?.unit ?? 'ratio';

  const option = useMemo<ChartOption>(() => {
    const pts = series.data ?? [];
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => metricText(v, unit) },
      grid: { left: 8, right: 24, top: 24, bottom: 8, containLabel: true },
      xAxis: { type: 'category', boundaryGap: false, data: pts.map((p) => (interval === 'week' ? `${p.day.slice(5)} 周` : p.day.slice(5))) },
      yAxis: { type: 'value', min: unit === 'ratio' ? 0 : undefined, axisLabel: { formatter: (v: number) => (unit === 'ratio' ? pct(v) : String(v)) } },
      series: [{ name: m?.name ?? metric, type: 'line', smooth: true, connectNulls: false, showSymbol: pts.length <= 31, data: pts.map((p) => p.value), itemStyle: { color: '#0052d9' }, areaStyle: { color: 'rgba(0,82,217,0.08)' } }],
    };
  }, [series.data, unit, interval, m?.name, metric]);

  const empty = series.data && series.data.every((p) => p.value === null);
  return (
    <div className="cs-card">
      <div className="an-card-head">
        <h3>指标趋势</h3>
        <Select style={{ width: 200 }} value={metric} options={metrics.map((x) => ({ value: x.key, label: x.name }))} onChange={(v) => onMetric(v as MetricKey)} />
        <Radio.Group variant="default-filled" size="small" value={interval} onChange={(v) => setInterval(v as 'day' | 'week')}>
          <Radio.Button value="day" disabled={!dayAllowed}>
            按日
          </Radio.Button>
          <Radio.Button value="week">按周</Radio.Button>
        </Radio.Group>
      </div>
      {series.error ? (
        <div className="an-error">趋势加载失败：{series.error}</div>
      ) : !series.data ? (
        <Loading className="cs-loading" text="加载中…" />
      ) : empty ? (
        <div className="cs-empty">这段时间「{m?.name ?? metric}」没有可计算的数据</div>
      ) : (
        <Chart option={option} height={300} testId="trend-chart" />
      )}
    </div>
  );
}
