import { useMemo } from 'react';
import type { FunnelResult } from '@lodestar/shared';
import { Chart, type ChartOption } from '../../../common/Chart';
import { stageLabels } from '../../../common/labels';
import { eventLabel, pctOrDash } from './labels';

const num = (n: number): string => n.toLocaleString('zh-CN');
/** The server labels a step by its stage key or event name when none was given: show those in words. */
const words = (label: string): string => (stageLabels as Record<string, string>)[label] ?? eventLabel(label);
const days = (d: number | null): string => (d === null ? '—' : `${d.toFixed(1)} 天`);

/** A funnel as horizontal bars (reached, and the drop-off from the step before) with a table of the rates. */
export function FunnelView({ result, testId, chartHeight }: { result: FunnelResult; testId: string; chartHeight?: number }) {
  const steps = useMemo(() => result.steps.map((s) => ({ ...s, label: words(s.label) })), [result]);
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (ps: Array<{ dataIndex: number }>) => {
          const s = steps[ps[0]?.dataIndex ?? 0]!;
          return [`<b>${s.label}</b>`, `到达 ${num(s.customers)} 人`, `上一步转化 ${pctOrDash(s.fromPrevious)}`, `总转化 ${pctOrDash(s.fromFirst)}`, `流失 ${num(s.dropOff)} 人`, `中位间隔 ${days(s.medianDaysFromPrevious)}`].join('<br/>');
        },
      },
      grid: { left: 8, right: 110, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', show: false, max: Math.max(1, steps[0]?.customers ?? 1) },
      yAxis: { type: 'category', inverse: true, data: steps.map((s, i) => `${i + 1}. ${s.label}`), axisTick: { show: false }, axisLine: { show: false }, axisLabel: { width: 120, overflow: 'truncate', color: '#1f2329' } },
      series: [
        {
          name: '到达',
          type: 'bar',
          stack: 'f',
          barMaxWidth: 34,
          data: steps.map((s) => s.customers),
          itemStyle: { color: '#0052d9', borderRadius: [3, 0, 0, 3] },
          // Inside the bar only when it is wide enough to hold the number (the table has them all).
          label: { show: true, position: 'insideLeft', color: '#fff', formatter: (p: { value: number }) => (p.value > 0 && p.value >= (steps[0]?.customers ?? 0) * 0.06 ? num(p.value) : '') },
        },
        {
          name: '流失',
          type: 'bar',
          stack: 'f',
          data: steps.map((s) => s.dropOff),
          itemStyle: { color: '#fbe0dc', borderRadius: [0, 3, 3, 0] },
          label: {
            show: true,
            position: 'right',
            color: '#4e5969',
            formatter: (p: { dataIndex: number }) => {
              const s = steps[p.dataIndex]!;
              if (p.dataIndex === 0) return '100%';
              return s.fromPrevious === null ? '' : `${pctOrDash(s.fromPrevious)}  (总 ${pctOrDash(s.fromFirst)})`;
            },
          },
        },
      ],
    }),
    [steps],
  );

  if (!steps.length || steps[0]!.customers === 0) return <div className="cs-empty" data-testid={`${testId}-empty`}>这段时间没有客户到达第一步</div>;
  return (
    <div data-testid={testId}>
      <Chart option={option} height={chartHeight ?? Math.max(180, steps.length * 44 + 16)} testId={`${testId}-chart`} />
      <table className="an-steps" data-testid={`${testId}-table`}>
        <thead>
          <tr>
            <th>步骤</th>
            <th>人数</th>
            <th>上一步转化</th>
            <th>总转化</th>
            <th>流失</th>
            <th>中位间隔</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((s, i) => (
            <tr key={i}>
              <td>
                {i + 1}. {s.label}
              </td>
              <td>{num(s.customers)}</td>
              <td>{i === 0 ? '—' : pctOrDash(s.fromPrevious)}</td>
              <td>{pctOrDash(s.fromFirst)}</td>
              <td className={s.dropOff > 0 ? 'an-drop' : ''}>{i === 0 ? '—' : num(s.dropOff)}</td>
              <td>{i === 0 ? '—' : days(s.medianDaysFromPrevious)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="an-hint" style={{ marginTop: 8 }}>
        整体转化 <b data-testid={`${testId}-overall`}>{pctOrDash(result.overall)}</b> · 窗口 {result.windowDays} 天：客户须在到达第一步后 {result.windowDays} 天内依次完成后续步骤
      </div>
    </div>
  );
}
