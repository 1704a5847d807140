import { useCallback, useEffect, useState } from 'react';
import { Button, Dialog, Input, MessagePlugin, Popconfirm, Radio, Select, Space, Switch, Table, Tag, type PrimaryTableCol } from 'tdesign-react';
import { AddIcon } from 'tdesign-icons-react';
import { useNavigate } from 'react-router-dom';
import type { ConnectRate, SeatGroup, SeatQueue, SeatQueueItem } from '@lodestar/shared';
import { dateTime, pct } from '../../../common/format';
import { gradeTheme, productLineLabels } from '../../../common/labels';
import { DAY, now } from '../../../services/clock';
import { errorText } from '../../../services/http';
import { connectRate, createSeatGroup, deleteSeatGroup, seatGroups, seatQueue, updateSeatGroup } from '../../../services/lead-admin';
import { knownStaff, type StaffRef } from '../../../services/staff';
import { callIntentLabels, callNextStepLabels } from '../_kit/labels';
import '../_kit/kit.css';

const day = (t: number): string => new Date(t).toISOString().slice(0, 10);

/** 清洗外呼: seat groups (坐席组) that call cleaned leads first, their queues and connect rates. */
export function SeatGroupsPage() {
  const [groups, setGroups] = useState<SeatGroup[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<SeatGroup | 'new' | null>(null);
  const [days, setDays] = useState(7);
  const [rate, setRate] = useState<ConnectRate | null>(null);

  const load = useCallback(() => {
    seatGroups()
      .then((g) => {
        setGroups(g);
        setError(null);
        setSelected((s) => s ?? g[0]?.id ?? null);
      })
      .catch((e) => {
        setGroups([]);
        setError(errorText(e));
      });
  }, []);
  useEffect(load, [load]);
  useEffect(() => {
    connectRate(day(now() - (days - 1) * DAY), day(now() + DAY))
      .then(setRate)
      .catch(() => setRate(null));
  }, [days, groups]);

  const columns: PrimaryTableCol<SeatGroup>[] = [
    {
      colKey: 'name',
      title: '坐席组',
      width: 180,
      cell: ({ row }) => (
        <a className="cx-link" onClick={() => setSelected(row.id)} style={{ fontWeight: row.id === selected ? 700 : 400 }}>
          {row.name}
        </a>
      ),
    },
    { colKey: 'members', title: '坐席', cell: ({ row }) => (row.members.length ? row.members.map((m) => m.name).join('、') : <span className="cs-muted">无</span>) },
    { colKey: 'calling', title: '待呼（到期）', width: 120, cell: ({ row }) => `${row.calling}（${row.queueSize}）` },
    { colKey: 'today', title: '今日外呼 / 接通', width: 130, cell: ({ row }) => `${row.callsToday} / ${row.connectedToday}` },
    {
      colKey: 'op',
      title: '操作',
      width: 120,
      cell: ({ row }) => (
        <Space size={0}>
          <Button size="small" variant="text" onClick={() => setEditing(row)}>
            编辑
          </Button>
          <Popconfirm
            content={`删除坐席组「${row.name}」？有待呼线索或被来源引用时会被拒绝。`}
            onConfirm={() =>
              deleteSeatGroup(row.id)
                .then(() => {
                  void MessagePlugin.success('已删除');
                  setSelected(null);
                  load();
                })
                .catch((e) => void MessagePlugin.error(errorText(e)))
            }
          >
            <Button size="small" variant="text" theme="danger">
              删除
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <div className="cs-grid">
      <div className="cs-card">
        <h3>
          坐席组 <span className="cs-muted">来源指定了坐席组时，清洗后的线索先由坐席外呼确认意向，再进入分配</span>
          <span className="cs-toolbar__spacer" style={{ flex: 1 }} />
          <Button size="small" icon={<AddIcon />} onClick={() => setEditing('new')}>
            新建坐席组
          </Button>
        </h3>
        <Table rowKey="id" size="small" data={groups ?? []} loading={groups === null} columns={columns} empty={error ? `加载失败：${error}` : '还没有坐席组；不外呼的来源直接进入分配'} />
      </div>
      <div className="cs-grid cs-grid--2">
        <div className="cs-card">{selected ? <Queue groupId={selected} name={groups?.find((g) => g.id === selected)?.name ?? ''} /> : <div className="cs-empty">选择一个坐席组查看外呼队列</div>}</div>
        <div className="cs-card">
          <h3>
            接通率
            <span className="cs-toolbar__spacer" style={{ flex: 1 }} />
            <Radio.Group size="small" variant="default-filled" value={days} onChange={(v) => setDays(Number(v))}>
              <Radio.Button value={1}>今天</Radio.Button>
              <Radio.Button value={7}>7 天</Radio.Button>
              <Radio.Button value={30}>30 天</Radio.Button>
            </Radio.Group>
          </h3>
          {!rate ? (
            <div className="cs-muted">加载中…</div>
          ) : (
            <>
              <div className="cx-stat-row" style={{ marginBottom: 12 }}>
                <div className="cx-stat">
                  <div className="cx-stat__label">外呼</div>
                  <div className="cx-stat__value">{rate.overall.calls}</div>
                </div>
                <div className="cx-stat">
                  <div className="cx-stat__label">接通</div>
                  <div className="cx-stat__value">{rate.overall.connected}</div>
                </div>
                <div className="cx-stat">
                  <div className="cx-stat__label">接通率</div>
                  <div className="cx-stat__value">{rate.overall.rate === null ? '—' : pct(rate.overall.rate)}</div>
                </div>
              </div>
              <Table
                rowKey="id"
                size="small"
                data={rate.seats.map((s) => ({ ...s, key: `${s.groupId}:${s.id}` }))}
                empty="这段时间没有坐席"
                columns={[
                  { colKey: 'name', title: '坐席' },
                  { colKey: 'group', title: '组', cell: ({ row }) => rate.groups.find((g) => g.id === row.groupId)?.name ?? '' },
                  { colKey: 'calls', title: '外呼', width: 70, align: 'right' },
                  { colKey: 'connected', title: '接通', width: 70, align: 'right' },
                  { colKey: 'rate', title: '接通率', width: 80, align: 'right', cell: ({ row }) => (row.rate === null ? '—' : pct(row.rate)) },
                ]}
              />
            </>
          )}
        </div>
      </div>
      {editing && <GroupDialog group={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={() => (setEditing(null), load())} />}
    </div>
  );
}

function Queue({ groupId, name }: { groupId: string; name: string }) {
  const navigate = useNavigate();
  const [later, setLater] = useState(false);
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const [q, setQ] = useState<SeatQueue | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setQ(null);
    seatQueue(groupId, { includeLater: later ? 'true' : undefined, limit: page.pageSize, offset: (page.current - 1) * page.pageSize })
      .then((r) => {
        setQ(r);
        setError(null);
      })
      .catch((e) => setError(errorText(e)));
  }, [groupId, later, page]);
  const columns: PrimaryTableCol<SeatQueueItem>[] = [
    { colKey: 'customer', title: '客户', cell: ({ row }) => <a className="cx-link" onClick={() => navigate(`/customers/${row.customer.id}`)}>{row.customer.name}</a> },
    { colKey: 'grade', title: '等级', width: 60, cell: ({ row }) => (row.grade ? <Tag theme={gradeTheme[row.grade]} variant="light" size="small">{row.grade}</Tag> : '—') },
    { colKey: 'line', title: '险种', width: 80, cell: ({ row }) => productLineLabels[row.productLine] },
    { colKey: 'attempts', title: '已呼', width: 50, align: 'right' },
    {
      colKey: 'last',
      title: '上次结果',
      cell: ({ row }) => (row.lastCall ? `${row.lastCall.connected ? '接通' : '未接通'} · ${callIntentLabels[row.lastCall.intent]} · ${callNextStepLabels[row.lastCall.nextStep]}` : <span className="cs-muted">未呼</span>),
    },
    { colKey: 'callbackAt', title: '回呼', width: 100, cell: ({ row }) => (row.callbackAt ? dateTime(row.callbackAt) : row.due ? '现在' : '—') },
  ];
  return (
    <>
      <h3>
        外呼队列 · {name} <span className="cs-muted">{q ? `到期 ${q.due}，稍后 ${q.later}` : ''}</span>
        <span className="cs-toolbar__spacer" style={{ flex: 1 }} />
        <Switch size="small" value={later} onChange={(v) => setLater(Boolean(v))} /> <span className="cs-muted">含未到回呼时间</span>
      </h3>
      <Table
        rowKey="leadId"
        size="small"
        data={q?.items ?? []}
        loading={q === null && !error}
        columns={columns}
        empty={error ? `加载失败：${error}` : '队列是空的'}
        pagination={{ current: page.current, pageSize: page.pageSize, total: q?.total ?? 0, onChange: (p) => setPage({ current: p.current, pageSize: p.pageSize }) }}
      />
    </>
  );
}

function GroupDialog({ group, onClose, onSaved }: { group: SeatGroup | null; onClose: () => void; onSaved: () => void }) {
  const [name, setName] = useState(group?.name ?? '');
  const [members, setMembers] = useState<string[]>(group?.members.map((m) => m.id) ?? []);
  const [staff, setStaff] = useState<StaffRef[]>(group?.members ?? []);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    knownStaff()
      .then((s) => setStaff((cur) => [...cur, ...s.filter((x) => !cur.some((c) => c.id === x.id))]))
      .catch(() => undefined);
  }, []);
  const save = (): void => {
    setBusy(true);
    const input = { name: name.trim(), memberStaffIds: members };
    (group ? updateSeatGroup(group.id, input) : createSeatGroup(input))
      .then(() => {
        void MessagePlugin.success('坐席组已保存');
        onSaved();
      })
      .catch((e) => void MessagePlugin.error(errorText(e)))
      .finally(() => setBusy(false));
  };
  return (
    <Dialog visible header={group ? `编辑坐席组「${group.name}」` : '新建坐席组'} onClose={onClose} onConfirm={save} confirmBtn={{ content: '保存', loading: busy, disabled: !name.trim() }}>
      <div className="cx-field">
        <label>名称</label>
        <Input value={name} onChange={(v) => setName(String(v))} placeholder="例如 电销一组" />
      </div>
      <div className="cx-field">
        <label>坐席</label>
        <Select multiple filterable clearable value={members} options={staff.map((s) => ({ label: s.name, value: s.id }))} onChange={(v) => setMembers(v as string[])} placeholder="选择员工" />
      </div>
    </Dialog>
  );
}
