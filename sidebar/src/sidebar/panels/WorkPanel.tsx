import { useCallback, useEffect, useState } from 'react';
import { Button, Dialog, Input, Tag } from 'tdesign-react';
import type { AgentNotification, AgentTask, ChatInsightPayload, JourneyNoticePayload, Lead, LeadNoticePayload, SopNoticePayload, SopTaskView } from '@lodestar/shared';
import { ago, countdown, dateTime } from '../../common/format';
import { gradeTheme, productLineLabels, sopStatusLabels } from '../../common/labels';
import { now } from '../../services/clock';
import { errorText } from '../../services/http';
import { inboxOrder, listLeads, recordLeadActivity } from '../../services/leads';
import type { Session } from '../../services/session';
import { finishAgentTask, listAgentTasks, listMySopTasks, markSopTaskSent, skipSopTask } from '../../services/tasks';
import type { WecomBridge } from '../../services/wecom';
import type { Target } from '../SidebarShell';

/** Re-renders every 30 s so that SLA timers count down. */
function useTick(ms = 30_000): number {
  const [t, setT] = useState(now());
  useEffect(() => {
    const i = setInterval(() => setT(now()), ms);
    return () => clearInterval(i);
  }, [ms]);
  return t;
}

const taskKindLabel: Record<AgentTask['kind'], string> = { call: '【电话】', chat: '【聊天】', invite: '【邀约】' };

function notificationLine(n: AgentNotification): { title: string; body: string } {
  switch (n.kind) {
    case 'lead.assigned':
    case 'lead.upgraded':
    case 'lead.sla_reminder':
    case 'lead.returned': {
      const p = n.payload as LeadNoticePayload;
      const what = { 'lead.assigned': '新线索', 'lead.upgraded': '线索升级', 'lead.sla_reminder': 'SLA 提醒', 'lead.returned': '线索回收公海' }[n.kind];
      return { title: `${what}：${p.customer.name}${p.grade ? `（${p.grade} 级）` : ''}`, body: p.suggestedMessage };
    }
    case 'journey.notice': {
      const p = n.payload as JourneyNoticePayload;
      return { title: `${p.title} · ${p.customer.name}`, body: p.body };
    }
    case 'sop.task': {
      const p = n.payload as SopNoticePayload;
      return { title: `群SOP${p.reason === 'overdue' ? '逾期' : p.reason === 'reminder' ? '提醒' : ''}：${p.task.targetName}`, body: p.text };
    }
    case 'chat.insight': {
      const p = n.payload as ChatInsightPayload;
      return { title: `${p.customer.name} 的新消息`, body: p.text };
    }
    case 'compliance.alert':
      return { title: '合规提醒', body: (n.payload as { text: string }).text };
    case 'proposal.viewed': {
      const p = n.payload as unknown as { customer: { name: string }; views: number; proposal: { totalPremium: number } };
      return { title: `${p.customer.name} 打开了计划书（第 ${p.views} 次）`, body: `年缴保费 ${p.proposal.totalPremium} 元，适合现在跟进` };
    }
    default:
      return { title: n.kind, body: '' };
  }
}

/** My work: the lead inbox by grade with SLA timers, journey tasks, SOP tasks to send or confirm, and the feed. */
export function WorkPanel(props: {
  session: Session;
  bridge: WecomBridge;
  feed: AgentNotification[];
  groupOnly?: Extract<Target, { kind: 'group' }>;
  /** The panel is on screen: its lists are read again each time it comes back. */
  active?: boolean;
  onViewCustomer: (c: { customerId: string; name: string }) => void;
}) {
  const { session, bridge, feed, groupOnly } = props;
  const [leads, setLeads] = useState<Lead[] | null>(null);
  const [tasks, setTasks] = useState<AgentTask[] | null>(null);
  const [sop, setSop] = useState<SopTaskView[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [skipping, setSkipping] = useState<SopTaskView | null>(null);
  const [skipReason, setSkipReason] = useState('');
  const [allLeads, setAllLeads] = useState(false);
  const tick = useTick();

  const load = useCallback(() => {
    if (!groupOnly) {
      listLeads({ open: 'true', limit: 200 })
        .then((r) => setLeads(r.items.filter((l) => l.status === 'assigned' && l.owner?.id === session.user.id).sort(inboxOrder)))
        .catch(() => setLeads([]));
      listAgentTasks('open')
        .then((r) => setTasks(r.items))
        .catch(() => setTasks([]));
    }
    listMySopTasks()
      .then((r) => setSop(r.items.filter((t) => !groupOnly || t.targetId === groupOnly.group?.id)))
      .catch(() => setSop([]));
  }, [groupOnly, session.user.id]);

  useEffect(() => {
    if (props.active !== false) load();
  }, [load, props.active]);
  // A lead, task or SOP notification means the lists changed.
  const feedKey = feed.filter((n) => n.kind !== 'chat.insight').map((n) => n.id)[0];
  useEffect(() => {
    if (feedKey) load();
  }, [feedKey, load]);

  const act = (p: Promise<unknown>, done: string): void => {
    p.then(() => {
      setMessage(done);
      load();
    }).catch((e) => setMessage(errorText(e)));
  };

  const sendSop = async (t: SopTaskView): Promise<void> => {
    if (t.content.text) await bridge.sendChatMessage({ msgtype: 'text', text: { content: t.content.text } });
    for (const a of t.content.attachments ?? []) {
      if (a.type === 'link') await bridge.sendChatMessage({ msgtype: 'news', news: { link: a.url, title: a.title, desc: a.desc ?? '', imgUrl: a.picUrl ?? '' } });
    }
    await markSopTaskSent(t.id);
  };

  const notices = feed.filter((n) => n.kind !== 'chat.insight').slice(0, 8);

  return (
    <div className="sb-stack" data-testid="work-panel">
      {message && (
        <div className="sb-note" onClick={() => setMessage(null)}>
          {message}
        </div>
      )}
      {!groupOnly && (
        <section className="sb-card">
          <h4>
            我的线索 <span className="sb-muted">{leads ? `${leads.length} 条，按等级排序` : ''}</span>
          </h4>
          {leads === null && <div className="sb-muted">加载中…</div>}
          {leads?.length === 0 && <div className="sb-muted">没有待跟进的线索</div>}
          {leads?.slice(0, allLeads ? 100 : 6).map((l) => {
            const sla = l.sla && !l.sla.touched ? countdown(l.sla.deadline, tick) : null;
            return (
              <div key={l.id} className="sb-lead" data-testid="lead-row">
                <Tag size="small" theme={l.grade ? gradeTheme[l.grade] : 'default'} variant="dark" className="sb-lead__grade">
                  {l.grade ?? '–'}
                </Tag>
                <div className="sb-lead__main" onClick={() => props.onViewCustomer({ customerId: l.customer.id, name: l.customer.name })}>
                  <div className="sb-lead__name">
                    {l.customer.name} <span className="sb-muted">{productLineLabels[l.productLine] ?? l.productLine}</span>
                  </div>
                  <div className="sb-muted sb-ellipsis">{l.reasons[0] ? `${l.reasons[0].rule}（${l.reasons[0].detail}）` : l.detail}</div>
                </div>
                <div className="sb-lead__side">
                  {sla ? (
                    <span className={`sb-sla ${sla.late ? 'is-late' : sla.urgent ? 'is-urgent' : ''}`} title="首次跟进时限">
                      {sla.text}
                    </span>
                  ) : (
                    <span className="sb-muted">已跟进</span>
                  )}
                  <Button size="small" variant="text" theme="primary" onClick={() => act(recordLeadActivity(l.id, 'message'), `已记录跟进：${l.customer.name}`)}>
                    已联系
                  </Button>
                </div>
              </div>
            );
          })}
          {leads && leads.length > 6 && (
            <button className="sb-link" onClick={() => setAllLeads(!allLeads)}>
              {allLeads ? '收起' : `展开全部 ${leads.length} 条`}
            </button>
          )}
        </section>
      )}

      {!groupOnly && (
        <section className="sb-card">
          <h4>
            旅程任务 <span className="sb-muted">{tasks ? `${tasks.length} 项` : ''}</span>
          </h4>
          {tasks?.length === 0 && <div className="sb-muted">没有待办任务</div>}
          {tasks?.map((t) => {
            const due = countdown(t.dueAt, tick);
            return (
              <div key={t.id} className="sb-task">
                <div className="sb-task__main" onClick={() => props.onViewCustomer({ customerId: t.customerId, name: t.customerName ?? '' })}>
                  <div>
                    {taskKindLabel[t.kind]} {t.title}
                  </div>
                  <div className="sb-muted">
                    {t.customerName ?? '客户'} · {t.note ?? ''}
                  </div>
                </div>
                <div className="sb-lead__side">
                  <span className={`sb-sla ${due.late ? 'is-late' : due.urgent ? 'is-urgent' : ''}`}>{due.late ? due.text : `${dateTime(t.dueAt)} 到期`}</span>
                  <Button size="small" variant="text" theme="primary" onClick={() => act(finishAgentTask(t.id, 'done'), `已完成：${t.title}`)}>
                    完成
                  </Button>
                </div>
              </div>
            );
          })}
        </section>
      )}

      <section className="sb-card">
        <h4>
          群 SOP 任务 <span className="sb-muted">{sop ? `${sop.length} 项` : ''}</span>
        </h4>
        {sop?.length === 0 && <div className="sb-muted">{groupOnly ? '这个群没有待发的 SOP 任务' : '没有待发的 SOP 任务'}</div>}
        {sop?.map((t) => (
          <div key={t.id} className="sb-sop" data-testid="sop-task">
            <div className="sb-row">
              <b>{t.targetName}</b>
              <Tag size="small" variant="light" theme={t.status === 'overdue' ? 'danger' : 'warning'}>
                {sopStatusLabels[t.status]}
              </Tag>
            </div>
            <div className="sb-muted">
              {t.planName} · {t.stepName} · {dateTime(t.dueAt)}
            </div>
            {t.content.text && <div className="sb-sop__text">{t.content.text}</div>}
            <div className="sb-sop__foot">
              {t.mode === 'mass' ? (
                <span className="sb-muted">请在企业微信「群发助手」中确认发送</span>
              ) : (
                <>
                  <Button size="small" variant="text" onClick={() => setSkipping(t)}>
                    跳过
                  </Button>
                  <Button size="small" theme="primary" onClick={() => act(sendSop(t), `已发送到 ${t.targetName}`)}>
                    发送
                  </Button>
                </>
              )}
            </div>
          </div>
        ))}
      </section>

      {!groupOnly && (
        <section className="sb-card">
          <h4>动态</h4>
          {notices.length === 0 && <div className="sb-muted">暂无</div>}
          {notices.map((n) => {
            const line = notificationLine(n);
            return (
              <div key={n.id} className={`sb-notice ${n.read ? '' : 'is-unread'}`}>
                <div className="sb-row">
                  <span className="sb-ellipsis">{line.title}</span>
                  <span className="sb-muted">{ago(n.at, tick)}</span>
                </div>
                {line.body && <div className="sb-muted sb-clamp">{line.body}</div>}
              </div>
            );
          })}
        </section>
      )}

      <Dialog
        visible={skipping !== null}
        header="跳过这条 SOP"
        width="92%"
        placement="center"
        onClose={() => setSkipping(null)}
        onConfirm={() => {
          if (!skipping || !skipReason.trim()) return;
          act(skipSopTask(skipping.id, skipReason.trim()), `已跳过：${skipping.targetName}`);
          setSkipping(null);
          setSkipReason('');
        }}
      >
        <Input value={skipReason} onChange={(v) => setSkipReason(String(v))} placeholder="原因，例如：群已解散、内容不合适" />
      </Dialog>
    </div>
  );
}
