import { useCallback, useEffect, useState } from 'react';
import { Button, Dialog, Input, MessagePlugin, Popconfirm, Radio, Select, Space, Switch, Table, Tabs, Tag, Textarea, type PrimaryTableCol } from 'tdesign-react';
import { AddIcon } from 'tdesign-icons-react';
import { useNavigate } from 'react-router-dom';
import { complianceCategories, type ComplianceAlert, type ComplianceRuleInput, type ComplianceRuleView } from '@lodestar/shared';
import { dateTime } from '../../../common/format';
import { errorText } from '../../../services/http';
import { acknowledgeAlert, checkText, complianceAlerts, complianceRules, createComplianceRule, deleteComplianceRule, updateComplianceRule } from '../../../services/playbook';
import { loadSession } from '../../../services/session';
import { complianceCategoryLabels } from '../_kit/labels';
import '../_kit/kit.css';

/** 合规词与告警: agent messages that broke a rule, and the words and patterns that decide it. */
export function CompliancePage() {
  const [open, setOpen] = useState<number | null>(null);
  return (
    <Tabs defaultValue="alerts" className="cs-card" style={{ padding: 0 }}>
      <Tabs.TabPanel value="alerts" label={open ? `违规告警（${open} 条待处理）` : '违规告警'}>
        <div style={{ padding: 16 }}>
          <Alerts onOpenCount={setOpen} />
        </div>
      </Tabs.TabPanel>
      <Tabs.TabPanel value="rules" label="合规词库">
        <div style={{ padding: 16 }}>
          <Rules />
        </div>
      </Tabs.TabPanel>
    </Tabs>
  );
}

function Alerts({ onOpenCount }: { onOpenCount: (n: number) => void }) {
  const navigate = useNavigate();
  const [status, setStatus] = useState<'open' | 'acknowledged' | 'all'>('open');
  const [rows, setRows] = useState<ComplianceAlert[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    setRows(null);
    complianceAlerts(status, 200)
      .then((r) => {
        setRows(r.items);
        onOpenCount(r.open);
        setError(null);
      })
      .catch((e) => {
        setRows([]);
        setError(errorText(e));
      });
  }, [status, onOpenCount]);
  useEffect(load, [load]);

  const columns: PrimaryTableCol<ComplianceAlert>[] = [
    { colKey: 'at', title: '时间', width: 110, cell: ({ row }) => dateTime(row.at) },
    { colKey: 'staff', title: '顾问', width: 90, cell: ({ row }) => row.staff.name },
    { colKey: 'customer', title: '客户', width: 90, cell: ({ row }) => (row.customer ? <a className="cx-link" onClick={() => navigate(`/customers/${row.customer!.id}`)}>{row.customer.name}</a> : '—') },
    {
      colKey: 'text',
      title: '消息',
      cell: ({ row }) => {
        const i = row.text.indexOf(row.match);
        return i < 0 ? (
          row.text
        ) : (
          <span style={{ whiteSpace: 'normal' }}>
            {row.text.slice(0, i)}
            <mark style={{ background: '#ffd9d9', color: '#c9353f' }}>{row.match}</mark>
            {row.text.slice(i + row.match.length)}
          </span>
        );
      },
    },
    {
      colKey: 'rule',
      title: '命中规则',
      width: 170,
      cell: ({ row }) => (
        <div>
          <Tag size="small" theme={row.rule.severity === 'high' ? 'danger' : 'warning'} variant="light">
            {row.rule.severity === 'high' ? '高' : '中'}
          </Tag>{' '}
          {row.rule.name}
          <div className="cs-muted">{complianceCategoryLabels[row.rule.category] ?? row.rule.category}</div>
        </div>
      ),
    },
    {
      colKey: 'op',
      title: '处理',
      width: 110,
      cell: ({ row }) =>
        row.status === 'open' ? (
          <Button
            size="small"
            variant="outline"
            onClick={() =>
              acknowledgeAlert(row.id)
                .then(() => {
                  void MessagePlugin.success('已标记处理');
                  load();
                })
                .catch((e) => void MessagePlugin.error(errorText(e)))
            }
          >
            标记已处理
          </Button>
        ) : (
          <span className="cs-muted">{row.acknowledgedBy ? `${row.acknowledgedBy} 已处理` : '已处理'}</span>
        ),
    },
  ];
  return (
    <>
      <div className="cs-toolbar">
        <Radio.Group variant="default-filled" value={status} onChange={(v) => setStatus(v as typeof status)}>
          <Radio.Button value="open">待处理</Radio.Button>
          <Radio.Button value="acknowledged">已处理</Radio.Button>
          <Radio.Button value="all">全部</Radio.Button>
        </Radio.Group>
        <span className="cs-muted">团队主管看到本团队的告警，管理员看到全部；违规发生时主管会实时收到通知。</span>
      </div>
      <Table rowKey="id" size="small" data={rows ?? []} loading={rows === null} columns={columns} empty={error ? `加载失败：${error}` : status === 'open' ? '没有待处理的告警' : '没有告警'} />
    </>
  );
}

function Rules() {
  const admin = loadSession()?.user.role === 'admin';
  const [rows, setRows] = useState<ComplianceRuleView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<ComplianceRuleView | 'new' | null>(null);
  const [text, setText] = useState('');
  const [hits, setHits] = useState<Awaited<ReturnType<typeof checkText>> | null>(null);
  const load = useCallback(() => {
    complianceRules()
      .then((r) => {
        setRows(r);
        setError(null);
      })
      .catch((e) => {
        setRows([]);
        setError(errorText(e));
      });
  }, []);
  useEffect(load, [load]);
  const toInput = (r: ComplianceRuleView): ComplianceRuleInput => ({ name: r.name, kind: r.kind, value: r.value, category: r.category, severity: r.severity, enabled: r.enabled });
  const act = (p: Promise<unknown>, ok: string): void => {
    p.then(() => {
      void MessagePlugin.success(ok);
      load();
    }).catch((e) => void MessagePlugin.error(errorText(e)));
  };

  const columns: PrimaryTableCol<ComplianceRuleView>[] = [
    { colKey: 'name', title: '名称', width: 160, cell: ({ row }) => <b>{row.name}</b> },
    { colKey: 'kind', title: '类型', width: 70, cell: ({ row }) => (row.kind === 'word' ? '词' : '正则') },
    { colKey: 'value', title: '内容', ellipsis: true, cell: ({ row }) => (row.kind === 'word' ? row.value : <span className="cx-mono" title={row.value}>{row.value}</span>) },
    { colKey: 'category', title: '类别', width: 110, cell: ({ row }) => complianceCategoryLabels[row.category] ?? row.category },
    { colKey: 'severity', title: '级别', width: 60, cell: ({ row }) => <Tag size="small" variant="light" theme={row.severity === 'high' ? 'danger' : 'warning'}>{row.severity === 'high' ? '高' : '中'}</Tag> },
    { colKey: 'builtin', title: '来源', width: 70, cell: ({ row }) => (row.builtin ? <span className="cs-muted">内置</span> : '自定义') },
    { colKey: 'enabled', title: '启用', width: 70, cell: ({ row }) => <Switch size="small" disabled={!admin} value={row.enabled} onChange={(v) => act(updateComplianceRule(row.id, { ...toInput(row), enabled: Boolean(v) }), v ? '已启用' : '已停用')} /> },
    ...(admin
      ? [
          {
            colKey: 'op',
            title: '操作',
            width: 110,
            cell: ({ row }: { row: ComplianceRuleView }) => (
              <Space size={0}>
                <Button size="small" variant="text" onClick={() => setEditing(row)}>
                  编辑
                </Button>
                {!row.builtin && (
                  <Popconfirm content={`删除「${row.name}」？`} onConfirm={() => act(deleteComplianceRule(row.id), '已删除')}>
                    <Button size="small" variant="text" theme="danger">
                      删除
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      <div className="cs-toolbar">
        <Input style={{ width: 420 }} value={text} onChange={(v) => setText(String(v))} placeholder="输入一段话术，检查是否违规" onEnter={() => text.trim() && checkText(text.trim()).then(setHits).catch((e) => void MessagePlugin.error(errorText(e)))} />
        <Button variant="outline" disabled={!text.trim()} onClick={() => checkText(text.trim()).then(setHits).catch((e) => void MessagePlugin.error(errorText(e)))}>
          检查
        </Button>
        {hits && (hits.ok ? <Tag theme="success" variant="light">未发现违规</Tag> : hits.hits.map((h, i) => <Tag key={i} theme={h.severity === 'high' ? 'danger' : 'warning'} variant="light">{h.name}：「{h.match}」</Tag>))}
        <span className="cs-toolbar__spacer" />
        {admin && (
          <Button icon={<AddIcon />} onClick={() => setEditing('new')}>
            新增合规词
          </Button>
        )}
      </div>
      <Table rowKey="id" size="small" data={rows ?? []} loading={rows === null} columns={columns} empty={error ? `加载失败：${error}` : '词库是空的'} />
      {editing && (
        <RuleDialog
          rule={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSave={(input) =>
            (editing === 'new' ? createComplianceRule(input) : updateComplianceRule(editing.id, input)).then(() => {
              void MessagePlugin.success('已保存');
              setEditing(null);
              load();
            })
          }
        />
      )}
    </>
  );
}

function RuleDialog({ rule, onClose, onSave }: { rule: ComplianceRuleView | null; onClose: () => void; onSave: (r: ComplianceRuleInput) => Promise<void> }) {
  const [r, setR] = useState<ComplianceRuleInput>(rule ? { name: rule.name, kind: rule.kind, value: rule.value, category: rule.category, severity: rule.severity, enabled: rule.enabled } : { name: '', kind: 'word', value: '', category: 'custom', severity: 'high', enabled: true });
  const [busy, setBusy] = useState(false);
  const builtin = rule?.builtin ?? false;
  return (
    <Dialog
      visible
      width={560}
      header={rule ? `编辑「${rule.name}」` : '新增合规词'}
      onClose={onClose}
      confirmBtn={{ content: '保存', loading: busy, disabled: !r.name.trim() || !r.value }}
      onConfirm={() => {
        setBusy(true);
        onSave(r)
          .catch((e) => void MessagePlugin.error(errorText(e)))
          .finally(() => setBusy(false));
      }}
    >
      {builtin && <div className="cx-field__hint" style={{ marginBottom: 8 }}>内置规则只能修改启用状态和级别。</div>}
      <Space>
        <div className="cx-field">
          <label>名称</label>
          <Input disabled={builtin} value={r.name} onChange={(v) => setR({ ...r, name: String(v) })} />
        </div>
        <div className="cx-field">
          <label>类型</label>
          <Select disabled={builtin} style={{ width: 100 }} value={r.kind} options={[{ label: '词', value: 'word' }, { label: '正则', value: 'pattern' }]} onChange={(v) => setR({ ...r, kind: v as 'word' | 'pattern' })} />
        </div>
      </Space>
      <div className="cx-field">
        <label>{r.kind === 'word' ? '词' : '正则表达式'}</label>
        <Textarea disabled={builtin} value={r.value} autosize={{ minRows: 1, maxRows: 4 }} onChange={(v) => setR({ ...r, value: String(v) })} />
      </div>
      <Space>
        <div className="cx-field">
          <label>类别</label>
          <Select disabled={builtin} style={{ width: 150 }} value={r.category} options={complianceCategories.map((c) => ({ label: complianceCategoryLabels[c] ?? c, value: c }))} onChange={(v) => setR({ ...r, category: v as ComplianceRuleInput['category'] })} />
        </div>
        <div className="cx-field">
          <label>级别</label>
          <Select style={{ width: 100 }} value={r.severity} options={[{ label: '高', value: 'high' }, { label: '中', value: 'medium' }]} onChange={(v) => setR({ ...r, severity: v as 'high' | 'medium' })} />
        </div>
      </Space>
    </Dialog>
  );
}
