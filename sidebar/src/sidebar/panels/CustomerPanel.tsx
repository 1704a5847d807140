import { useEffect, useRef, useState } from 'react';
import { Loading, Tag } from 'tdesign-react';
import type { Conversation, CustomerView } from '@lodestar/shared';
import { ago, ageOf, money, shortDate } from '../../common/format';
import { RevealField } from '../../common/RevealField';
import { mayOfferReveal } from '../../common/reveal';
import { eventLabels, gradeTheme, intentLabels, policyStatusLabels, productLineLabels, stageLabels, stageOrder, tagSourceLabels } from '../../common/labels';
import { getCustomer, lastConversation } from '../../services/customers';
import { errorText } from '../../services/http';

const sourceOrder = ['conversation', 'behaviour', 'model', 'journey', 'manual', 'static'];

/** Customer at a glance: stage, lead grade and why, tags by source with evidence, policies, behaviour, journeys, last conversation. */
export function CustomerPanel({ customerId, onName }: { customerId: string; onName: (name: string) => void }) {
  const [customer, setCustomer] = useState<CustomerView | null>(null);
  const [conversation, setConversation] = useState<Conversation | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [allReasons, setAllReasons] = useState(false);
  const marked = useRef(false);

  useEffect(() => {
    let stale = false;
    setCustomer(null);
    setConversation(undefined);
    setError(null);
    getCustomer(customerId)
      .then((c) => {
        if (stale) return;
        setCustomer(c);
        onName(c.name);
      })
      .catch((e) => !stale && setError(errorText(e)));
    lastConversation(customerId)
      .then((c) => !stale && setConversation(c))
      .catch(() => !stale && setConversation(null));
    return () => {
      stale = true;
    };
  }, [customerId, onName]);

  useEffect(() => {
    if (customer && !marked.current) {
      marked.current = true;
      performance.mark('lodestar:customer-card');
    }
  }, [customer]);

  if (error) return <div className="sb-empty">{error}</div>;
  if (!customer) return <Loading className="sb-center" size="small" text="加载客户…" />;

  const age = ageOf(customer.birthDate);
  const stageIndex = stageOrder.indexOf(customer.stage);
  const bySource = sourceOrder
    .map((s) => ({ source: s, tags: customer.tags.filter((t) => t.source === s) }))
    .filter((g) => g.tags.length > 0);
  const reasons = customer.lead?.reasons ?? [];
  const behaviour = customer.timeline.slice(0, 6);

  return (
    <div className="sb-stack" data-testid="customer-card">
      <section className="sb-card sb-hero">
        <div className="sb-hero__row">
          <div className="sb-avatar">{customer.name.slice(0, 1)}</div>
          <div className="sb-hero__main">
            <div className="sb-hero__name">
              {customer.name}
              {customer.lead && (
                <Tag size="small" theme={gradeTheme[customer.lead.grade]} variant="dark" className="sb-grade" data-testid="lead-grade">
                  {customer.lead.grade} 级
                </Tag>
              )}
            </div>
            <div className="sb-muted">
              {[customer.gender === 'male' ? '男' : customer.gender === 'female' ? '女' : null, age !== null ? `${age} 岁` : null, customer.city].filter(Boolean).join(' · ')}
            </div>
          </div>
          {customer.lead && (
            <div className="sb-score">
              <div className="sb-score__n">{Math.round(customer.lead.score)}</div>
              <div className="sb-score__l">线索分</div>
            </div>
          )}
        </div>
        {(customer.phone !== null || customer.idNumber !== null) && (
          <dl className="sb-pii" data-testid="customer-pii">
            {customer.phone !== null && (
              <>
                <dt>手机</dt>
                <dd>
                  <RevealField key={`${customer.id}-phone`} customerId={customer.id} field="phone" masked={customer.phone} offered={mayOfferReveal(customer, 'phone')} compact />
                </dd>
              </>
            )}
            {customer.idNumber !== null && (
              <>
                <dt>身份证</dt>
                <dd>
                  <RevealField key={`${customer.id}-idNumber`} customerId={customer.id} field="idNumber" masked={customer.idNumber} offered={mayOfferReveal(customer, 'idNumber')} compact />
                </dd>
              </>
            )}
          </dl>
        )}
        <div className="sb-stages" aria-label={`旅程阶段：${stageLabels[customer.stage]}`}>
          {stageOrder.map((s, i) => (
            <div key={s} className={`sb-stage ${i < stageIndex ? 'is-done' : ''} ${i === stageIndex ? 'is-now' : ''}`}>
              <span className="sb-stage__bar" />
              <span className="sb-stage__label">{stageLabels[s]}</span>
            </div>
          ))}
        </div>
      </section>

      {reasons.length > 0 && (
        <section className="sb-card">
          <h4>评分依据</h4>
          <ul className="sb-reasons">
            {(allReasons ? reasons : reasons.slice(0, 3)).map((r) => (
              <li key={r} className={/ -\d/.test(r) ? 'is-neg' : ''}>
                {r}
              </li>
            ))}
          </ul>
          {reasons.length > 3 && (
            <button className="sb-link" onClick={() => setAllReasons(!allReasons)}>
              {allReasons ? '收起' : `全部 ${reasons.length} 条`}
            </button>
          )}
        </section>
      )}

      <section className="sb-card">
        <h4>标签</h4>
        {bySource.length === 0 && <div className="sb-muted">暂无标签</div>}
        {bySource.map((g) => (
          <div key={g.source} className="sb-tagsrc">
            <div className="sb-tagsrc__name">{tagSourceLabels[g.source] ?? g.source}</div>
            <div className="sb-tagsrc__tags">
              {g.tags.map((t) => (
                <div key={t.tagId} className="sb-tagline">
                  <Tag size="small" variant="light" theme={g.source === 'conversation' ? 'primary' : g.source === 'model' ? 'warning' : 'default'} title={t.group}>
                    {t.name}
                  </Tag>
                  {t.evidence && g.source !== 'static' && <span className="sb-evidence">“{t.evidence.replace(/^客户说：/, '').replace(/^[“"]|[”"]$/g, '')}”</span>}
                </div>
              ))}
            </div>
          </div>
        ))}
      </section>

      <section className="sb-card">
        <h4>保单 {customer.policies.length > 0 && <span className="sb-muted">{customer.policies.length} 份</span>}</h4>
        {customer.policies.length === 0 && <div className="sb-muted">没有保单</div>}
        {customer.policies.map((p) => (
          <div key={p.policyNo} className={`sb-policy ${p.status !== 'active' ? 'is-off' : ''}`}>
            <div>
              <div className="sb-policy__name">
                {p.product}
                {p.orphan && (
                  <Tag size="small" theme="warning" variant="light">
                    孤儿单
                  </Tag>
                )}
              </div>
              <div className="sb-muted">
                {productLineLabels[p.productLine] ?? p.productLine} · 保额 {money(p.coverAmount)} · 年缴 {money(p.annualPremium)}
              </div>
            </div>
            <span className="sb-policy__status">{policyStatusLabels[p.status] ?? p.status}</span>
          </div>
        ))}
      </section>

      <section className="sb-card">
        <h4>最近会话</h4>
        {conversation === undefined && <div className="sb-muted">加载中…</div>}
        {conversation === null && <div className="sb-muted">还没有存档的会话</div>}
        {conversation && (
          <div data-testid="last-conversation">
            <div className="sb-muted">
              {ago(conversation.lastAt)} · {conversation.messages} 条消息 · {productLineLabels[conversation.productLine] ?? conversation.productLine}
            </div>
            <div className="sb-nodes">
              {conversation.nodes.length === 0 && <span className="sb-muted">尚未达成关键节点</span>}
              {conversation.nodes.map((n) => (
                <Tag key={n.key} size="small" theme="success" variant="light">
                  ✓ {n.name}
                </Tag>
              ))}
            </div>
            {conversation.items
              .filter((m) => m.insights.length > 0)
              .slice(-2)
              .map((m) => (
                <div key={m.id} className="sb-quote">
                  <span className="sb-quote__text">{m.text}</span>
                  <span className="sb-quote__tags">
                    {m.insights
                      .filter((i) => i.kind !== 'compliance')
                      .map((i) => (i.kind === 'intent' ? (intentLabels[i.name] ?? i.name) : i.name))
                      .join(' · ')}
                  </span>
                </div>
              ))}
          </div>
        )}
      </section>

      <section className="sb-card">
        <h4>进行中的旅程</h4>
        {customer.journeys.length === 0 ? (
          <div className="sb-muted">没有</div>
        ) : (
          customer.journeys.map((j) => (
            <div key={j.journeyId} className="sb-row">
              <span>{j.name}</span>
              <span className="sb-muted">停在 {j.step}</span>
            </div>
          ))
        )}
      </section>

      <section className="sb-card">
        <h4>最近行为</h4>
        {behaviour.length === 0 && <div className="sb-muted">没有记录</div>}
        <ul className="sb-timeline">
          {behaviour.map((e, i) => (
            <li key={`${e.at}-${i}`}>
              <span className="sb-timeline__at">{ago(e.at)}</span>
              <span>{eventLabels[e.summary] ?? e.summary}</span>
            </li>
          ))}
        </ul>
        {customer.relationships[0] && <div className="sb-muted sb-foot">添加企业微信于 {shortDate(customer.relationships[0].addedAt)}</div>}
      </section>
    </div>
  );
}
