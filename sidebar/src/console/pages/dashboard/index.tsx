import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { KeyNodeReach, LeadGrade, SopBoardRow } from '@lodestar/shared';
import { Chart, type ChartOption } from '../../../common/Chart';
import { pct } from '../../../common/format';
import { journeyCounts, keyNodeReach, leadsByGrade, leadsByStatus, openComplianceAlerts, sopCompletion } from '../../../services/dashboard';
import type { JourneyListItem } from '../../../services/journeys';
import '../_kit/kit.css';

const gradeColors: Record<LeadGrade, string> = { A: '#d54941', B: '#e37318', C: '#0052d9', D: '#a6a6a6' };
const statusColors: Record<string, string> = { calling: '#7a5af8', ready: '#94bfff', assigned: '#0052d9', pool: '#e37318', won: '#2ba471', lost: '#c9cdd4' };
const statusLabels: Record<string, string> = { calling: '待外呼', ready: '待分配', assigned: '跟进中', pool: '公海', won: '成交', lost: '战败' };

/** The operations dashboard, drawn from what the server already exposes. */
export function DashboardPage() {
  const navigate = useNavigate();
  const [grades, setGrades] = useState<Array<{ grade: LeadGrade; open: number }> | null>(null);
  const [statuses, setStatuses] = useState<Array<{ status: string; count: number }> | null>(null);
  const [sop, setSop] = useState<SopBoardRow[] | null>(null);
  const [journeys, setJourneys] = useState<JourneyListItem[] | null>(null);
  const [reach, setReach] = useState<KeyNodeReach | null>(null);
  const [alerts, setAlerts] = useState<number | null>(null);

  useEffect(() => {
    leadsByGrade().then(setGrades).catch(() => setGrades([]));
    leadsByStatus().then(setStatuses).catch(() => setStatuses([]));
    sopCompletion().then((r) => setSop(r.items)).catch(() => setSop([]));
    journeyCounts().then(setJourneys).catch(() => setJourneys([]));
    keyNodeReach().then(setReach).catch(() => setReach(null));
    openComplianceAlerts().then(setAlerts).catch(() => setAlerts(null));
  }, []);

  const openLeads = grades?.reduce((n, g) => n + g.open, 0) ?? 0;
  const sopDue = sop?.reduce((n, r) => n + r.due, 0) ?? 0;
  const sopSent = sop?.reduce((n, r) => n + r.sent, 0) ?? 0;
  const liveJourneys = journeys?.filter((j) => j.status === 'live').length ?? 0;

  const gradeOption: ChartOption = {
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 16, top: 24, bottom: 28 },
    xAxis: { type: 'category', data: (grades ?? []).map((g) => `${g.grade} 级`) },
    yAxis: { type: 'value' },
    series: [{ type: 'bar', barMaxWidth: 56, data: (grades ?? []).map((g) => ({ value: g.open, itemStyle: { color: gradeColors[g.grade], borderRadius: [4, 4, 0, 0] } })), label: { show: true, position: 'top' } }],
  };
  const statusOption: ChartOption = {
    tooltip: { trigger: 'item' },
    legend: { bottom: 0, type: 'scroll' },
    series: [{ type: 'pie', radius: ['42%', '68%'], center: ['50%', '44%'], label: { formatter: '{b} {c}' }, data: (statuses ?? []).filter((s) => s.count > 0).map((s) => ({ name: statusLabels[s.status] ?? s.status, value: s.count, itemStyle: { color: statusColors[s.status] } })) }],
  };
  const sopOption: ChartOption = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 40, top: 32, bottom: 28 },
    xAxis: { type: 'category', data: (sop ?? []).map((r) => r.name) },
    yAxis: [{ type: 'value', name: '任务', minInterval: 1 }, { type: 'value', name: '完成率', max: 1, axisLabel: { formatter: (v: number) => pct(v) } }],
    series: [
      { name: '已发送', type: 'bar', stack: 't', barMaxWidth: 56, data: (sop ?? []).map((r) => r.sent), itemStyle: { color: '#2ba471' } },
      { name: '待确认', type: 'bar', stack: 't', data: (sop ?? []).map((r) => r.awaiting + r.pending), itemStyle: { color: '#e37318' } },
      { name: '失败/逾期/跳过', type: 'bar', stack: 't', data: (sop ?? []).map((r) => r.failed + r.overdue + r.skipped), itemStyle: { color: '#d54941' } },
      { name: '完成率', type: 'line', yAxisIndex: 1, data: (sop ?? []).map((r) => r.completionRate), itemStyle: { color: '#0052d9' } },
    ],
  };
  const journeyOption: ChartOption = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 32, bottom: 28 },
    xAxis: { type: 'category', data: (journeys ?? []).map((j) => j.name), axisLabel: { interval: 0, width: 120, overflow: 'truncate' } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: '累计进入', type: 'bar', barMaxWidth: 48, data: (journeys ?? []).map((j) => j.entered), itemStyle: { color: '#94bfff' } },
      { name: '旅程中', type: 'bar', barMaxWidth: 48, data: (journeys ?? []).map((j) => j.active), itemStyle: { color: '#0052d9' } },
    ],
  };
  const reachOption: ChartOption = {
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => pct(v) },
    grid: { left: 110, right: 40, top: 12, bottom: 24 },
    xAxis: { type: 'value', max: 1, axisLabel: { formatter: (v: number) => pct(v) } },
    yAxis: { type: 'category', data: (reach?.nodes ?? []).map((n) => n.name), inverse: true },
    series: [{ type: 'bar', data: (reach?.nodes ?? []).map((n) => reach?.overall.rate[n.key] ?? 0), itemStyle: { color: '#0052d9', borderRadius: [0, 4, 4, 0] }, label: { show: true, position: 'right', formatter: (p: { value: number }) => pct(p.value) } }],
  };

  return (
    <div className="cs-grid" data-testid="dashboard">
      <div className="cs-muted" data-testid="dashboard-analytics-links">
        指标、漏斗与考核：
        <a className="cx-link" onClick={() => navigate('/analytics')}>
          经营分析
        </a>
        {' · '}
        <a className="cx-link" onClick={() => navigate('/analytics/funnels')}>
          漏斗与留存
        </a>
        {' · '}
        <a className="cx-link" onClick={() => navigate('/analytics/evaluations')}>
          考核评估
        </a>
      </div>
      <div className="cs-grid cs-grid--4">
        <div className="cs-kpi">
          <div className="cs-kpi__label">在途线索</div>
          <div className="cs-kpi__value" data-testid="kpi-open-leads">{grades ? openLeads : '…'}</div>
          <div className="cs-kpi__sub">A 级 {grades?.find((g) => g.grade === 'A')?.open ?? 0} 条</div>
        </div>
        <div className="cs-kpi">
          <div className="cs-kpi__label">群 SOP 完成率（30 天）</div>
          <div className="cs-kpi__value">{sop ? (sopDue ? pct(sopSent / sopDue) : '—') : '…'}</div>
          <div className="cs-kpi__sub">
            {sopSent} / {sopDue} 个到期任务
          </div>
        </div>
        <div className="cs-kpi">
          <div className="cs-kpi__label">运行中的旅程</div>
          <div className="cs-kpi__value">{journeys ? liveJourneys : '…'}</div>
          <div className="cs-kpi__sub">旅程中客户 {journeys?.reduce((n, j) => n + j.active, 0) ?? 0} 人</div>
        </div>
        <div className="cs-kpi">
          <div className="cs-kpi__label">待处理合规提醒</div>
          <div className="cs-kpi__value">{alerts ?? '…'}</div>
          <div className="cs-kpi__sub">会话全量检查</div>
        </div>
      </div>
      <div className="cs-grid cs-grid--2">
        <div className="cs-card">
          <h3>在途线索等级分布</h3>
          <Chart option={gradeOption} testId="chart-grades" />
        </div>
        <div className="cs-card">
          <h3>线索状态</h3>
          <Chart option={statusOption} />
        </div>
        <div className="cs-card">
          <h3>
            群 SOP 完成情况 <span className="cs-muted">按计划，近 30 天</span>
          </h3>
          {sop && sop.length === 0 ? <div className="cs-empty">近 30 天没有到期的 SOP 任务</div> : <Chart option={sopOption} />}
        </div>
        <div className="cs-card">
          <h3>客户旅程</h3>
          {journeys && journeys.length === 0 ? <div className="cs-empty">还没有旅程</div> : <Chart option={journeyOption} />}
        </div>
        <div className="cs-card">
          <h3>
            销售关键节点达成率 <span className="cs-muted">近 30 天会话 {reach?.overall.conversations ?? 0} 个</span>
          </h3>
          {reach && reach.overall.conversations > 0 ? <Chart option={reachOption} /> : <div className="cs-empty">近 30 天没有会话</div>}
        </div>
      </div>
    </div>
  );
}
