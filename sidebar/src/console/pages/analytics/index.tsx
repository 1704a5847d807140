import { useEffect, useState } from 'react';
import { Button, Loading } from 'tdesign-react';
import { useNavigate } from 'react-router-dom';
import type { MetricKey, MetricReport } from '@lodestar/shared';
import { metricReport, metricSeries, type MetricSeriesPoint } from '../../../services/analytics';
import { seriesInterval } from '../_analytics/period';
import { ScopeBar, useScope } from '../_analytics/scope';
import { useLoad } from '../_analytics/useLoad';
import { AgentCard } from './AgentCard';
import { JourneyCard } from './JourneyCard';
import { KpiCards } from './KpiCards';
import { TrendCard } from './TrendCard';
import '../_kit/kit.css';
import '../_analytics/analytics.css';

type SeriesMap = Partial<Record<MetricKey, MetricSeriesPoint[]>>;

/** 经营分析: the seed's metrics for a period (and a team), the journey funnel, a trend and the agents side by side. */
export function AnalyticsPage() {
  const navigate = useNavigate();
  const scope = useScope();
  const { query, range } = scope;
  const report = useLoad<MetricReport>(() => metricReport(query), [query]);
  const [series, setSeries] = useState<SeriesMap>({});
  const [trend, setTrend] = useState<MetricKey | null>(null);
  const interval = seriesInterval(range.days);

  // The sparklines: one series per metric, asked once the report says which metrics there are.
  useEffect(() => {
    if (!report.data) return;
    let live = true;
    setSeries({});
    for (const m of report.data.items)
      metricSeries(m.key, query, interval)
        .then((pts) => live && setSeries((s) => ({ ...s, [m.key]: pts })))
        .catch(() => live && setSeries((s) => ({ ...s, [m.key]: [] })));
    return () => {
      live = false;
    };
    // Only a new report starts them; it was asked with the query and interval in scope now.
  }, [report.data]);

  const items = report.data?.items ?? [];
  // The trend opens on the first metric with something in it.
  const trendKey = trend ?? items.find((m) => m.value)?.key ?? items.find((m) => m.value !== null)?.key ?? items[0]?.key ?? null;

  return (
    <div className="an-page" data-testid="analytics-page">
      <ScopeBar scope={scope}>
        <Button variant="outline" onClick={() => navigate('/analytics/funnels')}>
          漏斗与留存
        </Button>
        <Button variant="outline" onClick={() => navigate('/analytics/evaluations')}>
          考核评估
        </Button>
      </ScopeBar>
      {report.error ? (
        <div className="an-error" data-testid="analytics-error">
          指标加载失败：{report.error}
        </div>
      ) : !report.data ? (
        <Loading className="cs-loading" text="计算指标…" />
      ) : items.length === 0 ? (
        <div className="cs-card cs-empty">没有可显示的指标</div>
      ) : (
        <KpiCards items={items} series={series} active={trendKey} onPick={setTrend} />
      )}
      <JourneyCard query={query} />
      <div className="an-row an-row--trend">
        {trendKey ? <TrendCard query={query} metrics={items} metric={trendKey} onMetric={setTrend} rangeDays={range.days} /> : <div className="cs-card cs-empty">{report.error ? '指标不可用' : '加载中…'}</div>}
        <AgentCard query={query} metrics={items} />
      </div>
    </div>
  );
}
