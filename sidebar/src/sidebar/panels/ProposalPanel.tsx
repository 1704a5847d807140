import { useEffect, useMemo, useState } from 'react';
import { Button, Checkbox, InputNumber, Loading, MessagePlugin, Tag } from 'tdesign-react';
import type { AgentNotification, Proposal, ProposalViewedPayload, Shareable } from '@lodestar/shared';
import { ago } from '../../common/format';
import { getCustomer } from '../../services/customers';
import { listShareables } from '../../services/content';
import { errorText } from '../../services/http';
import { coverBoundsFromError, createProposal, listProposals, proposalPage, proposalUrl } from '../../services/proposals';
import type { WecomBridge } from '../../services/wecom';
import { useShare } from './useShare';

/** Which product titles a customer tag points at (the tag dictionary speaks of lines, products of names). */
const needWords: Array<[RegExp, RegExp]> = [
  [/重疾|重大疾病/, /重疾/],
  [/医疗|住院/, /医疗/],
  [/意外/, /意外/],
  [/养老|年金|退休/, /养老|年金/],
  [/寿险|家庭支柱|身故/, /寿险/],
  [/教育|子女/, /教育/],
];

/** Products the customer's tags suggest (at most two), by id. */
export function suggestProducts(tags: readonly string[], products: ReadonlyArray<{ id: string; title: string }>): string[] {
  const out: string[] = [];
  for (const [tagWord, titleWord] of needWords) {
    if (!tags.some((t) => tagWord.test(t))) continue;
    const p = products.find((x) => titleWord.test(x.title) && !out.includes(x.id));
    if (p) out.push(p.id);
    if (out.length === 2) break;
  }
  return out;
}

const wan = (n: number): string => (n >= 10_000 ? `${(n / 10_000).toLocaleString('zh-CN', { maximumFractionDigits: 1 })}万` : n.toLocaleString('zh-CN'));
const yuan = (n: number): string => `¥${Math.round(n).toLocaleString('zh-CN')}`;
const defaultCover = 500_000;

/**
 * The proposal (计划书) for the open customer: pick products and cover (suggested from the
 * customer's tags), create it, send it as a mini-program card, and see each proposal's openings go
 * up live when a `proposal.viewed` notification arrives.
 */
export function ProposalPanel({ customerId, bridge, feed }: { customerId: string; bridge: WecomBridge; feed: AgentNotification[] }) {
  const [products, setProducts] = useState<Shareable[] | null>(null);
  const [proposals, setProposals] = useState<Proposal[] | null>(null);
  const [picked, setPicked] = useState<Record<string, number>>({});
  const [bounds, setBounds] = useState<Record<string, { min: number; max: number }>>({});
  const [suggested, setSuggested] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const { busy, share } = useShare(bridge);

  useEffect(() => {
    let stale = false;
    setProposals(null);
    setPicked({});
    Promise.all([listShareables({ kind: 'product' }), listProposals(customerId), getCustomer(customerId).catch(() => null)])
      .then(([ps, list, customer]) => {
        if (stale) return;
        setProducts(ps);
        setProposals(list);
        // Cover bounds we already know, from products in earlier proposals.
        const known: Record<string, { min: number; max: number }> = {};
        for (const p of list) for (const i of p.items) known[i.product.id] = { min: i.product.minCover, max: i.product.maxCover };
        setBounds(known);
        const ids = suggestProducts(customer?.tags.map((t) => t.name) ?? [], ps);
        setSuggested(ids);
        setPicked(Object.fromEntries(ids.map((id) => [id, known[id] ? Math.min(Math.max(defaultCover, known[id].min), known[id].max) : defaultCover])));
        setError(null);
      })
      .catch((e) => !stale && setError(errorText(e)));
    return () => {
      stale = true;
    };
  }, [customerId]);

  // Live openings: each proposal.viewed for this customer carries the new count.
  const views = useMemo(() => {
    const m = new Map<string, number>();
    for (const n of feed) {
      if (n.kind !== 'proposal.viewed') continue;
      const p = n.payload as ProposalViewedPayload;
      if (p.customer.id === customerId) m.set(p.proposal.id, Math.max(m.get(p.proposal.id) ?? 0, p.views));
    }
    return m;
  }, [feed, customerId]);
  const unknownViewed = [...views.keys()].some((id) => proposals && !proposals.some((p) => p.id === id));
  useEffect(() => {
    if (unknownViewed) listProposals(customerId).then(setProposals).catch(() => {});
  }, [unknownViewed, customerId]);

  const total = Object.keys(picked).length;

  const toggle = (id: string, on: boolean): void =>
    setPicked((prev) => {
      const next = { ...prev };
      if (on) next[id] = bounds[id] ? Math.min(Math.max(defaultCover, bounds[id].min), bounds[id].max) : defaultCover;
      else delete next[id];
      return next;
    });

  const sendProposal = async (p: Proposal): Promise<void> => {
    const names = p.items.map((i) => i.product.name).join('、');
    const ok = await share(p.id, { title: `您的专属保障计划书：${names}`.slice(0, 60), summary: `年保费合计${yuan(p.totalPremium)}`, page: proposalPage(p.id), url: proposalUrl(p.id) });
    // The fake says so itself; inside WeCom the chat shows the card.
    if (ok && bridge.kind === 'jssdk') void MessagePlugin.success('计划书已发送');
  };

  const create = async (): Promise<void> => {
    setCreating(true);
    try {
      const made = await createProposal({ customerId, items: Object.entries(picked).map(([productId, cover]) => ({ productId, cover })) });
      setProposals((prev) => [made, ...(prev ?? []).filter((p) => p.id !== made.id)]);
      setPicked({});
      await sendProposal(made);
    } catch (e) {
      const text = errorText(e);
      const b = coverBoundsFromError(text);
      const name = b && products?.find((p) => text.includes(p.title));
      if (b && name) {
        setBounds((prev) => ({ ...prev, [name.id]: b }));
        setPicked((prev) => ({ ...prev, [name.id]: Math.min(Math.max(prev[name.id] ?? b.min, b.min), b.max) }));
        void MessagePlugin.warning(`${name.title}的保额需在${wan(b.min)}–${wan(b.max)}之间，已调整`);
      } else void MessagePlugin.error(`生成失败：${text}`);
    } finally {
      setCreating(false);
    }
  };

  if (error) return <div className="sb-error">{error}</div>;
  if (!products || !proposals) return <Loading className="sb-center" size="small" />;

  return (
    <div className="sb-stack" data-testid="proposal-panel">
      <div className="sb-card">
        <h4>
          新建计划书<span className="sb-muted">选择产品和保额</span>
        </h4>
        {products.length === 0 && <div className="sb-muted">暂无在售产品</div>}
        {products.map((p) => {
          const on = p.id in picked;
          const b = bounds[p.id];
          return (
            <div className={`sb-pick${on ? ' is-on' : ''}`} key={p.id} data-testid="proposal-product" data-title={p.title}>
              <Checkbox checked={on} onChange={(v) => toggle(p.id, Boolean(v))}>
                <span className="sb-pick__name">{p.title}</span>
              </Checkbox>
              {suggested.includes(p.id) && (
                <Tag size="small" variant="light" theme="success">
                  建议
                </Tag>
              )}
              {on && (
                <div className="sb-pick__cover">
                  <span className="sb-muted">保额（元）</span>
                  <InputNumber
                    size="small"
                    theme="normal"
                    step={10_000}
                    min={b?.min ?? 1}
                    max={b?.max ?? 100_000_000}
                    value={picked[p.id]}
                    onChange={(v) => setPicked((prev) => ({ ...prev, [p.id]: Number(v) || 0 }))}
                    data-testid="proposal-cover"
                  />
                  <span className="sb-muted">{b ? `${wan(b.min)}–${wan(b.max)}` : wan(picked[p.id] ?? 0)}</span>
                </div>
              )}
            </div>
          );
        })}
        <div className="sb-compose__foot">
          <Button size="small" theme="primary" disabled={total === 0} loading={creating} onClick={() => void create()} data-testid="create-proposal">
            生成并发送{total ? `（${total}款）` : ''}
          </Button>
        </div>
      </div>
      <div className="sb-card" data-testid="proposal-list">
        <h4>
          已分享的计划书<span className="sb-muted">{proposals.length}份</span>
        </h4>
        {proposals.length === 0 && <div className="sb-muted">还没有为这位客户做过计划书</div>}
        {proposals.map((p) => {
          const n = Math.max(p.views, views.get(p.id) ?? 0);
          return (
            <div className="sb-proposal" key={p.id} data-testid="proposal-row" data-id={p.id}>
              <div className="sb-proposal__main">
                <div className="sb-ellipsis sb-proposal__names">{p.items.map((i) => `${i.product.name} ${wan(i.cover)}`).join(' + ')}</div>
                <div className="sb-muted">
                  年保费 {yuan(p.totalPremium)} · {ago(p.createdAt)}
                </div>
              </div>
              <div className="sb-proposal__side">
                <span className={`sb-views${n > 0 ? ' is-seen' : ''}`} data-testid="proposal-views" data-views={n}>
                  {n > 0 ? `已打开 ${n} 次` : '未打开'}
                </span>
                <Button size="small" variant="text" theme="primary" loading={busy === p.id} onClick={() => void sendProposal(p)} data-testid="send-proposal">
                  再发送
                </Button>
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}
