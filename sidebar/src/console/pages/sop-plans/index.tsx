import { useCallback, useEffect, useState } from 'react';
import { Button, Checkbox, Dialog, Input, MessagePlugin, Radio, Space, Table, Tag, Textarea, TimePicker, type PrimaryTableCol } from 'tdesign-react';
import type { SopPlanCreateInput, SopPlanView, SopTimeRule } from '@lodestar/shared';
import { dateTime } from '../../../common/format';
import { errorText } from '../../../services/http';
import { loadSession } from '../../../services/session';
import { createPlan, listPlans, planAction, runSopNow } from '../../../services/sop';

const statusTheme: Record<SopPlanView['status'], 'success' | 'default' | 'warning' | 'primary'> = { draft: 'default', live: 'success', paused: 'warning', archived: 'default' };
const statusText: Record<SopPlanView['status'], string> = { draft: '草稿', live: '运行中', paused: '已暂停', archived: '已归档' };
const weekdayNames = ['一', '二', '三', '四', '五', '六', '日'];

function targetText(p: SopPlanView): string {
  const t = p.definition.target;
  if (t.kind === 'customers') return `分群客户（${t.segmentId}）`;
  if (t.all) return '全部客户群';
  return [t.groupTags && `群标签：${t.groupTags.join('、')}`, t.namePattern && `群名含「${t.namePattern}」`, t.ownerIds && `${t.ownerIds.length} 位群主`, t.teamIds && `${t.teamIds.length} 个团队`].filter(Boolean).join('；');
}

export function ruleText(r: SopTimeRule): string {
  switch (r.type) {
    case 'daily':
      return `每天 ${r.at}`;
    case 'weekly':
      return `每周${r.weekdays.map((d) => weekdayNames[d - 1]).join('、')} ${r.at}`;
    case 'monthly':
      return `每月 ${r.days.map((d) => (d === -1 ? '最后一天' : `${d} 日`)).join('、')} ${r.at}`;
    case 'dates':
      return `${r.dates.slice(0, 3).join('、')}${r.dates.length > 3 ? '…' : ''} ${r.at}`;
    case 'holidays':
      return `节日 ${r.holidays.length} 个 ${r.at}`;
    case 'after_created':
      return `建群后第 ${r.days} 天 ${r.at}`;
    case 'after_joined':
      return `入群后第 ${r.days} 天 ${r.at}`;
    default:
      return '';
  }
}

/** Group SOP plans: the list, their lifecycle, and a quick new plan (a weekly message to groups). */
export function SopPlansPage() {
  const [plans, setPlans] = useState<SopPlanView[] | null>(null);
  const [creating, setCreating] = useState(false);
  const admin = loadSession()?.user.role === 'admin';

  const load = useCallback(() => {
    listPlans()
      .then((r) => setPlans(r.items))
      .catch((e) => {
        setPlans([]);
        void MessagePlugin.error(errorText(e));
      });
  }, []);
  useEffect(load, [load]);

  const act = (p: Promise<unknown>, ok: string): void => {
    p.then(() => {
      void MessagePlugin.success(ok);
      load();
    }).catch((e) => void MessagePlugin.error(errorText(e)));
  };

  const columns: PrimaryTableCol<SopPlanView>[] = [
    { colKey: 'name', title: '计划', width: 220, cell: ({ row }) => <b>{row.name}</b> },
    { colKey: 'status', title: '状态', width: 90, cell: ({ row }) => <Tag theme={statusTheme[row.status]} variant="light">{statusText[row.status]}</Tag> },
    { colKey: 'target', title: '目标', cell: ({ row }) => targetText(row) },
    {
      colKey: 'steps',
      title: '步骤',
      cell: ({ row }) => (
        <div>
          {row.definition.steps.map((s) => (
            <div key={s.id}>
              {s.name} · <span className="cs-muted">{s.when.kind === 'time' ? ruleText(s.when.rule) : s.when.rule.type === 'member_joined' ? '新成员入群' : `群满 ${s.when.rule.reaches} 人`} · {s.mode === 'mass' ? '群发' : '手动'}</span>
            </div>
          ))}
        </div>
      ),
    },
    { colKey: 'version', title: '版本', width: 70, cell: ({ row }) => (row.version ? `v${row.version}` : '—') },
    { colKey: 'updatedAt', title: '更新于', width: 130, cell: ({ row }) => dateTime(row.updatedAt) },
    {
      colKey: 'op',
      title: '操作',
      width: 200,
      cell: ({ row }) =>
        !admin ? (
          <span className="cs-muted">仅管理员可操作</span>
        ) : (
          <Space size="small">
            {row.status === 'draft' && (
              <Button size="small" theme="primary" variant="text" onClick={() => act(planAction(row.id, 'publish'), `已发布：${row.name}`)}>
                发布
              </Button>
            )}
            {row.status === 'live' && (
              <Button size="small" variant="text" onClick={() => act(planAction(row.id, 'pause'), `已暂停：${row.name}`)}>
                暂停
              </Button>
            )}
            {row.status === 'paused' && (
              <Button size="small" theme="primary" variant="text" onClick={() => act(planAction(row.id, 'resume'), `已恢复：${row.name}`)}>
                恢复
              </Button>
            )}
            {row.status !== 'archived' && (
              <Button size="small" theme="danger" variant="text" onClick={() => act(planAction(row.id, 'archive'), `已归档：${row.name}`)}>
                归档
              </Button>
            )}
          </Space>
        ),
    },
  ];

  return (
    <div>
      <div className="cs-toolbar">
        <span className="cs-muted">管理员写一次计划，到期时系统为群主生成企业微信群发任务或侧边栏任务。</span>
        <span className="cs-toolbar__spacer" />
        {admin && (
          <>
            <Button variant="outline" onClick={() => act(runSopNow(), '已运行一次 SOP 调度')}>
              立即运行调度
            </Button>
            <Button theme="primary" onClick={() => setCreating(true)} data-testid="new-plan">
              新建计划
            </Button>
          </>
        )}
      </div>
      <div className="cs-card">
        <Table rowKey="id" data={plans ?? []} columns={columns} loading={plans === null} empty="还没有 SOP 计划" hover />
      </div>
      {creating && (
        <NewPlanDialog
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            load();
          }}
        />
      )}
    </div>
  );
}

function NewPlanDialog({ onClose, onCreated }: { onClose: () => void; onCreated: () => void }) {
  const [name, setName] = useState('');
  const [targetMode, setTargetMode] = useState<'all' | 'tag'>('all');
  const [tag, setTag] = useState('');
  const [weekdays, setWeekdays] = useState<number[]>([1]);
  const [at, setAt] = useState('09:00');
  const [text, setText] = useState('');
  const [mode, setMode] = useState<'mass' | 'manual'>('mass');
  const [busy, setBusy] = useState(false);

  const submit = async (): Promise<void> => {
    const plan: SopPlanCreateInput = {
      name: name.trim(),
      definition: {
        target: targetMode === 'all' ? { kind: 'groups', all: true } : { kind: 'groups', groupTags: tag.split(/[,，\s]+/).filter(Boolean) },
        steps: [{ id: 'weekly', name: '每周推送', when: { kind: 'time', rule: { type: 'weekly', weekdays: [...weekdays].sort(), at } }, content: { text: text.trim() }, mode }],
      },
    };
    setBusy(true);
    try {
      await createPlan(plan);
      void MessagePlugin.success('已保存为草稿，发布后开始执行');
      onCreated();
    } catch (e) {
      void MessagePlugin.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog visible header="新建群 SOP 计划（每周推送）" width={560} onClose={onClose} onConfirm={() => void submit()} confirmBtn={{ content: '保存草稿', loading: busy, disabled: !name.trim() || !text.trim() || weekdays.length === 0 }}>
      <div className="jr-field">
        <label>计划名称</label>
        <Input value={name} onChange={(v) => setName(String(v))} placeholder="例如：周一早安问候" />
      </div>
      <div className="jr-field">
        <label>目标客户群</label>
        <Radio.Group value={targetMode} onChange={(v) => setTargetMode(v as 'all' | 'tag')}>
          <Radio value="all">全部客户群</Radio>
          <Radio value="tag">按群标签</Radio>
        </Radio.Group>
        {targetMode === 'tag' && <Input value={tag} onChange={(v) => setTag(String(v))} placeholder="群标签，多个用逗号分隔" style={{ marginTop: 6 }} />}
      </div>
      <div className="jr-field">
        <label>每周</label>
        <Checkbox.Group value={weekdays} onChange={(v) => setWeekdays(v as number[])} options={weekdayNames.map((n, i) => ({ label: `周${n}`, value: i + 1 }))} />
      </div>
      <div className="jr-field">
        <label>时间</label>
        <TimePicker value={at} format="HH:mm" onChange={(v) => setAt(String(v))} />
      </div>
      <div className="jr-field">
        <label>内容（保存时做合规检查）</label>
        <Textarea value={text} onChange={(v) => setText(String(v))} autosize={{ minRows: 3 }} />
      </div>
      <div className="jr-field">
        <label>发送方式</label>
        <Radio.Group value={mode} onChange={(v) => setMode(v as 'mass' | 'manual')}>
          <Radio value="mass">企业微信群发（群主确认）</Radio>
          <Radio value="manual">侧边栏任务（群主手动发）</Radio>
        </Radio.Group>
      </div>
    </Dialog>
  );
}
