import { useEffect, useMemo, useState } from 'react';
import { Button, Loading, Radio, Select, Space } from 'tdesign-react';
import type { AnalyticsPeriodQuery, RetentionResult } from '@lodestar/shared';
import { Chart, type ChartOption } from '../../../common/Chart';
import { pct } from '../../../common/format';
import { runRetention } from '../../../services/analytics';
import { errorText } from '../../../services/http';
import { EventInput } from '../_analytics/EventInput';
import { pctOrDash } from '../_analytics/labels';
import { heatColour } from './heat';

const dayChoices = [1, 2, 3, 5, 7, 14, 21, 30, 60, 90];

interface Form {
  startEvent: string;
  returnEvent: string;
  cohort: 'day' | 'week';
  mode: 'bounded' | 'unbounded';
  days: number[];
}

/** Who came back: cohorts by the day (or week) of their start event, returning on day N (or N and later). */
export function RetentionCard({ query }: { query: AnalyticsPeriodQuery }) {
  const [form, setForm] = useState<Form>({ startEvent: 'check_in', returnEvent: 'check_in', cohort: 'day', mode: 'bounded', days: [1, 3, 7, 14, 30] });
  const [result, setResult] = useState<RetentionResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);

  const run = (): void => {
    if (!form.startEvent.trim() || !form.returnEvent.trim()) return setError('请填写起始事件和回访事件');
    if (!form.days.length) return setError('至少选一个留存天数');
    setRunning(true);
    setError(null);
    runRetention({ ...query, ...form, startEvent: form.startEvent.trim(), returnEvent: form.returnEvent.trim(), days: [...form.days].sort((a, b) => a - b) })
      .then(setResult)
      .catch((e) => {
        setResult(null);
        setError(errorText(e));
      })
      .finally(() => setRunning(false));
  };
  useEffect(() => run(), [query]);

  const set = (patch: Partial<Form>): void => setForm({ ...form, ...patch });

  return (
    <div className="cs-card" data-testid="retention">
      <div className="an-card-head">
        <h3>留存分析</h3>
      </div>
      <Space breakLine align="center" style={{ marginBottom: 12 }}>
        <span className="an-hint">起始事件</span>
        <EventInput value={form.startEvent} onChange={(startEvent) => set({ startEvent })} width={180} testId="retention-start" />
        <span className="an-hint">回访事件</span>
        <EventInput value={form.returnEvent} onChange={(returnEvent) => set({ returnEvent })} width={180} testId="retention-return" />
        <Radio.Group variant="default-filled" value={form.cohort} onChange={(v) => set({ cohort: v as Form['cohort'] })}>
          <Radio.Button value="day">按日分组</Radio.Button>
          <Radio.Button value="week">按周分组</Radio.Button>
        </Radio.Group>
        <Radio.Group variant="default-filled" value={form.mode} onChange={(v) => set({ mode: v as Form['mode'] })}>
          <Radio.Button value="bounded">当天回访</Radio.Button>
          <Radio.Button value="unbounded">当天及以后</Radio.Button>
        </Radio.Group>
        <Select
          style={{ width: 430 }}
          multiple
          filterable
          creatable
          minCollapsedNum={6}
          value={form.days}
          options={[...new Set([...dayChoices, ...form.days])].sort((a, b) => a - b).map((d) => ({ value: d, label: `${d} 天` }))}
          onChange={(v) => set({ days: [...new Set((v as Array<string | number>).map(Number).filter((d) => Number.isInteger(d) && d >= 1 && d <= 365))].slice(0, 12) })}
          placeholder="留存天数"
        />
        <Button theme="primary" loading={running} onClick={run} data-testid="retention-run">
          运行
        </Button>
      </Space>
      {error ? (
        <div className="an-error" data-testid="retention-error">
          {error}
        </div>
      ) : running && !result ? (
        <Loading className="cs-loading" text="计算中…" />
      ) : result ? (
        <RetentionView result={result} cohort={form.cohort} />
      ) : null}
    </div>
  );
}

function RetentionView({ result, cohort }: { result: RetentionResult; cohort: 'day' | 'week' }) {
  const max = Math.max(0, ...result.cohorts.flatMap((c) => c.rates.filter((r): r is number => r !== null)));
  const total = result.cohorts.reduce((n, c) => n + c.size, 0);
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => pctOrDash(v) },
      grid: { left: 8, right: 24, top: 24, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: result.days.map((d) => `第 ${d} 天`) },
      yAxis: { type: 'value', min: 0, axisLabel: { formatter: (v: number) => pct(v) } },
      series: [{ name: '整体留存', type: 'line', data: result.overall, connectNulls: false, itemStyle: { color: '#0052d9' }, label: { show: true, formatter: (p: { value: number | null }) => pctOrDash(p.value) } }],
    }),
    [result],
  );
  if (total === 0) return <div className="cs-empty">这段时间没有客户触发起始事件</div>;
  return (
    <div className="an-row">
      <div style={{ maxHeight: 420, overflow: 'auto' }}>
        <table className="an-cohort" data-testid="retention-table">
          <thead>
            <tr>
              <th style={{ textAlign: 'left' }}>{cohort === 'week' ? '起始周' : '起始日'}</th>
              <th style={{ textAlign: 'right' }}>人数</th>
              {result.days.map((d) => (
                <th key={d}>第 {d} 天</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {result.cohorts.map((c) => (
              <tr key={c.start}>
                <td className="an-cohort__start">{c.start}</td>
                <td className="an-cohort__size">{c.size.toLocaleString('zh-CN')}</td>
                {c.rates.map((r, i) => (
                  <td key={i} className={r === null ? 'is-future' : ''} style={heatColour(r, max)} title={r === null ? '还没到这一天' : `${c.returned[i] ?? 0} / ${c.size} 人`}>
                    {c.size === 0 ? '—' : pctOrDash(r)}
                  </td>
                ))}
              </tr>
            ))}
            <tr className="an-cohort__overall">
              <td className="an-cohort__start">整体</td>
              <td className="an-cohort__size">{total.toLocaleString('zh-CN')}</td>
              {result.overall.map((r, i) => (
                <td key={i} style={heatColour(r, max)} data-testid="retention-overall">
                  {pctOrDash(r)}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
        <div className="an-hint" style={{ marginTop: 6 }}>
          {result.mode === 'bounded' ? '当天回访：恰好在第 N 天再次触发回访事件' : '当天及以后：第 N 天或之后任意一天再次触发'}；灰色为还没到的日子
        </div>
      </div>
      <div>
        <Chart option={option} height={300} testId="retention-chart" />
      </div>
    </div>
  );
}
