import { useCallback, useEffect, useMemo, useState } from 'react';
import { Button, Dialog, Drawer, Input, Loading, MessagePlugin, Radio, Select, Space, Table, Tag, Timeline, type PrimaryTableCol } from 'tdesign-react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { Lead, LeadDetail, LeadGrade, LeadProductLine, LeadSource, LeadStatus } from '@lodestar/shared';
import { countdown, dateTime } from '../../../common/format';
import { gradeTheme, productLineLabels } from '../../../common/labels';
import { errorText } from '../../../services/http';
import { assignLead, closeLead, leadDetail, leadSources, listLeads, releaseLead, type LeadFilter } from '../../../services/lead-admin';
import { loadSession } from '../../../services/session';
import { knownStaff, type StaffRef } from '../../../services/staff';
import { callIntentLabels, callNextStepLabels, leadStatusLabels, leadStatusTheme, moveLabels } from '../_kit/labels';
import '../_kit/kit.css';

const views: Array<{ value: string; label: string; filter: Partial<LeadFilter> }> = [
  { value: 'open', label: '全部未结', filter: { open: 'true' } },
  { value: 'pool', label: '公海', filter: { status: 'pool' } },
  { value: 'assigned', label: '跟进中', filter: { status: 'assigned' } },
  { value: 'ready', label: '待分配', filter: { status: 'ready' } },
  { value: 'calling', label: '待外呼', filter: { status: 'calling' } },
  { value: 'won', label: '已成交', filter: { status: 'won' } },
  { value: 'lost', label: '已流失', filter: { status: 'lost' } },
  { value: 'rejected', label: '已剔除', filter: { status: 'rejected' } },
];
const lines = Object.entries(productLineLabels).filter(([k]) => k !== 'any');

/** 线索: every lead the caller may see, the pool (公海) among them; assign, take back, close. */
export function LeadsPage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const admin = loadSession()?.user.role === 'admin';
  const view = views.find((v) => v.value === params.get('view')) ?? views[0]!;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const size = [20, 50, 100].includes(Number(params.get('size'))) ? Number(params.get('size')) : 20;
  const filter: LeadFilter = useMemo(
    () => ({
      ...view.filter,
      grade: (params.get('grade') as LeadGrade | null) ?? undefined,
      productLine: (params.get('line') as LeadProductLine | null) ?? undefined,
      sourceId: params.get('source') ?? undefined,
      ownerStaffId: params.get('owner') ?? undefined,
      limit: size,
      offset: (page - 1) * size,
    }),
    [params, view, page, size],
  );
  const [rows, setRows] = useState<Lead[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [sources, setSources] = useState<LeadSource[]>([]);
  const [staff, setStaff] = useState<StaffRef[]>([]);
  const [assigning, setAssigning] = useState<Lead | null>(null);
  const [closing, setClosing] = useState<Lead | null>(null);
  const [detail, setDetail] = useState<string | null>(null);

  useEffect(() => {
    leadSources().then(setSources).catch(() => setSources([]));
    knownStaff().then(setStaff).catch(() => setStaff([]));
  }, []);

  const load = useCallback(() => {
    setLoading(true);
    listLeads(filter)
      .then((r) => {
        setRows(r.items);
        setTotal(r.total);
        setError(null);
      })
      .catch((e) => {
        setRows([]);
        setTotal(0);
        setError(errorText(e));
      })
      .finally(() => setLoading(false));
  }, [filter]);
  useEffect(load, [load]);

  const update = (patch: Record<string, string | undefined>, keepPage = false): void => {
    const next = new URLSearchParams(params);
    Object.entries(patch).forEach(([k, v]) => (v ? next.set(k, v) : next.delete(k)));
    if (!keepPage) next.delete('page');
    setParams(next);
  };
  const act = (p: Promise<unknown>, ok: string): void => {
    p.then(() => {
      void MessagePlugin.success(ok);
      load();
    }).catch((e) => void MessagePlugin.error(errorText(e)));
  };

  const columns: PrimaryTableCol<Lead>[] = [
    {
      colKey: 'customer',
      title: '客户',
      width: 130,
      cell: ({ row }) => (
        <div>
          <a className="cx-link" onClick={() => navigate(`/customers/${row.customer.id}`)}>
            {row.customer.name}
          </a>
          <div className="cs-muted">{row.customer.phone ?? '无手机号'}</div>
        </div>
      ),
    },
    {
      colKey: 'grade',
      title: '等级',
      width: 90,
      cell: ({ row }) =>
        row.grade ? (
          <Space size={4} align="center">
            <Tag theme={gradeTheme[row.grade]} variant="light-outline">
              {row.grade}
            </Tag>
            {row.score?.toFixed(0)}
          </Space>
        ) : (
          '—'
        ),
    },
    { colKey: 'productLine', title: '险种', width: 90, cell: ({ row }) => productLineLabels[row.productLine] ?? row.productLine },
    {
      colKey: 'source',
      title: '来源',
      ellipsis: true,
      cell: ({ row }) => (
        <div>
          <div>{row.source.name}</div>
          <div className="cs-muted">{row.detail}</div>
        </div>
      ),
    },
    { colKey: 'status', title: '状态', width: 90, cell: ({ row }) => <Tag theme={leadStatusTheme[row.status]} variant="light">{leadStatusLabels[row.status]}</Tag> },
    { colKey: 'owner', title: '顾问', width: 90, cell: ({ row }) => row.owner?.name ?? <span className="cs-muted">—</span> },
    {
      colKey: 'sla',
      title: 'SLA',
      width: 150,
      cell: ({ row }) => {
        if (!row.sla || row.status !== 'assigned') return <span className="cs-muted">—</span>;
        const c = countdown(row.sla.deadline);
        return (
          <span style={{ color: c.late ? '#d54941' : c.urgent ? '#e37318' : undefined }} title={row.sla.reason}>
            {row.sla.touched ? '' : '未跟进 · '}
            {c.text}
          </span>
        );
      },
    },
    { colKey: 'createdAt', title: '生成于', width: 110, cell: ({ row }) => dateTime(row.createdAt) },
    {
      colKey: 'op',
      title: '操作',
      width: 190,
      fixed: 'right',
      cell: ({ row }) => {
        const open = ['calling', 'ready', 'assigned', 'pool'].includes(row.status);
        return (
          <Space size={0}>
            <Button size="small" variant="text" theme="primary" onClick={() => setDetail(row.id)}>
              详情
            </Button>
            {open && row.status !== 'calling' && (
              <Button size="small" variant="text" theme="primary" onClick={() => setAssigning(row)}>
                {row.status === 'assigned' ? '改派' : '分配'}
              </Button>
            )}
            {admin && row.status === 'assigned' && (
              <Button size="small" variant="text" onClick={() => act(releaseLead(row.id, '管理员收回'), `已收回到公海：${row.customer.name}`)}>
                收回公海
              </Button>
            )}
            {open && (
              <Button size="small" variant="text" onClick={() => setClosing(row)}>
                结案
              </Button>
            )}
          </Space>
        );
      },
    },
  ];

  return (
    <div>
      <div className="cs-toolbar">
        <Radio.Group variant="default-filled" value={view.value} onChange={(v) => update({ view: v === 'open' ? undefined : String(v) })}>
          {views.map((v) => (
            <Radio.Button key={v.value} value={v.value} data-testid={`lead-view-${v.value}`}>
              {v.label}
            </Radio.Button>
          ))}
        </Radio.Group>
      </div>
      <div className="cs-toolbar">
        <Select style={{ width: 110 }} clearable placeholder="等级" value={filter.grade} options={['A', 'B', 'C', 'D'].map((g) => ({ label: `${g} 级`, value: g }))} onChange={(v) => update({ grade: (v as string) || undefined })} />
        <Select style={{ width: 130 }} clearable placeholder="险种" value={filter.productLine} options={lines.map(([value, label]) => ({ value, label }))} onChange={(v) => update({ line: (v as string) || undefined })} />
        <Select style={{ width: 220 }} clearable filterable placeholder="来源" value={filter.sourceId} options={sources.map((s) => ({ label: s.name, value: s.id }))} onChange={(v) => update({ source: (v as string) || undefined })} />
        <Select style={{ width: 140 }} clearable filterable placeholder="顾问" value={filter.ownerStaffId} options={staff.map((s) => ({ label: s.name, value: s.id }))} onChange={(v) => update({ owner: (v as string) || undefined })} />
        <span className="cs-toolbar__spacer" />
        <span className="cs-muted" data-testid="lead-total">
          {view.value === 'pool' ? '公海中 ' : ''}共 {total.toLocaleString('zh-CN')} 条{view.value === 'pool' ? '，顾问在侧边栏「我的工作」领取' : ''}
        </span>
      </div>
      <div className="cs-card">
        <Table
          rowKey="id"
          size="small"
          data={rows}
          columns={columns}
          loading={loading}
          hover
          empty={error ? `加载失败：${error}` : view.value === 'pool' ? '公海里没有线索' : '没有符合条件的线索'}
          pagination={{ current: page, pageSize: size, total, pageSizeOptions: [20, 50, 100], onChange: (p) => update({ page: p.current > 1 ? String(p.current) : undefined, size: p.pageSize !== 20 ? String(p.pageSize) : undefined }, true) }}
        />
      </div>
      {assigning && <AssignDialog lead={assigning} staff={staff} onClose={() => setAssigning(null)} onDone={() => (setAssigning(null), load())} />}
      {closing && <CloseDialog lead={closing} onClose={() => setClosing(null)} onDone={() => (setClosing(null), load())} />}
      {detail && <LeadDrawer id={detail} onClose={() => setDetail(null)} />}
    </div>
  );
}

function AssignDialog({ lead, staff, onClose, onDone }: { lead: Lead; staff: StaffRef[]; onClose: () => void; onDone: () => void }) {
  const [to, setTo] = useState<string | undefined>();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const save = (): void => {
    setBusy(true);
    assignLead(lead.id, to!, reason.trim() || undefined)
      .then((l) => {
        void MessagePlugin.success(`已分配给 ${l.owner?.name ?? '顾问'}`);
        onDone();
      })
      .catch((e) => void MessagePlugin.error(errorText(e)))
      .finally(() => setBusy(false));
  };
  return (
    <Dialog visible header={`分配线索：${lead.customer.name}`} onClose={onClose} onConfirm={save} confirmBtn={{ content: '分配', loading: busy, disabled: !to }}>
      <div className="cx-field">
        <label>顾问</label>
        <Select filterable value={to} options={staff.filter((s) => s.id !== lead.owner?.id).map((s) => ({ label: s.name, value: s.id }))} onChange={(v) => setTo(v as string)} placeholder="选择顾问" />
        <div className="cx-field__hint">冷却期内失去过这条线索的顾问会被服务端拒绝。</div>
      </div>
      <div className="cx-field">
        <label>原因（可选）</label>
        <Input value={reason} onChange={(v) => setReason(String(v))} placeholder="例如 客户指定" />
      </div>
    </Dialog>
  );
}

function CloseDialog({ lead, onClose, onDone }: { lead: Lead; onClose: () => void; onDone: () => void }) {
  const [outcome, setOutcome] = useState<'won' | 'lost'>('lost');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const save = (): void => {
    setBusy(true);
    closeLead(lead.id, outcome, reason.trim() || undefined)
      .then(() => {
        void MessagePlugin.success(outcome === 'won' ? '已结案：成交' : '已结案：流失');
        onDone();
      })
      .catch((e) => void MessagePlugin.error(errorText(e)))
      .finally(() => setBusy(false));
  };
  return (
    <Dialog visible header={`结案：${lead.customer.name}`} onClose={onClose} onConfirm={save} confirmBtn={{ content: '结案', loading: busy }}>
      <div className="cx-field">
        <Radio.Group value={outcome} onChange={(v) => setOutcome(v as 'won' | 'lost')}>
          <Radio value="won">成交</Radio>
          <Radio value="lost">流失</Radio>
        </Radio.Group>
      </div>
      <div className="cx-field">
        <label>原因（可选，意向模型会学习结案结果）</label>
        <Input value={reason} onChange={(v) => setReason(String(v))} />
      </div>
    </Dialog>
  );
}

function LeadDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const [d, setD] = useState<LeadDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    leadDetail(id).then(setD).catch((e) => setError(errorText(e)));
  }, [id]);
  return (
    <Drawer visible size="560px" header={d ? `线索：${d.customer.name}` : '线索详情'} onClose={onClose} footer={false}>
      {error ? (
        <div className="cx-error">{error}</div>
      ) : !d ? (
        <Loading />
      ) : (
        <div data-testid="lead-detail">
          <Space size={8} align="center">
            <Tag theme={leadStatusTheme[d.status as LeadStatus]} variant="light">
              {leadStatusLabels[d.status as LeadStatus]}
            </Tag>
            {d.grade && <Tag theme={gradeTheme[d.grade]}>{d.grade} 级 · {d.score?.toFixed(1)}</Tag>}
            <span className="cs-muted">
              {productLineLabels[d.productLine]} · {d.source.name}
            </span>
          </Space>
          <p className="cs-muted">{d.detail}</p>
          <h4>评分原因</h4>
          {d.reasons.length === 0 ? (
            <div className="cs-muted">无</div>
          ) : (
            <ol className="cx-reasons">
              {d.reasons.map((r) => (
                <li key={r.ruleId}>
                  {r.rule} <b style={{ color: r.points < 0 ? '#d54941' : '#2ba471' }}>{r.points > 0 ? `+${r.points}` : r.points}</b> <span className="cs-muted">{r.detail}</span>
                </li>
              ))}
            </ol>
          )}
          <h4>建议首句</h4>
          <div className="cx-example">{d.suggestedMessage}</div>
          {d.sla && (
            <>
              <h4>SLA</h4>
              <div className="cs-muted">
                截止 {dateTime(d.sla.deadline)}（最晚 {dateTime(d.sla.maxDeadline)}）· {d.sla.reason}
              </div>
            </>
          )}
          {d.calls.length > 0 && (
            <>
              <h4>外呼记录</h4>
              {d.calls.map((c) => (
                <div key={c.id} className="cs-muted">
                  {dateTime(c.at)} {c.seat.name} · {c.connected ? '接通' : '未接通'} · {callIntentLabels[c.intent] ?? c.intent} · {callNextStepLabels[c.nextStep] ?? c.nextStep}
                  {c.note ? ` · ${c.note}` : ''}
                </div>
              ))}
            </>
          )}
          <h4>流转记录</h4>
          <Timeline mode="same" labelAlign="left">
            {d.moves.map((m, i) => (
              <Timeline.Item key={i} label={dateTime(m.at)}>
                <b>{moveLabels[m.kind] ?? m.kind}</b> {m.from && `${m.from.name} → `}
                {m.to?.name} <span className="cs-muted">{m.reason} · {m.actor === 'system' ? '系统' : m.actor}</span>
              </Timeline.Item>
            ))}
          </Timeline>
        </div>
      )}
    </Drawer>
  );
}
