import { useCallback, useEffect, useState } from 'react';
import { Button, DateRangePicker, Dialog, Drawer, Input, InputNumber, Loading, MessagePlugin, Select, Space, Table, Tag, Textarea, type PrimaryTableCol } from 'tdesign-react';
import { AddIcon } from 'tdesign-icons-react';
import { useNavigate } from 'react-router-dom';
import type { ActivityInput, ActivityKind, ActivitySignups, ActivityStatus, ActivityType, StaffActivity } from '@lodestar/shared';
import { dateTime } from '../../../common/format';
import { activitySignups, createActivity, listActivities, recordAttendance, updateActivity } from '../../../services/activities';
import { now } from '../../../services/clock';
import { errorText } from '../../../services/http';
import { loadSession } from '../../../services/session';
import '../_kit/kit.css';

const typeLabels: Record<ActivityType, string> = { lottery: '抽奖', quiz: '答题', checkin_challenge: '打卡挑战', seminar: '讲座', health_talk: '健康讲堂' };
const typesOf: Record<ActivityKind, ActivityType[]> = { online: ['lottery', 'quiz', 'checkin_challenge'], offline: ['seminar', 'health_talk'] };
const statusLabels: Record<ActivityStatus, string> = { draft: '草稿', published: '已发布', closed: '已结束' };
const statusTheme: Record<ActivityStatus, 'default' | 'success' | 'warning'> = { draft: 'default', published: 'success', closed: 'warning' };
const signupLabels: Record<string, string> = { confirmed: '已报名', waitlisted: '候补', cancelled: '已取消', attended: '已签到' };

/** 活动: online and offline activities for the mini-program, their sign-ups and attendance. */
export function ActivitiesPage() {
  const manager = loadSession()?.user.role !== 'agent';
  const [kind, setKind] = useState<ActivityKind | undefined>();
  const [status, setStatus] = useState<ActivityStatus | undefined>();
  const [rows, setRows] = useState<StaffActivity[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<StaffActivity | 'new' | null>(null);
  const [signups, setSignups] = useState<StaffActivity | null>(null);
  const load = useCallback(() => {
    setRows(null);
    listActivities({ kind, status })
      .then((r) => {
        setRows(r);
        setError(null);
      })
      .catch((e) => {
        setRows([]);
        setError(errorText(e));
      });
  }, [kind, status]);
  useEffect(load, [load]);

  const columns: PrimaryTableCol<StaffActivity>[] = [
    {
      colKey: 'title',
      title: '活动',
      cell: ({ row }) => (
        <div>
          <a className="cx-link" onClick={() => setSignups(row)}>
            <b>{row.title}</b>
          </a>
          <div className="cs-muted">{row.description.slice(0, 60)}</div>
        </div>
      ),
    },
    { colKey: 'type', title: '类型', width: 130, cell: ({ row }) => <Space size={4}><Tag size="small" variant="light" theme={row.kind === 'online' ? 'primary' : 'warning'}>{row.kind === 'online' ? '线上' : '线下'}</Tag>{typeLabels[row.type]}</Space> },
    { colKey: 'time', title: '时间', width: 200, cell: ({ row }) => `${dateTime(row.startsAt)} – ${dateTime(row.endsAt)}` },
    { colKey: 'location', title: '地点', width: 140, ellipsis: true, cell: ({ row }) => row.location ?? '—' },
    { colKey: 'seats', title: '报名 / 名额', width: 120, cell: ({ row }) => <span>{row.confirmed} / {row.capacity ?? '不限'}{row.waitlisted ? <span className="cs-muted"> 候补 {row.waitlisted}</span> : ''}</span> },
    { colKey: 'status', title: '状态', width: 80, cell: ({ row }) => <Tag variant="light" theme={statusTheme[row.status]}>{statusLabels[row.status]}</Tag> },
    {
      colKey: 'op',
      title: '操作',
      width: 140,
      cell: ({ row }) => (
        <Space size={0}>
          <Button size="small" variant="text" theme="primary" onClick={() => setSignups(row)}>
            报名与签到
          </Button>
          {manager && (
            <Button size="small" variant="text" onClick={() => setEditing(row)}>
              编辑
            </Button>
          )}
        </Space>
      ),
    },
  ];
  return (
    <div>
      <div className="cs-toolbar">
        <Select style={{ width: 120 }} clearable placeholder="线上/线下" value={kind} options={[{ label: '线上', value: 'online' }, { label: '线下', value: 'offline' }]} onChange={(v) => setKind((v as ActivityKind) || undefined)} />
        <Select style={{ width: 120 }} clearable placeholder="状态" value={status} options={(Object.keys(statusLabels) as ActivityStatus[]).map((s) => ({ label: statusLabels[s], value: s }))} onChange={(v) => setStatus((v as ActivityStatus) || undefined)} />
        <span className="cs-toolbar__spacer" />
        {manager && (
          <Button theme="primary" icon={<AddIcon />} onClick={() => setEditing('new')}>
            新建活动
          </Button>
        )}
      </div>
      <div className="cs-card">
        <Table rowKey="id" size="small" data={rows ?? []} loading={rows === null} columns={columns} empty={error ? `加载失败：${error}` : '没有活动'} />
      </div>
      {editing && <ActivityDialog activity={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={() => (setEditing(null), load())} />}
      {signups && <SignupsDrawer activity={signups} onClose={() => setSignups(null)} />}
    </div>
  );
}

const toInput = (a: StaffActivity): ActivityInput => ({
  kind: a.kind,
  type: a.type,
  title: a.title,
  description: a.description,
  startsAt: a.startsAt,
  endsAt: a.endsAt,
  location: a.location,
  capacity: a.capacity,
  coverUrl: a.coverUrl,
  status: a.status,
  siteCode: a.siteCode,
  quiz: a.quiz,
  prizes: a.prizes,
  missWeight: a.missWeight,
  quizPointsPerAnswer: a.quizPointsPerAnswer,
});

const pad = (n: number): string => String(n).padStart(2, '0');
/** A picker value (local "YYYY-MM-DD HH:mm") ↔ an instant with its offset. */
const toLocal = (iso: string): string => {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
};
const fromLocal = (s: string): string => new Date(s.replace(' ', 'T')).toISOString();

function ActivityDialog({ activity, onClose, onSaved }: { activity: StaffActivity | null; onClose: () => void; onSaved: () => void }) {
  const start = now() + 7 * 86_400_000;
  const [a, setA] = useState<ActivityInput>(
    activity
      ? toInput(activity)
      : { kind: 'offline', type: 'seminar', title: '', description: '', startsAt: new Date(start).toISOString(), endsAt: new Date(start + 2 * 3_600_000).toISOString(), location: null, capacity: 50, coverUrl: null, status: 'draft', siteCode: null, quiz: null, prizes: null, missWeight: 0, quizPointsPerAnswer: 10 },
  );
  const [prizes, setPrizes] = useState((a.prizes ?? []).map((p) => `${p.name},${p.points},${p.weight}`).join('\n'));
  const [quiz, setQuiz] = useState((a.quiz ?? []).map((q) => [q.question, ...q.options, String(q.answer + 1)].join('|')).join('\n'));
  const [busy, setBusy] = useState(false);
  const save = (): void => {
    const input: ActivityInput = { ...a, title: a.title.trim() };
    if (a.type === 'lottery')
      input.prizes = prizes
        .split('\n')
        .map((l) => l.split(/[,，]/).map((x) => x.trim()))
        .filter((p) => p[0])
        .map(([name, points, weight]) => ({ name: name!, points: Number(points) || 0, weight: Number(weight) || 1 }));
    if (a.type === 'quiz')
      input.quiz = quiz
        .split('\n')
        .map((l) => l.split('|').map((x) => x.trim()))
        .filter((q) => q.length >= 4)
        .map((q) => ({ question: q[0]!, options: q.slice(1, -1), answer: Math.max(0, (Number(q[q.length - 1]) || 1) - 1) }));
    setBusy(true);
    (activity ? updateActivity(activity.id, input) : createActivity(input))
      .then(() => {
        void MessagePlugin.success('活动已保存');
        onSaved();
      })
      .catch((e) => void MessagePlugin.error(errorText(e)))
      .finally(() => setBusy(false));
  };
  return (
    <Dialog visible width={640} header={activity ? `编辑「${activity.title}」` : '新建活动'} onClose={onClose} onConfirm={save} confirmBtn={{ content: '保存', loading: busy, disabled: !a.title.trim() }}>
      <Space breakLine>
        <div className="cx-field">
          <label>形式</label>
          <Select style={{ width: 110 }} value={a.kind} options={[{ label: '线下', value: 'offline' }, { label: '线上', value: 'online' }]} onChange={(v) => setA({ ...a, kind: v as ActivityKind, type: typesOf[v as ActivityKind][0]! })} />
        </div>
        <div className="cx-field">
          <label>类型</label>
          <Select style={{ width: 130 }} value={a.type} options={typesOf[a.kind].map((t) => ({ label: typeLabels[t], value: t }))} onChange={(v) => setA({ ...a, type: v as ActivityType })} />
        </div>
        <div className="cx-field">
          <label>状态</label>
          <Select style={{ width: 110 }} value={a.status} options={(Object.keys(statusLabels) as ActivityStatus[]).map((s) => ({ label: statusLabels[s], value: s }))} onChange={(v) => setA({ ...a, status: v as ActivityStatus })} />
        </div>
      </Space>
      <div className="cx-field">
        <label>标题</label>
        <Input value={a.title} maxlength={120} onChange={(v) => setA({ ...a, title: String(v) })} />
      </div>
      <div className="cx-field">
        <label>介绍</label>
        <Textarea value={a.description} maxlength={500} autosize={{ minRows: 2, maxRows: 4 }} onChange={(v) => setA({ ...a, description: String(v) })} />
      </div>
      <div className="cx-field">
        <label>时间</label>
        <DateRangePicker enableTimePicker format="YYYY-MM-DD HH:mm" value={[toLocal(a.startsAt), toLocal(a.endsAt)]} onChange={(v) => Array.isArray(v) && v[0] && v[1] && setA({ ...a, startsAt: fromLocal(String(v[0])), endsAt: fromLocal(String(v[1])) })} />
      </div>
      <Space breakLine>
        {a.kind === 'offline' && (
          <div className="cx-field">
            <label>地点</label>
            <Input style={{ width: 240 }} value={a.location ?? ''} onChange={(v) => setA({ ...a, location: String(v) || null })} />
          </div>
        )}
        <div className="cx-field">
          <label>名额（空为不限）</label>
          <InputNumber style={{ width: 130 }} min={1} value={a.capacity ?? undefined} onChange={(v) => setA({ ...a, capacity: v === undefined || v === null || v === '' ? null : Number(v) })} />
        </div>
        {a.kind === 'offline' && (
          <div className="cx-field">
            <label>现场签到码</label>
            <Input style={{ width: 150 }} value={a.siteCode ?? ''} onChange={(v) => setA({ ...a, siteCode: String(v) || null })} placeholder="至少 4 位" />
          </div>
        )}
      </Space>
      {a.type === 'lottery' && (
        <div className="cx-field">
          <label>奖品（每行：名称,积分,权重）；未中奖权重 <InputNumber size="small" style={{ width: 100 }} min={0} value={a.missWeight} onChange={(v) => setA({ ...a, missWeight: Number(v) || 0 })} /></label>
          <Textarea value={prizes} autosize={{ minRows: 2, maxRows: 6 }} onChange={(v) => setPrizes(String(v))} placeholder={'50 积分,50,30\n保温杯,0,5'} />
        </div>
      )}
      {a.type === 'quiz' && (
        <div className="cx-field">
          <label>题目（每行：题目|选项1|选项2|…|正确选项序号）；每题 <InputNumber size="small" style={{ width: 90 }} min={0} value={a.quizPointsPerAnswer} onChange={(v) => setA({ ...a, quizPointsPerAnswer: Number(v) || 0 })} /> 积分</label>
          <Textarea value={quiz} autosize={{ minRows: 2, maxRows: 8 }} onChange={(v) => setQuiz(String(v))} placeholder="重疾险保什么？|重大疾病|感冒|1" />
        </div>
      )}
    </Dialog>
  );
}

function SignupsDrawer({ activity, onClose }: { activity: StaffActivity; onClose: () => void }) {
  const navigate = useNavigate();
  const [data, setData] = useState<ActivitySignups | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const load = useCallback(() => {
    activitySignups(activity.id)
      .then((d) => {
        setData(d);
        setError(null);
      })
      .catch((e) => setError(errorText(e)));
  }, [activity.id]);
  useEffect(load, [load]);
  const attend = (): void => {
    recordAttendance(activity.id, code.trim())
      .then((r) => {
        void MessagePlugin.success(r.already ? `${r.customer.name} 已签到过` : `${r.customer.name} 签到成功`);
        setCode('');
        load();
      })
      .catch((e) => void MessagePlugin.error(errorText(e)));
  };
  const c = data?.counts;
  return (
    <Drawer visible size="720px" header={`报名与签到：${activity.title}`} onClose={onClose} footer={false}>
      {error ? (
        <div className="cx-error">{error}</div>
      ) : !data || !c ? (
        <Loading />
      ) : (
        <>
          <div className="cx-stat-row" style={{ marginBottom: 16 }}>
            {([['邀请', c.invited], ['浏览', c.viewed], ['报名', c.booked], ['签到', c.attended], ['候补', c.waitlisted], ['看了没报', c.viewedNotBooked]] as const).map(([l, n]) => (
              <div key={l} className="cx-stat">
                <div className="cx-stat__label">{l}</div>
                <div className="cx-stat__value">{n}</div>
              </div>
            ))}
          </div>
          {activity.kind === 'offline' && (
            <Space style={{ marginBottom: 12 }}>
              <Input style={{ width: 280 }} value={code} onChange={(v) => setCode(String(v))} onEnter={attend} placeholder="输入或扫描客户的入场券码" />
              <Button disabled={!code.trim()} onClick={attend}>
                签到
              </Button>
              <span className="cs-muted">顾问只能为自己的客户签到</span>
            </Space>
          )}
          <Table
            rowKey="ticketCode"
            size="small"
            data={data.items.map((r, i) => ({ ...r, ticketCode: r.ticketCode ?? `row-${i}` }))}
            empty="还没有人报名"
            columns={[
              { colKey: 'customer', title: '客户', cell: ({ row }) => <a className="cx-link" onClick={() => navigate(`/customers/${row.customer.id}`)}>{row.customer.name}</a> },
              { colKey: 'status', title: '状态', width: 90, cell: ({ row }) => <Tag size="small" variant="light" theme={row.status === 'attended' ? 'success' : row.status === 'waitlisted' ? 'warning' : 'default'}>{signupLabels[row.status] ?? row.status}{row.position ? ` #${row.position}` : ''}</Tag> },
              { colKey: 'companions', title: '同行', width: 60, align: 'right' },
              { colKey: 'signedUpAt', title: '报名时间', width: 120, cell: ({ row }) => dateTime(row.signedUpAt) },
              { colKey: 'attendedAt', title: '签到时间', width: 120, cell: ({ row }) => (row.attendedAt ? dateTime(row.attendedAt) : '—') },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
