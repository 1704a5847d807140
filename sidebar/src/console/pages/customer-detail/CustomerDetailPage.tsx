import { useCallback, useEffect, useMemo, useState } from 'react';
import { Button, Collapse, Input, Loading, MessagePlugin, Popconfirm, Select, Space, Steps, Table, Tag, Timeline, Tooltip } from 'tdesign-react';
import { ChevronLeftIcon, CloseIcon } from 'tdesign-icons-react';
import { useNavigate, useParams } from 'react-router-dom';
import type { Conversation, CustomerScore, CustomerView, TagSource } from '@lodestar/shared';
import { ageOf, dateTime, money, shortDate } from '../../../common/format';
import { RevealField } from '../../../common/RevealField';
import { mayOfferReveal } from '../../../common/reveal';
import { eventLabels, gradeTheme, intentLabels, objectionLabels, policyStatusLabels, productLineLabels, stageLabels, stageOrder, tagSourceLabels } from '../../../common/labels';
import { addCustomerTag, customerActivity, customerConversations, customerScore, customerView, removeCustomerTag, type CustomerActivity } from '../../../services/customer-admin';
import { ApiError, errorText } from '../../../services/http';
import { tagDictionary, type DictionaryGroup } from '../../../services/tags';
import { genderLabels, identityLabels, messageTypeLabels, moreEventLabels, relationshipLabels, timelineKind } from '../_kit/labels';

const eventName = (e: string): string => eventLabels[e] ?? moreEventLabels[e] ?? e;
import '../_kit/kit.css';

const sourceOrder: TagSource[] = ['conversation', 'behaviour', 'manual', 'model', 'journey', 'static'];

/** The full customer view: who they are, how warm, what they carry and why, and what happened. */
export function CustomerDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [view, setView] = useState<CustomerView | null>(null);
  const [error, setError] = useState<{ status: number; text: string } | null>(null);
  const [score, setScore] = useState<CustomerScore | null>(null);
  const [convs, setConvs] = useState<Conversation[] | null>(null);
  const [activity, setActivity] = useState<CustomerActivity | null>(null);

  const load = useCallback(() => {
    customerView(id)
      .then((v) => {
        setView(v);
        setError(null);
      })
      .catch((e) => setError({ status: e instanceof ApiError ? e.status : 0, text: errorText(e) }));
  }, [id]);

  useEffect(() => {
    setView(null);
    setScore(null);
    setConvs(null);
    setActivity(null);
    load();
    customerScore(id).then(setScore).catch(() => setScore(null));
    customerConversations(id, 10).then(setConvs).catch(() => setConvs([]));
    customerActivity(id).then(setActivity).catch(() => setActivity(null));
  }, [id, load]);

  if (error)
    return (
      <div className="cs-card cx-error" data-testid="customer-error">
        {error.status === 404 ? '没有这位客户，或你无权查看' : `加载失败：${error.text}`}
        <div style={{ marginTop: 12 }}>
          <Button variant="outline" onClick={() => navigate('/customers')}>
            返回客户列表
          </Button>
        </div>
      </div>
    );
  if (!view) return <Loading loading text="加载客户…" style={{ display: 'block', padding: 80 }} />;

  const age = ageOf(view.birthDate);
  const wecom = view.relationships.find((r) => r.status === 'active');
  return (
    <div data-testid="customer-view">
      <div className="cs-toolbar">
        <Button variant="text" icon={<ChevronLeftIcon />} onClick={() => navigate(-1)}>
          返回
        </Button>
      </div>
      <div className="cx-row">
        <div className="cx-col">
          <div className="cs-card">
            <div className="cx-head">
              <span className="cx-head__name" data-testid="customer-name">
                {view.name}
              </span>
              {view.lead && (
                <Tag theme={gradeTheme[view.lead.grade]} size="large">
                  {view.lead.grade} 级线索
                </Tag>
              )}
              {wecom ? <Tag theme="success" variant="light">企业微信好友</Tag> : <Tag variant="light">未加企业微信</Tag>}
              {view.segments.map((s) => (
                <Tag key={s.id} variant="outline" theme="primary">
                  {s.name}
                </Tag>
              ))}
            </div>
            <div className="cx-head__meta" style={{ marginTop: 8 }}>
              <span>{genderLabels[view.gender]}</span>
              {age !== null && <span>{age} 岁</span>}
              <span>{view.city ?? '城市未知'}</span>
              <span>
                手机 <RevealField key={`${view.id}-phone`} customerId={view.id} field="phone" masked={view.phone} offered={mayOfferReveal(view, 'phone')} />
              </span>
              <span>
                身份证 <RevealField key={`${view.id}-idNumber`} customerId={view.id} field="idNumber" masked={view.idNumber} offered={mayOfferReveal(view, 'idNumber')} />
              </span>
              <span>负责顾问 {view.owner?.name ?? '无人服务'}</span>
              {view.stageChangedAt && <span>阶段更新于 {dateTime(view.stageChangedAt)}</span>}
            </div>
            <div className="cx-stage" style={{ marginTop: 16 }} data-testid="customer-stage">
              <Steps current={stageOrder.indexOf(view.stage)} readonly theme="dot">
                {stageOrder.map((s) => (
                  <Steps.StepItem key={s} title={stageLabels[s]} />
                ))}
              </Steps>
            </div>
          </div>

          <TagsCard view={view} onChanged={load} />

          <div className="cs-card">
            <h3>
              会话 <span className="cs-muted">会话存档中最近 10 段，含挖掘出的需求、异议与关键节点</span>
            </h3>
            <Conversations items={convs} />
          </div>

          <div className="cs-card">
            <h3>
              时间线 <span className="cs-muted">行为事件、顾问与系统操作、企业微信与客户群变化，最新在前</span>
            </h3>
            {view.timeline.length === 0 ? (
              <div className="cs-empty">还没有记录</div>
            ) : (
              <div className="cx-scroll" data-testid="customer-timeline">
                <Timeline mode="same" labelAlign="left">
                  {view.timeline.map((t, i) => {
                    const k = timelineKind(t.kind);
                    return (
                      <Timeline.Item key={`${t.at}-${i}`} label={dateTime(t.at)} dotColor={k.theme === 'default' ? 'default' : k.theme}>
                        <Tag size="small" variant="light" theme={k.theme}>
                          {k.label}
                        </Tag>{' '}
                        {t.kind === `event.${t.summary}` ? eventName(t.summary) : t.summary}
                      </Timeline.Item>
                    );
                  })}
                </Timeline>
              </div>
            )}
          </div>
        </div>

        <div className="cx-side">
          <LeadCard view={view} score={score} />

          <div className="cs-card">
            <h3>身份</h3>
            {view.identities.length === 0 ? (
              <div className="cs-muted">无</div>
            ) : (
              <dl className="cx-kv" data-testid="customer-identities">
                {view.identities.map((i) => (
                  <FragmentKV key={`${i.kind}:${i.value}`} k={identityLabels[i.kind] ?? i.kind} v={i.kind === 'phone_hash' ? `${i.value.slice(0, 12)}…` : i.value} />
                ))}
              </dl>
            )}
          </div>

          <div className="cs-card">
            <h3>
              保单 <span className="cs-muted">{view.policies.length} 份</span>
            </h3>
            {view.policies.length === 0 ? (
              <div className="cs-muted">没有保单</div>
            ) : (
              view.policies.map((p) => (
                <div key={p.policyNo} className="cx-tag-item">
                  <div style={{ flex: 1 }}>
                    <b>{p.product}</b> <span className="cs-muted">{productLineLabels[p.productLine] ?? p.productLine}</span>
                    <div className="cs-muted">
                      {p.policyNo} · 保额 {money(p.coverAmount)} · 年缴 {money(p.annualPremium)} · {shortDate(p.startDate)} 起
                    </div>
                  </div>
                  <Space size={4}>
                    {p.orphan && (
                      <Tag theme="danger" variant="light" size="small">
                        孤儿单
                      </Tag>
                    )}
                    <Tag size="small" variant="light" theme={p.status === 'active' ? 'success' : 'default'}>
                      {policyStatusLabels[p.status] ?? p.status}
                    </Tag>
                  </Space>
                </div>
              ))
            )}
          </div>

          <div className="cs-card">
            <h3>企业微信关系与客户群</h3>
            {view.relationships.length === 0 && view.groups.length === 0 && <div className="cs-muted">没有企业微信关系</div>}
            {view.relationships.map((r) => (
              <div key={`${r.agent.id}-${r.addedAt}`} className="cx-tag-item">
                <div style={{ flex: 1 }}>
                  <b>{r.agent.name}</b> <span className="cs-muted">{r.agent.userId}</span>
                  <div className="cs-muted">
                    {shortDate(r.addedAt)} 添加{r.state ? ` · 渠道 ${r.state}` : ''}
                    {r.remark ? ` · 备注 ${r.remark}` : ''}
                  </div>
                </div>
                <Tag size="small" variant="light" theme={r.status === 'active' ? 'success' : 'default'}>
                  {relationshipLabels[r.status] ?? r.status}
                </Tag>
              </div>
            ))}
            {view.groups.map((g) => (
              <div key={`${g.groupId}-${g.at}`} className="cx-tag-item">
                <div style={{ flex: 1 }}>
                  {g.kind === 'join' ? '加入' : '退出'}群 <b>{g.name}</b>
                </div>
                <span className="cs-muted">{shortDate(g.at)}</span>
              </div>
            ))}
          </div>

          <div className="cs-card">
            <h3>旅程</h3>
            {view.journeys.length === 0 ? (
              <div className="cs-muted">没有进行中的旅程</div>
            ) : (
              view.journeys.map((j) => (
                <div key={j.journeyId} className="cx-tag-item">
                  <a className="cx-link" onClick={() => navigate(`/journeys/${j.journeyId}`)}>
                    {j.name}
                  </a>
                  <span className="cs-muted">当前步骤 {j.step}</span>
                </div>
              ))
            )}
          </div>

          <div className="cs-card">
            <h3>
              近期行为 <span className="cs-muted">{activity ? `截至 ${activity.today}` : ''}</span>
            </h3>
            {!activity || activity.events.length === 0 ? (
              <div className="cs-muted">近 30 天没有行为</div>
            ) : (
              <Table
                size="small"
                rowKey="event"
                data={activity.events.slice(0, 12)}
                columns={[
                  { colKey: 'event', title: '事件', ellipsis: true, cell: ({ row }) => eventName(row.event) },
                  { colKey: 'last7', title: '7 天', width: 60, align: 'right' },
                  { colKey: 'last30', title: '30 天', width: 60, align: 'right' },
                ]}
              />
            )}
          </div>
        </div>
      </div>
    </div>
  );
}

function FragmentKV({ k, v }: { k: string; v: string }) {
  return (
    <>
      <dt>{k}</dt>
      <dd className="cx-mono">{v}</dd>
    </>
  );
}

function LeadCard({ view, score }: { view: CustomerView; score: CustomerScore | null }) {
  const cur = score?.current;
  return (
    <div className="cs-card" data-testid="customer-lead">
      <h3>线索评分</h3>
      {!view.lead ? (
        <div className="cs-muted">尚未评分</div>
      ) : (
        <>
          <div className="cx-score">
            <span className="cx-score__num">{view.lead.score.toFixed(1)}</span>
            <Tag theme={gradeTheme[view.lead.grade]}>{view.lead.grade} 级</Tag>
            {cur && (
              <span className="cs-muted">
                匹配度 {cur.fit.toFixed(0)} · 活跃度 {cur.engagement.toFixed(0)}
                {cur.probability !== null ? ` · 高意向概率 ${(cur.probability * 100).toFixed(0)}%` : ''}
              </span>
            )}
          </div>
          {view.lead.reasons && view.lead.reasons.length > 0 ? (
            <ol className="cx-reasons">
              {view.lead.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ol>
          ) : (
            <div className="cs-muted">没有命中的评分规则</div>
          )}
          {score && score.history.length > 1 && (
            <div style={{ marginTop: 8 }}>
              <div className="cs-muted">评分变化</div>
              {score.history.slice(0, 5).map((h) => (
                <div key={h.at} className="cs-muted">
                  {dateTime(h.at)} · {h.score.toFixed(1)}（{h.grade}） · {h.cause}
                </div>
              ))}
            </div>
          )}
        </>
      )}
    </div>
  );
}

function TagsCard({ view, onChanged }: { view: CustomerView; onChanged: () => void }) {
  const [dictionary, setDictionary] = useState<DictionaryGroup[]>([]);
  const [pick, setPick] = useState<string | undefined>();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    tagDictionary().then(setDictionary).catch(() => setDictionary([]));
  }, []);

  const bySource = useMemo(() => {
    const m = new Map<TagSource, CustomerView['tags']>();
    view.tags.forEach((t) => m.set(t.source, [...(m.get(t.source) ?? []), t]));
    return sourceOrder.filter((s) => m.has(s)).map((s) => [s, m.get(s)!] as const);
  }, [view.tags]);

  const carried = new Set(view.tags.map((t) => t.tagId));
  const options = dictionary.map((g) => ({ group: g.name, children: g.tags.map((t) => ({ label: t.name, value: `${g.key}\u0000${t.name}`, disabled: carried.has(t.id) })) }));

  const add = async (): Promise<void> => {
    if (!pick) return;
    const [group, tag] = pick.split('\u0000');
    setBusy(true);
    try {
      const r = await addCustomerTag(view.id, { tag: tag!, group, evidence: note.trim() || undefined });
      void MessagePlugin.success(r.added ? `已打标签：${r.tag.group}/${r.tag.name}` : '客户已有这个标签');
      setPick(undefined);
      setNote('');
      onChanged();
    } catch (e) {
      void MessagePlugin.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const remove = (tagId: string, name: string): void => {
    removeCustomerTag(view.id, tagId)
      .then(() => {
        void MessagePlugin.success(`已移除：${name}`);
        onChanged();
      })
      .catch((e) => void MessagePlugin.error(errorText(e)));
  };

  return (
    <div className="cs-card" data-testid="customer-tags">
      <h3>
        标签 <span className="cs-muted">按来源分组；会话标签附带产生它的原话</span>
      </h3>
      {bySource.length === 0 && <div className="cs-muted" style={{ marginBottom: 12 }}>还没有标签</div>}
      {bySource.map(([source, tags]) => (
        <div key={source} className="cx-tags-src">
          <div className="cx-tags-src__title">
            {tagSourceLabels[source] ?? source}（{tags.length}）
          </div>
          {tags.map((t) => (
            <div key={t.tagId} className="cx-tag-item" data-testid="customer-tag">
              <Tag theme={source === 'conversation' ? 'warning' : source === 'behaviour' ? 'primary' : 'default'} variant="light">
                {t.group} / {t.name}
              </Tag>
              <div className="cx-tag-item__ev">
                {t.evidence ? source === 'conversation' ? <q>{t.evidence}</q> : t.evidence : <span className="cs-muted">无依据记录</span>}
                {t.confidence !== null && <span className="cs-muted"> · 置信度 {(t.confidence * 100).toFixed(0)}%</span>}
                <span className="cs-muted"> · {shortDate(t.at)}</span>
              </div>
              <Popconfirm content={`从客户身上移除「${t.name}」？`} onConfirm={() => remove(t.tagId, t.name)}>
                <Tooltip content="移除标签">
                  <Button size="small" variant="text" shape="square" icon={<CloseIcon />} aria-label={`移除 ${t.name}`} />
                </Tooltip>
              </Popconfirm>
            </div>
          ))}
        </div>
      ))}
      <Space align="center" style={{ marginTop: 8 }}>
        <Select style={{ width: 200 }} filterable clearable value={pick} options={options} placeholder="从标签字典选择" onChange={(v) => setPick((v as string) || undefined)} data-testid="add-tag-select" />
        <Input style={{ width: 260 }} value={note} onChange={(v) => setNote(String(v))} placeholder="依据（可选），如：电话沟通中提到" />
        <Button theme="primary" disabled={!pick} loading={busy} onClick={() => void add()} data-testid="add-tag">
          打标签
        </Button>
      </Space>
    </div>
  );
}

function Conversations({ items }: { items: Conversation[] | null }) {
  if (items === null) return <Loading size="small" />;
  if (items.length === 0) return <div className="cs-empty">会话存档里没有这位客户的会话</div>;
  return (
    <Collapse defaultValue={[items[0]!.id]} expandMutex={false} borderless>
      {items.map((c) => (
        <Collapse.Panel
          key={c.id}
          value={c.id}
          header={
            <Space size={8} align="center">
              <b>{dateTime(c.startedAt)}</b>
              <span className="cs-muted">
                {c.messages} 条 · {productLineLabels[c.productLine] ?? c.productLine}
              </span>
              {c.nodes.map((n) => (
                <Tag key={n.key} size="small" theme="success" variant="light">
                  {n.name}
                </Tag>
              ))}
            </Space>
          }
        >
          <div className="cx-scroll">
            {c.items.map((m) => (
              <div key={m.id} className={`cx-msg ${m.by === 'staff' ? 'cx-msg--staff' : 'cx-msg--customer'}`}>
                <div className="cx-msg__meta">
                  {m.by === 'staff' ? '顾问' : m.by === 'customer' ? '客户' : '其他'} · {dateTime(m.at)}
                  {m.recalled && ' · 已撤回'}
                </div>
                <div>{m.text ?? <span className="cs-muted">[{messageTypeLabels[m.type] ?? m.type}]</span>}</div>
                {m.insights.length > 0 && (
                  <Space size={4} breakLine style={{ marginTop: 4 }}>
                    {m.insights.map((i, k) => (
                      <Tag key={k} size="small" variant="light" theme={i.kind === 'compliance' ? 'danger' : i.kind === 'objection' ? 'warning' : 'primary'}>
                        {insightText(i.kind, i.name)}
                      </Tag>
                    ))}
                  </Space>
                )}
              </div>
            ))}
          </div>
        </Collapse.Panel>
      ))}
    </Collapse>
  );
}

function insightText(kind: string, name: string): string {
  switch (kind) {
    case 'objection':
      return objectionLabels[name] ?? `异议：${name}`;
    case 'intent':
      return intentLabels[name] ?? name;
    case 'compliance':
      return `合规：${name}`;
    default:
      return `标签：${name}`;
  }
}
