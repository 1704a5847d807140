import { useMemo } from 'react';
import { Loading } from 'tdesign-react';
import type { AnalyticsPeriodQuery } from '@lodestar/shared';
import { Chart, type ChartOption } from '../../../common/Chart';
import { stageLabels, stageOrder } from '../../../common/labels';
import { journeyFunnel, stageCounts } from '../../../services/analytics';
import { FunnelView } from '../_analytics/FunnelView';
import { useLoad } from '../_analytics/useLoad';

/** The six-stage journey funnel for the period, and where customers stand right now. */
export function JourneyCard({ query }: { query: AnalyticsPeriodQuery }) {
  const funnel = useLoad(() => journeyFunnel(query), [query]);
  const stages = useLoad(() => stageCounts({ teamId: query.teamId }, stageOrder), [query.teamId]);

  const stageOption = useMemo<ChartOption>(() => {
    const rows = stages.data ?? [];
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => stageLabels[r.stage] ?? r.stage), axisTick: { show: false } },
      series: [
        { name: '当前处于该阶段', type: 'bar', barMaxWidth: 16, data: rows.map((r) => r.customers), itemStyle: { color: '#0052d9' }, label: { show: true, position: 'right' } },
        { name: '已到达该阶段及以后', type: 'bar', barMaxWidth: 16, data: rows.map((r) => r.atLeast), itemStyle: { color: '#94bfff' } },
      ],
    };
  }, [stages.data]);

  return (
    <div className="an-row">
      <div className="cs-card">
        <div className="an-card-head">
          <h3>
            客户旅程六阶段漏斗 <span className="cs-muted">期间内进入第一阶段的客户，按顺序到达后续阶段</span>
          </h3>
        </div>
        {funnel.error ? <div className="an-error">漏斗加载失败：{funnel.error}</div> : funnel.data ? <FunnelView result={funnel.data} testId="journey-funnel" /> : <Loading className="cs-loading" text="计算中…" />}
      </div>
      <div className="cs-card">
        <div className="an-card-head">
          <h3>
            当前阶段分布 <span className="cs-muted">此刻，不随期间变化</span>
          </h3>
        </div>
        {stages.error ? (
          <div className="an-error">阶段分布加载失败：{stages.error}</div>
        ) : !stages.data ? (
          <Loading className="cs-loading" text="加载中…" />
        ) : stages.data.every((r) => r.customers === 0) ? (
          <div className="cs-empty">还没有客户</div>
        ) : (
          <Chart option={stageOption} height={400} testId="stage-chart" />
        )}
      </div>
    </div>
  );
}
