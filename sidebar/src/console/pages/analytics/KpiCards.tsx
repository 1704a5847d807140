import { Tooltip } from 'tdesign-react';
import type { MetricKey, MetricValue } from '@lodestar/shared';
import type { MetricSeriesPoint } from '../../../services/analytics';
import { metricText, ratioText } from '../_analytics/labels';
import { Sparkline } from '../_analytics/Sparkline';

function Detail({ m, points }: { m: MetricValue; points: MetricSeriesPoint[] | undefined }) {
  return (
    <div style={{ lineHeight: 1.7 }}>
      <b>{m.name}</b>：{metricText(m.value, m.unit)}
      {m.ratio && (
        <div>
          = {ratioText(m.ratio)}
          {m.ratio.denominator === 0 && '（分母为 0，无法计算）'}
        </div>
      )}
      <div>{m.better === 'higher' ? '越高越好' : '越低越好'}</div>
      {points && points.length > 0 && (
        <div>
          趋势：{points[0]!.day} 至 {points[points.length - 1]!.day}，共 {points.length} 个点
        </div>
      )}
    </div>
  );
}

/** One card per metric: the value, what it is computed from (on hover) and its trend over the period. */
export function KpiCards({ items, series, active, onPick }: { items: MetricValue[]; series: Partial<Record<MetricKey, MetricSeriesPoint[]>>; active: MetricKey | null; onPick: (k: MetricKey) => void }) {
  return (
    <div className="an-kpis" data-testid="kpi-cards">
      {items.map((m) => {
        const points = series[m.key];
        return (
          <Tooltip key={m.key} content={<Detail m={m} points={points} />} placement="bottom" showArrow>
            <div className={`an-kpi${active === m.key ? ' is-active' : ''}`} data-testid={`kpi-${m.key}`} onClick={() => onPick(m.key)}>
              <div className="an-kpi__label">{m.name}</div>
              <div className={`an-kpi__value${m.value === null ? ' is-empty' : ''}`} data-testid="kpi-value">
                {metricText(m.value, m.unit)}
              </div>
              <div className="an-kpi__foot">
                <span className="an-kpi__sub">{m.ratio ? ratioText(m.ratio) : m.better === 'lower' ? '越低越好' : ' '}</span>
                <Sparkline values={(points ?? []).map((p) => p.value)} width={84} height={28} color={m.better === 'lower' ? '#e37318' : '#0052d9'} />
              </div>
            </div>
          </Tooltip>
        );
      })}
    </div>
  );
}
