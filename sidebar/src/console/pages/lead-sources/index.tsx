import { useCallback, useEffect, useState } from 'react';
import { Button, Dialog, Input, InputNumber, MessagePlugin, Popconfirm, Select, Space, Switch, Table, Tag, type PrimaryTableCol } from 'tdesign-react';
import { AddIcon } from 'tdesign-icons-react';
import { useNavigate } from 'react-router-dom';
import type { LeadProductLine, LeadSource, LeadSourceDefinition, LeadSourceInput, SeatGroup, SegmentView } from '@lodestar/shared';
import { dateTime, money } from '../../../common/format';
import { productLineLabels } from '../../../common/labels';
import { errorText } from '../../../services/http';
import { createLeadSource, deleteLeadSource, leadSources, runLeadSource, seatGroups, updateLeadSource } from '../../../services/lead-admin';
import { listSegments } from '../../../services/segments';
import { sourceKindLabels } from '../_kit/labels';
import '../_kit/kit.css';

const lineOptions = Object.entries(productLineLabels)
  .filter(([k]) => k !== 'any')
  .map(([value, label]) => ({ value, label }));

function definitionText(d: LeadSourceDefinition, segments: SegmentView[]): string {
  switch (d.kind) {
    case 'orphan_policy':
      return d.lines ? `险种：${d.lines.map((l) => productLineLabels[l]).join('、')}` : '全部险种的孤儿单';
    case 'coverage_gap':
      return `${productLineLabels[d.line]}保额 ≤ ${money(d.coverAtMost)}，且 ${d.withinDays} 天内新增「${d.tagGroup === 'family_stage' ? '家庭阶段' : d.tagGroup}」标签`;
    case 'engagement_jump':
      return `近 ${d.recentDays} 天日均事件 ≥ 前 ${d.baselineDays} 天的 ${d.factor} 倍，且至少 ${d.minEvents} 个事件`;
    case 'left_contact':
      return `${d.withinDays} 天内有「${d.event}」事件，险种取属性 ${d.productLineProperty}`;
    case 'segment':
      return `分群「${segments.find((s) => s.id === d.segmentId)?.name ?? d.segmentId}」的成员`;
    case 'handoff':
      return '客户旅程移交给顾问的线索（内置）';
  }
}

/** 线索来源: where leads are mined from among existing customers, with each source's last run. */
export function LeadSourcesPage() {
  const navigate = useNavigate();
  const [rows, setRows] = useState<LeadSource[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [groups, setGroups] = useState<SeatGroup[]>([]);
  const [segments, setSegments] = useState<SegmentView[]>([]);
  const [editing, setEditing] = useState<LeadSource | 'new' | null>(null);
  const [running, setRunning] = useState<string | null>(null);

  const load = useCallback(() => {
    leadSources()
      .then((r) => {
        setRows(r);
        setError(null);
      })
      .catch((e) => {
        setRows([]);
        setError(errorText(e));
      });
  }, []);
  useEffect(() => {
    load();
    seatGroups().then(setGroups).catch(() => setGroups([]));
    listSegments().then(setSegments).catch(() => setSegments([]));
  }, [load]);

  const act = (p: Promise<unknown>, ok: string): void => {
    p.then(() => {
      void MessagePlugin.success(ok);
      load();
    }).catch((e) => void MessagePlugin.error(errorText(e)));
  };
  const run = (s: LeadSource): void => {
    setRunning(s.id);
    runLeadSource(s.id)
      .then((r) => {
        void MessagePlugin.success(`「${s.name}」匹配 ${r.found} 人，新线索 ${r.created} 条（清洗剔除 ${r.rejected}，已有线索跳过 ${r.skipped}）`);
        load();
      })
      .catch((e) => void MessagePlugin.error(errorText(e)))
      .finally(() => setRunning(null));
  };

  const columns: PrimaryTableCol<LeadSource>[] = [
    {
      colKey: 'name',
      title: '来源',
      width: 230,
      cell: ({ row }) => (
        <div>
          <b>{row.name}</b>
          <div>
            <Tag size="small" variant="light">
              {sourceKindLabels[row.definition.kind]}
            </Tag>{' '}
            <span className="cs-muted">{productLineLabels[row.productLine]}</span>
          </div>
        </div>
      ),
    },
    { colKey: 'definition', title: '规则', cell: ({ row }) => definitionText(row.definition, segments) },
    { colKey: 'seat', title: '清洗外呼', width: 120, cell: ({ row }) => (row.seatGroupId ? (groups.find((g) => g.id === row.seatGroupId)?.name ?? '坐席组') : <span className="cs-muted">直接分配</span>) },
    {
      colKey: 'openLeads',
      title: '未结线索',
      width: 90,
      align: 'right',
      cell: ({ row }) => (
        <a className="cx-link" onClick={() => navigate(`/leads/list?source=${row.id}`)}>
          {row.openLeads}
        </a>
      ),
    },
    {
      colKey: 'lastRun',
      title: '上次运行',
      width: 250,
      cell: ({ row }) =>
        row.lastRun ? (
          <div>
            <div className="cs-muted">{dateTime(row.lastRun.at)}</div>
            匹配 {row.lastRun.found} · 新增 {row.lastRun.created} · 剔除 {row.lastRun.rejected} · 跳过 {row.lastRun.skipped}
          </div>
        ) : (
          <span className="cs-muted">未运行</span>
        ),
    },
    {
      colKey: 'enabled',
      title: '启用',
      width: 70,
      cell: ({ row }) => (
        <Switch size="small" value={row.enabled} disabled={row.definition.kind === 'handoff'} onChange={(v) => act(updateLeadSource(row.id, { ...toInput(row), enabled: Boolean(v) }), v ? `已启用：${row.name}` : `已停用：${row.name}`)} />
      ),
    },
    {
      colKey: 'op',
      title: '操作',
      width: 170,
      cell: ({ row }) =>
        row.definition.kind === 'handoff' ? (
          <span className="cs-muted">内置</span>
        ) : (
          <Space size={0}>
            <Button size="small" variant="text" theme="primary" disabled={!row.enabled} loading={running === row.id} onClick={() => run(row)}>
              立即运行
            </Button>
            <Button size="small" variant="text" onClick={() => setEditing(row)}>
              编辑
            </Button>
            <Popconfirm content={row.openLeads > 0 ? '已有线索的来源会被停用而不是删除' : `删除「${row.name}」？`} onConfirm={() => act(deleteLeadSource(row.id), '已处理')}>
              <Button size="small" variant="text" theme="danger">
                删除
              </Button>
            </Popconfirm>
          </Space>
        ),
    },
  ];

  return (
    <div>
      <div className="cs-toolbar">
        <span className="cs-muted">来源每天自动在存量客户中挖掘线索；新线索先清洗（去重、空号、免打扰、在服务中），指定了坐席组的先外呼，再按分配规则交给顾问。</span>
        <span className="cs-toolbar__spacer" />
        <Button theme="primary" icon={<AddIcon />} onClick={() => setEditing('new')}>
          新建来源
        </Button>
      </div>
      <div className="cs-card">
        <Table rowKey="id" size="small" data={rows ?? []} loading={rows === null} columns={columns} empty={error ? `加载失败：${error}` : '还没有线索来源'} />
      </div>
      {editing && <SourceDialog source={editing === 'new' ? null : editing} groups={groups} segments={segments} onClose={() => setEditing(null)} onSaved={() => (setEditing(null), load())} />}
    </div>
  );
}

const toInput = (s: LeadSource): LeadSourceInput => ({ name: s.name, enabled: s.enabled, productLine: s.productLine, seatGroupId: s.seatGroupId, definition: s.definition });

function defaultDefinition(kind: LeadSourceDefinition['kind']): LeadSourceDefinition {
  switch (kind) {
    case 'orphan_policy':
      return { kind };
    case 'coverage_gap':
      return { kind, line: 'critical_illness', coverAtMost: 800000, tagGroup: 'family_stage', withinDays: 30 };
    case 'engagement_jump':
      return { kind, recentDays: 7, baselineDays: 28, factor: 3, minEvents: 10 };
    case 'left_contact':
      return { kind, event: 'leave_contact', withinDays: 7, productLineProperty: 'product_line' };
    case 'segment':
      return { kind, segmentId: '' };
    case 'handoff':
      return { kind };
  }
}

function SourceDialog({ source, groups, segments, onClose, onSaved }: { source: LeadSource | null; groups: SeatGroup[]; segments: SegmentView[]; onClose: () => void; onSaved: () => void }) {
  const [input, setInput] = useState<LeadSourceInput>(source ? toInput(source) : { name: '', enabled: true, productLine: 'critical_illness', seatGroupId: null, definition: defaultDefinition('orphan_policy') });
  const [busy, setBusy] = useState(false);
  const d = input.definition;
  const setDef = (patch: Partial<LeadSourceDefinition>): void => setInput({ ...input, definition: { ...d, ...patch } as LeadSourceDefinition });
  const num = (v: unknown): number => Number(v) || 0;

  const save = (): void => {
    setBusy(true);
    (source ? updateLeadSource(source.id, input) : createLeadSource(input))
      .then(() => {
        void MessagePlugin.success('来源已保存');
        onSaved();
      })
      .catch((e) => void MessagePlugin.error(errorText(e)))
      .finally(() => setBusy(false));
  };

  return (
    <Dialog visible width={600} header={source ? `编辑来源「${source.name}」` : '新建线索来源'} onClose={onClose} onConfirm={save} confirmBtn={{ content: '保存', loading: busy, disabled: !input.name.trim() || (d.kind === 'segment' && !d.segmentId) }}>
      <div className="cx-field">
        <label>名称</label>
        <Input value={input.name} onChange={(v) => setInput({ ...input, name: String(v) })} />
      </div>
      <Space>
        <div className="cx-field">
          <label>类型</label>
          <Select
            style={{ width: 200 }}
            value={d.kind}
            options={(Object.keys(sourceKindLabels) as LeadSourceDefinition['kind'][]).filter((k) => k !== 'handoff').map((k) => ({ label: sourceKindLabels[k], value: k }))}
            onChange={(v) => setInput({ ...input, definition: defaultDefinition(v as LeadSourceDefinition['kind']) })}
          />
        </div>
        <div className="cx-field">
          <label>线索险种</label>
          <Select style={{ width: 150 }} value={input.productLine} options={lineOptions} onChange={(v) => setInput({ ...input, productLine: v as LeadProductLine })} />
        </div>
        <div className="cx-field">
          <label>清洗后外呼</label>
          <Select style={{ width: 160 }} clearable value={input.seatGroupId ?? undefined} placeholder="不外呼，直接分配" options={groups.map((g) => ({ label: g.name, value: g.id }))} onChange={(v) => setInput({ ...input, seatGroupId: (v as string) || null })} />
        </div>
      </Space>
      {d.kind === 'orphan_policy' && (
        <div className="cx-field">
          <label>只看这些险种的孤儿单（空为全部）</label>
          <Select multiple clearable value={d.lines ?? []} options={lineOptions} onChange={(v) => setDef({ lines: (v as LeadProductLine[]).length ? (v as LeadProductLine[]) : undefined } as Partial<LeadSourceDefinition>)} />
        </div>
      )}
      {d.kind === 'coverage_gap' && (
        <Space breakLine>
          <div className="cx-field">
            <label>险种</label>
            <Select style={{ width: 140 }} value={d.line} options={lineOptions} onChange={(v) => setDef({ line: v as LeadProductLine })} />
          </div>
          <div className="cx-field">
            <label>有效保额至多（元）</label>
            <InputNumber style={{ width: 160 }} min={0} value={d.coverAtMost} onChange={(v) => setDef({ coverAtMost: num(v) })} />
          </div>
          <div className="cx-field">
            <label>近期新增标签组</label>
            <Input style={{ width: 140 }} value={d.tagGroup} onChange={(v) => setDef({ tagGroup: String(v) })} />
          </div>
          <div className="cx-field">
            <label>天内</label>
            <InputNumber style={{ width: 100 }} min={1} max={366} value={d.withinDays} onChange={(v) => setDef({ withinDays: num(v) })} />
          </div>
        </Space>
      )}
      {d.kind === 'engagement_jump' && (
        <Space breakLine>
          <div className="cx-field">
            <label>近期窗口（天）</label>
            <InputNumber style={{ width: 110 }} min={1} max={30} value={d.recentDays} onChange={(v) => setDef({ recentDays: num(v) })} />
          </div>
          <div className="cx-field">
            <label>基线窗口（天）</label>
            <InputNumber style={{ width: 110 }} min={7} max={180} value={d.baselineDays} onChange={(v) => setDef({ baselineDays: num(v) })} />
          </div>
          <div className="cx-field">
            <label>倍数</label>
            <InputNumber style={{ width: 100 }} min={1.1} max={100} step={0.5} decimalPlaces={1} value={d.factor} onChange={(v) => setDef({ factor: Number(v) })} />
          </div>
          <div className="cx-field">
            <label>至少事件数</label>
            <InputNumber style={{ width: 110 }} min={1} value={d.minEvents} onChange={(v) => setDef({ minEvents: num(v) })} />
          </div>
        </Space>
      )}
      {d.kind === 'left_contact' && (
        <Space breakLine>
          <div className="cx-field">
            <label>留资事件</label>
            <Input style={{ width: 160 }} value={d.event} onChange={(v) => setDef({ event: String(v) })} />
          </div>
          <div className="cx-field">
            <label>天内</label>
            <InputNumber style={{ width: 100 }} min={1} max={366} value={d.withinDays} onChange={(v) => setDef({ withinDays: num(v) })} />
          </div>
          <div className="cx-field">
            <label>险种属性名</label>
            <Input style={{ width: 160 }} value={d.productLineProperty} onChange={(v) => setDef({ productLineProperty: String(v) })} />
          </div>
        </Space>
      )}
      {d.kind === 'segment' && (
        <div className="cx-field">
          <label>分群</label>
          <Select filterable value={d.segmentId || undefined} options={segments.map((s) => ({ label: `${s.name}（${s.memberCount} 人）`, value: s.id }))} onChange={(v) => setDef({ segmentId: String(v) })} placeholder={segments.length ? '选择分群' : '还没有分群，先到「分群」新建'} />
        </div>
      )}
    </Dialog>
  );
}
