import { useEffect, useState } from 'react';
import { MessagePlugin, Progress, Radio, Table, type PrimaryTableCol } from 'tdesign-react';
import type { SopBoardRow } from '@lodestar/shared';
import { Chart, type ChartOption } from '../../../common/Chart';
import { pct } from '../../../common/format';
import { DAY, now } from '../../../services/clock';
import { errorText } from '../../../services/http';
import { sopBoard, type BoardBy } from '../../../services/sop';

const byLabel: Record<BoardBy, string> = { plan: '计划', agent: '群主', team: '团队' };

/** Completion of the SOP tasks that fell due, per plan, agent or team. */
export function SopBoardPage() {
  const [by, setBy] = useState<BoardBy>('plan');
  const [rangeDays, setRangeDays] = useState(7);
  const [rows, setRows] = useState<SopBoardRow[] | null>(null);

  useEffect(() => {
    setRows(null);
    sopBoard(new Date(now() - rangeDays * DAY), new Date(now() + DAY), by)
      .then((r) => setRows(r.items))
      .catch((e) => {
        setRows([]);
        void MessagePlugin.error(errorText(e));
      });
  }, [by, rangeDays]);

  const data = rows ?? [];
  const option: ChartOption = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 56, top: 36, bottom: 32 },
    xAxis: { type: 'category', data: data.map((r) => r.name), axisLabel: { interval: 0, width: 110, overflow: 'truncate' } },
    yAxis: [{ type: 'value', name: '任务数', minInterval: 1 }, { type: 'value', name: '完成率', min: 0, max: 1, axisLabel: { formatter: (v: number) => pct(v) } }],
    series: [
      { name: '已发送', type: 'bar', stack: 's', barMaxWidth: 64, data: data.map((r) => r.sent), itemStyle: { color: '#2ba471' } },
      { name: '待确认', type: 'bar', stack: 's', data: data.map((r) => r.awaiting), itemStyle: { color: '#e37318' } },
      { name: '待发', type: 'bar', stack: 's', data: data.map((r) => r.pending), itemStyle: { color: '#0052d9' } },
      { name: '逾期', type: 'bar', stack: 's', data: data.map((r) => r.overdue), itemStyle: { color: '#c9353f' } },
      { name: '失败', type: 'bar', stack: 's', data: data.map((r) => r.failed), itemStyle: { color: '#f6685d' } },
      { name: '跳过', type: 'bar', stack: 's', data: data.map((r) => r.skipped), itemStyle: { color: '#a6a6a6' } },
      { name: '完成率', type: 'line', yAxisIndex: 1, data: data.map((r) => r.completionRate), itemStyle: { color: '#1d2129' }, label: { show: true, formatter: (p: { value: number }) => pct(p.value) } },
    ],
  };

  const columns: PrimaryTableCol<SopBoardRow>[] = [
    { colKey: 'name', title: byLabel[by], width: 200 },
    { colKey: 'due', title: '到期', width: 80 },
    { colKey: 'sent', title: '已发送', width: 80, cell: ({ row }) => `${row.sent}${row.partlySent ? `（部分 ${row.partlySent}）` : ''}` },
    { colKey: 'awaiting', title: '待确认', width: 80 },
    { colKey: 'pending', title: '待发', width: 70 },
    { colKey: 'overdue', title: '逾期', width: 70 },
    { colKey: 'failed', title: '失败', width: 70 },
    { colKey: 'skipped', title: '跳过', width: 70 },
    { colKey: 'completionRate', title: '完成率', width: 220, cell: ({ row }) => <Progress percentage={Math.round(row.completionRate * 1000) / 10} theme="line" size="small" /> },
  ];

  return (
    <div data-testid="sop-board">
      <div className="cs-toolbar">
        <Radio.Group variant="default-filled" value={by} onChange={(v) => setBy(v as BoardBy)}>
          <Radio.Button value="plan">按计划</Radio.Button>
          <Radio.Button value="agent">按群主</Radio.Button>
          <Radio.Button value="team">按团队</Radio.Button>
        </Radio.Group>
        <Radio.Group variant="default-filled" value={rangeDays} onChange={(v) => setRangeDays(Number(v))}>
          <Radio.Button value={7}>近 7 天</Radio.Button>
          <Radio.Button value={30}>近 30 天</Radio.Button>
        </Radio.Group>
      </div>
      <div className="cs-grid">
        <div className="cs-card">
          <h3>完成情况</h3>
          {rows && rows.length === 0 ? <div className="cs-empty">这段时间没有到期的 SOP 任务</div> : <Chart option={option} height={320} testId="board-chart" />}
        </div>
        <div className="cs-card">
          <Table rowKey="key" data={data} columns={columns} loading={rows === null} empty="没有数据" size="small" />
        </div>
      </div>
    </div>
  );
}
