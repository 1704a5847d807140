import { useCallback, useEffect, useMemo, useState } from 'react';
import { Badge, Button, Tabs, Tag } from 'tdesign-react';
import type { ChatInsightPayload, GroupView } from '@lodestar/shared';
import { customerIdByExternalUserId } from '../services/customers';
import { groupByChatId } from '../services/groups';
import { errorText } from '../services/http';
import type { Session } from '../services/session';
import type { FakeWecomBridge, WecomBridge } from '../services/wecom';
import { ContactPicker } from './ContactPicker';
import { AttendancePanel } from './panels/AttendancePanel';
import { ContentPanel } from './panels/ContentPanel';
import { CustomerPanel } from './panels/CustomerPanel';
import { ProposalPanel } from './panels/ProposalPanel';
import { SuggestPanel } from './panels/SuggestPanel';
import { WorkPanel } from './panels/WorkPanel';
import { useLiveFeed } from './useLiveFeed';

/** Who the sidebar is about: the customer of the 1:1 chat, the group, or nobody (opened from the workbench). */
export type Target =
  | { kind: 'customer'; customerId: string; externalUserId: string | null }
  | { kind: 'group'; chatId: string; group: GroupView | null }
  | { kind: 'none'; note?: string };

type TabKey = 'customer' | 'suggest' | 'content' | 'proposal' | 'work';

export function SidebarShell({ session, bridge, onSignOut }: { session: Session; bridge: WecomBridge; onSignOut: () => void }) {
  const [chatTarget, setChatTarget] = useState<Target | null>(null);
  const [viewing, setViewing] = useState<{ customerId: string; name: string } | null>(null);
  const [tab, setTab] = useState<TabKey>('customer');
  const [seenInsights, setSeenInsights] = useState(0);
  const [picking, setPicking] = useState(false);
  const [customerName, setCustomerName] = useState<string>('');
  const feed = useLiveFeed();

  const resolve = useCallback(async () => {
    setChatTarget(null);
    try {
      const entry = await bridge.entry();
      if (entry === 'single_chat_tools' || entry === 'contact_profile') {
        const ext = await bridge.currentExternalContact();
        const id = ext ? await customerIdByExternalUserId(ext) : null;
        setChatTarget(id ? { kind: 'customer', customerId: id, externalUserId: ext } : { kind: 'none', note: ext ? '这位客户不在你的客户列表中' : '无法获取当前客户' });
        return;
      }
      if (entry === 'group_chat_tools') {
        const chatId = await bridge.currentExternalChat();
        setChatTarget(chatId ? { kind: 'group', chatId, group: await groupByChatId(chatId) } : { kind: 'none', note: '无法获取当前客户群' });
        return;
      }
      setChatTarget({ kind: 'none' });
    } catch (e) {
      setChatTarget({ kind: 'none', note: errorText(e) });
    }
  }, [bridge]);

  useEffect(() => {
    void resolve();
  }, [resolve]);

  useEffect(() => {
    if (chatTarget?.kind === 'none' && !viewing) setTab('work');
  }, [chatTarget, viewing]);
  const hasCustomer = (viewing ?? (chatTarget?.kind === 'customer' ? chatTarget : null)) !== null;
  useEffect(() => {
    if (tab === 'proposal' && chatTarget !== null && !hasCustomer) setTab('customer');
  }, [tab, chatTarget, hasCustomer]);

  const target: Target | null = viewing ? { kind: 'customer', customerId: viewing.customerId, externalUserId: null } : chatTarget;
  const currentCustomerId = target?.kind === 'customer' ? target.customerId : null;

  const insights = useMemo(
    () =>
      feed.items
        .filter((n) => n.kind === 'chat.insight')
        .map((n) => ({ id: n.id, at: n.at, payload: n.payload as ChatInsightPayload }))
        .filter((x) => currentCustomerId !== null && x.payload.customer.id === currentCustomerId),
    [feed.items, currentCustomerId],
  );
  const unseenInsights = tab === 'suggest' ? 0 : Math.max(0, insights.length - seenInsights);
  useEffect(() => {
    if (tab === 'suggest') setSeenInsights(insights.length);
  }, [tab, insights.length]);
  const { markSeen } = feed;
  useEffect(() => {
    if (tab !== 'work') return;
    const t = setTimeout(() => markSeen(feed.items.filter((n) => !n.read && n.kind !== 'chat.insight').map((n) => n.id)), 1500);
    return () => clearTimeout(t);
  }, [tab, feed.items, markSeen]);
  const workBadge = feed.items.filter((n) => !n.read && (n.kind.startsWith('lead.') || n.kind === 'sop.task' || n.kind === 'journey.notice' || n.kind === 'proposal.viewed')).length;

  // The newest live suggestion for this customer stays on top until the agent opens the scripts.
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const liveInsight = insights.find((x) => feed.live.has(x.id) && !dismissed.has(x.id)) ?? null;
  useEffect(() => {
    if (tab === 'suggest' && insights.length) setDismissed((prev) => new Set([...prev, ...insights.map((x) => x.id)]));
  }, [tab, insights]);
  const fake = bridge.kind === 'fake' ? (bridge as FakeWecomBridge) : null;

  return (
    <div className="sb">
      <div className="sb-top">
      <header className="sb-header">
        <div className="sb-header__who">
          <span className={`sb-dot sb-dot--${feed.state}`} title={feed.state === 'open' ? '实时推送已连接' : '正在连接实时推送'} />
          <span className="sb-header__title" data-testid="sidebar-title">
            {target?.kind === 'customer' ? customerName || '客户' : target?.kind === 'group' ? (target.group?.name ?? '客户群') : '我的工作台'}
          </span>
          {viewing && (
            <Tag size="small" variant="light" theme="warning" closable onClose={() => setViewing(null)}>
              非当前会话
            </Tag>
          )}
        </div>
        <div className="sb-header__actions">
          {fake && (
            <Button size="small" variant="text" theme="primary" onClick={() => setPicking(true)} data-testid="pick-contact">
              切换客户
            </Button>
          )}
          <Button size="small" variant="text" onClick={onSignOut} title={`${session.user.name}，退出登录`}>
            退出
          </Button>
        </div>
      </header>
      {fake && <div className="sb-fakebar">浏览器演示：模拟企业微信侧边栏</div>}
      </div>
      {liveInsight && tab !== 'suggest' && (
        <button className="sb-live" onClick={() => setTab('suggest')} data-testid="live-insight-banner">
          <b>客户刚说：</b>
          {liveInsight.payload.text.slice(0, 40)}
          <span className="sb-live__go">看话术 ›</span>
        </button>
      )}
      <Tabs value={tab} onChange={(v) => setTab(v as TabKey)} className="sb-tabs">
        <Tabs.TabPanel value="customer" label={target?.kind === 'group' ? '客户群' : '客户'} destroyOnHide={false}>
          <div className="sb-body">
            {!target ? null : target.kind === 'customer' ? (
              <CustomerPanel customerId={target.customerId} onName={setCustomerName} />
            ) : target.kind === 'group' ? (
              <WorkPanel session={session} bridge={bridge} feed={feed.items} groupOnly={target} onViewCustomer={(c) => setViewing(c)} />
            ) : (
              <div className="sb-empty">
                {target.note ?? '没有打开客户会话。'}
                {fake && (
                  <div>
                    <Button size="small" theme="primary" variant="outline" onClick={() => setPicking(true)}>
                      选择一位演示客户
                    </Button>
                  </div>
                )}
              </div>
            )}
          </div>
        </Tabs.TabPanel>
        <Tabs.TabPanel
          value="suggest"
          label={
            <Badge count={unseenInsights} size="small" offset={[-6, 2]}>
              <span className="sb-tablabel" data-testid="tab-suggest">话术</span>
            </Badge>
          }
          destroyOnHide={false}
        >
          <div className="sb-body">
            <SuggestPanel customerId={currentCustomerId} insights={insights} bridge={bridge} />
          </div>
        </Tabs.TabPanel>
        <Tabs.TabPanel value="content" label={<span className="sb-tablabel" data-testid="tab-content">内容</span>} destroyOnHide={false}>
          <div className="sb-body">
            <ContentPanel bridge={bridge} />
          </div>
        </Tabs.TabPanel>
        {currentCustomerId && (
          <Tabs.TabPanel value="proposal" label={<span className="sb-tablabel" data-testid="tab-proposal">计划书</span>} destroyOnHide={false}>
            <div className="sb-body">
              <ProposalPanel key={currentCustomerId} customerId={currentCustomerId} bridge={bridge} feed={feed.items} />
            </div>
          </Tabs.TabPanel>
        )}
        <Tabs.TabPanel
          value="work"
          label={
            <Badge count={workBadge} size="small" offset={[-6, 2]}>
              <span className="sb-tablabel" data-testid="tab-work">我的工作</span>
            </Badge>
          }
          destroyOnHide={false}
        >
          <div className="sb-body sb-stack">
            <AttendancePanel bridge={bridge} />
            <WorkPanel session={session} bridge={bridge} feed={feed.items} active={tab === 'work'} onViewCustomer={(c) => {
              setViewing(c);
              setTab('customer');
            }} />
          </div>
        </Tabs.TabPanel>
      </Tabs>
      {fake && (
        <ContactPicker
          visible={picking}
          onClose={() => setPicking(false)}
          onPick={(c) => {
            fake.state.setContext(c);
            setViewing(null);
            setPicking(false);
            setTab('customer');
            void resolve();
          }}
        />
      )}
    </div>
  );
}
