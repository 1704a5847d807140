import { useCallback, useEffect, useState } from 'react';
import { Button, Checkbox, DateRangePicker, Input, InputNumber, MessagePlugin, Select, Table, Tag } from 'tdesign-react';
import { Link } from 'react-router-dom';
import type { PersonalDataAuditAction, PersonalDataAuditList, PersonalDataSettings } from '@lodestar/shared';
import { dateTime } from '../../../common/format';
import { roleLabels } from '../../../common/labels';
import { errorText } from '../../../services/http';
import { personalDataAudit, personalDataSettings, savePersonalDataSettings } from '../../../services/personal-data';
import '../_kit/kit.css';

const actionLabels: Record<PersonalDataAuditAction, string> = { reveal: '查看明文', export: '导出', pipl_export: '个人信息导出（PIPL）', pipl_delete: '个人信息删除（PIPL）' };
const fieldLabels: Record<string, string> = { phone: '手机号', idNumber: '身份证号', all: '全部个人信息' };

/** 个人信息保护: who saw or exported whose personal data, and the corp's settings (admins). */
export function PersonalDataPage() {
  return (
    <div>
      <SettingsCard />
      <AuditCard />
    </div>
  );
}

function SettingsCard() {
  const [s, setS] = useState<PersonalDataSettings | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    personalDataSettings().then(setS, (e) => void MessagePlugin.error(errorText(e)));
  }, []);
  if (!s) return <div className="cs-card">加载中…</div>;
  const toggle = (field: 'phone' | 'idNumber', role: 'team_lead' | 'agent', on: boolean) =>
    setS({ ...s, revealRoles: { ...s.revealRoles, [field]: on ? [...s.revealRoles[field], role] : s.revealRoles[field].filter((r) => r !== role) } });
  const save = () => {
    setSaving(true);
    savePersonalDataSettings(s)
      .then((next) => (setS(next), void MessagePlugin.success('已保存')))
      .catch((e) => void MessagePlugin.error(errorText(e)))
      .finally(() => setSaving(false));
  };
  return (
    <div className="cs-card" data-testid="personal-data-settings">
      <div className="cs-toolbar">
        <span>会话存档保留</span>
        <InputNumber value={s.chatRetentionDays} min={1} max={3650} theme="column" style={{ width: 140 }} onChange={(v) => setS({ ...s, chatRetentionDays: Number(v) || 1 })} data-testid="retention-days" />
        <span className="cs-muted">天，更早的存档消息每天凌晨分批删除</span>
      </div>
      <div className="cs-toolbar">
        <span>手机号明文：管理员、客户所属顾问始终可看；另允许</span>
        <Checkbox checked={s.revealRoles.phone.includes('team_lead')} onChange={(v) => toggle('phone', 'team_lead', v)}>
          团队主管
        </Checkbox>
      </div>
      <div className="cs-toolbar">
        <span>身份证号明文：仅管理员；另允许</span>
        <Checkbox checked={s.revealRoles.idNumber.includes('team_lead')} onChange={(v) => toggle('idNumber', 'team_lead', v)}>
          团队主管
        </Checkbox>
        <Checkbox checked={s.revealRoles.idNumber.includes('agent')} onChange={(v) => toggle('idNumber', 'agent', v)}>
          顾问（仅自己的客户）
        </Checkbox>
        <span className="cs-toolbar__spacer" />
        <Button theme="primary" loading={saving} onClick={save}>
          保存设置
        </Button>
      </div>
    </div>
  );
}

function AuditCard() {
  const [customerId, setCustomerId] = useState('');
  const [actorId, setActorId] = useState('');
  const [action, setAction] = useState<PersonalDataAuditAction | ''>('');
  const [range, setRange] = useState<string[]>([]);
  const [page, setPage] = useState({ current: 1, pageSize: 50 });
  const [data, setData] = useState<PersonalDataAuditList | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The filters apply when 查询 is pressed (or the page changes), not on every keystroke.
  const [applied, setApplied] = useState({ customerId: '', actorId: '', action: '' as PersonalDataAuditAction | '', range: [] as string[] });
  const load = useCallback(() => {
    setData(null);
    const f = applied;
    personalDataAudit({
      ...(f.customerId.trim() ? { customerId: f.customerId.trim() } : {}),
      ...(f.actorId.trim() ? { actorId: f.actorId.trim() } : {}),
      ...(f.action ? { action: f.action } : {}),
      ...(f.range[0] ? { from: new Date(`${f.range[0]}T00:00:00+08:00`).toISOString() } : {}),
      ...(f.range[1] ? { to: new Date(new Date(`${f.range[1]}T00:00:00+08:00`).getTime() + 86_400_000).toISOString() } : {}),
      limit: page.pageSize,
      offset: (page.current - 1) * page.pageSize,
    })
      .then((r) => (setData(r), setError(null)))
      .catch((e) => (setData({ items: [], total: 0 }), setError(errorText(e))));
  }, [applied, page]);
  useEffect(load, [load]);
  return (
    <div className="cs-card" data-testid="personal-data-audit">
      <div className="cs-toolbar">
        <Input value={customerId} onChange={setCustomerId} placeholder="客户 ID" clearable style={{ width: 220 }} />
        <Input value={actorId} onChange={setActorId} placeholder="操作人 ID" clearable style={{ width: 220 }} />
        <Select
          value={action}
          onChange={(v) => setAction((v as PersonalDataAuditAction) || '')}
          clearable
          placeholder="全部操作"
          style={{ width: 180 }}
          options={Object.entries(actionLabels).map(([value, label]) => ({ value, label }))}
        />
        <DateRangePicker value={range} onChange={(v) => setRange((v as string[]) ?? [])} clearable style={{ width: 260 }} />
        <Button onClick={() => (setApplied({ customerId, actorId, action, range }), setPage({ ...page, current: 1 }))}>查询</Button>
        <span className="cs-toolbar__spacer" />
        <span className="cs-muted">每次查看明文、导出、删除都会记录：谁、哪位客户、哪些字段、原因、时间</span>
      </div>
      <Table
        rowKey="id"
        size="small"
        data={data?.items ?? []}
        loading={data === null}
        empty={error ? `加载失败：${error}` : '还没有记录'}
        pagination={{ current: page.current, pageSize: page.pageSize, total: data?.total ?? 0, onChange: (p) => setPage({ current: p.current, pageSize: p.pageSize }) }}
        columns={[
          { colKey: 'at', title: '时间', width: 150, cell: ({ row }) => dateTime(row.at) },
          { colKey: 'action', title: '操作', width: 170, cell: ({ row }) => <Tag theme={row.action === 'pipl_delete' ? 'danger' : row.action === 'reveal' ? 'primary' : 'warning'} variant="light">{actionLabels[row.action]}</Tag> },
          { colKey: 'actor', title: '操作人', width: 150, cell: ({ row }) => `${row.actor.name ?? row.actor.id ?? '—'}${row.actor.role ? `（${roleLabels[row.actor.role] ?? row.actor.role}）` : ''}` },
          { colKey: 'customer', title: '客户', width: 160, cell: ({ row }) => (row.customerId ? <Link to={`/customers/${row.customerId}`}>{row.customerName ?? row.customerId}</Link> : '—') },
          { colKey: 'fields', title: '字段', width: 160, cell: ({ row }) => row.fields.map((f) => fieldLabels[f] ?? f).join('、') || '—' },
          { colKey: 'reason', title: '原因', cell: ({ row }) => row.reason ?? '—' },
          { colKey: 'ip', title: 'IP', width: 120, cell: ({ row }) => row.ip ?? '—' },
        ]}
      />
    </div>
  );
}
