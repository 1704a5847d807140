import { useEffect, useState } from 'react';
import { Button, Dialog, Tag, Textarea } from 'tdesign-react';
import type { ChatInsightPayload } from '@lodestar/shared';
import { ago } from '../../common/format';
import { intentLabels, objectionLabels } from '../../common/labels';
import { checkCompliance, type ComplianceResult } from '../../services/compliance';
import { errorText } from '../../services/http';
import { listLeads, recordLeadActivity } from '../../services/leads';
import type { OutgoingMessage, WecomBridge } from '../../services/wecom';

interface Insight {
  id: string;
  at: string;
  payload: ChatInsightPayload;
}

/** Where a library article opens for the customer (the insight carries no URL yet). */
const articleUrl = (id: string): string => `${location.origin}/mp/#/pages/article/index?id=${encodeURIComponent(id)}`;

/** A text with the compliance hits marked. */
function Marked({ text, result }: { text: string; result: ComplianceResult | null }) {
  if (!result || result.hits.length === 0) return <>{text}</>;
  const parts: Array<{ s: string; hit: boolean }> = [];
  let at = 0;
  for (const h of [...result.hits].sort((a, b) => a.index - b.index)) {
    if (h.index < at) continue;
    parts.push({ s: text.slice(at, h.index), hit: false }, { s: text.slice(h.index, h.index + h.match.length), hit: true });
    at = h.index + h.match.length;
  }
  parts.push({ s: text.slice(at), hit: false });
  return (
    <>
      {parts.map((p, i) =>
        p.hit ? (
          <mark key={i} className="sb-hit">
            {p.s}
          </mark>
        ) : (
          <span key={i}>{p.s}</span>
        ),
      )}
    </>
  );
}

function ComplianceLine({ result }: { result: ComplianceResult | null }) {
  if (!result) return <span className="sb-muted sb-compliance">合规检查中…</span>;
  if (result.hits.length === 0) return <span className="sb-compliance is-ok">✓ 合规检查通过</span>;
  const high = result.hits.some((h) => h.severity === 'high');
  return (
    <span className={`sb-compliance ${high ? 'is-high' : 'is-medium'}`} data-testid="compliance-hits">
      ⚠ {high ? '高风险' : '需注意'}：{result.hits.map((h) => (h.name === h.match ? h.match : `${h.match}（${h.name}）`)).join('、')}
    </span>
  );
}

/** One message ready to go: its compliance result first, then a tap sends it through the JS-SDK. */
function useSender(bridge: WecomBridge, customerId: string | null) {
  const [confirm, setConfirm] = useState<{ message: OutgoingMessage; text: string; result: ComplianceResult } | null>(null);
  const [busy, setBusy] = useState(false);

  const deliver = async (message: OutgoingMessage): Promise<void> => {
    setBusy(true);
    try {
      await bridge.sendChatMessage(message);
      // Following the lead up moves its SLA: record it on the customer's open lead, if the agent has one.
      if (customerId) {
        const leads = await listLeads({ customerId, open: 'true', limit: 5 }).catch(() => null);
        const lead = leads?.items.find((l) => l.status === 'assigned');
        if (lead) await recordLeadActivity(lead.id, 'message').catch(() => {});
      }
    } finally {
      setBusy(false);
    }
  };

  const send = async (message: OutgoingMessage, text: string): Promise<void> => {
    const result = await checkCompliance(text);
    if (result.hits.length > 0) {
      setConfirm({ message, text, result });
      return;
    }
    await deliver(message);
  };

  const dialog = confirm && (
    <Dialog
      visible
      header="发送前合规提示"
      width="92%"
      placement="center"
      onClose={() => setConfirm(null)}
      confirmBtn={confirm.result.hits.some((h) => h.severity === 'high') ? null : { content: '仍然发送', theme: 'warning' }}
      cancelBtn="返回修改"
      onConfirm={async () => {
        const m = confirm.message;
        setConfirm(null);
        await deliver(m);
      }}
    >
      <div className="sb-dialogtext">
        <Marked text={confirm.text} result={confirm.result} />
      </div>
      <ComplianceLine result={confirm.result} />
      {confirm.result.hits.some((h) => h.severity === 'high') && <div className="sb-muted">含高风险用语，不能发送，请修改后再发。</div>}
    </Dialog>
  );
  return { send, busy, dialog };
}

function ScriptCard({ title, body, trigger, onSend, onEdit }: { title: string; body: string; trigger: string; onSend: () => void; onEdit: () => void }) {
  const [result, setResult] = useState<ComplianceResult | null>(null);
  useEffect(() => {
    let stale = false;
    checkCompliance(body)
      .then((r) => !stale && setResult(r))
      .catch(() => {});
    return () => {
      stale = true;
    };
  }, [body]);
  const [kind, name] = trigger.split(':');
  const label = kind === 'objection' ? (objectionLabels[name ?? ''] ?? name) : kind === 'intent' ? (intentLabels[name ?? ''] ?? name) : name;
  return (
    <div className="sb-script" data-testid="script-card">
      <div className="sb-script__head">
        <span className="sb-script__title">{title}</span>
        {label && (
          <Tag size="small" variant="outline">
            {label}
          </Tag>
        )}
      </div>
      <div className="sb-script__body">
        <Marked text={body} result={result} />
      </div>
      <div className="sb-script__foot">
        <ComplianceLine result={result} />
        <span className="sb-script__btns">
          <Button size="small" variant="text" onClick={onEdit}>
            编辑
          </Button>
          <Button size="small" theme="primary" onClick={onSend} data-testid="send-script">
            发送
          </Button>
        </span>
      </div>
    </div>
  );
}

/** What to say now: the customer's last message, what it showed, the best scripts and articles; one tap sends. */
export function SuggestPanel({ customerId, insights, bridge }: { customerId: string | null; insights: Insight[]; bridge: WecomBridge }) {
  const { send, busy, dialog } = useSender(bridge, customerId);
  const [draft, setDraft] = useState('');
  const [draftCheck, setDraftCheck] = useState<ComplianceResult | null>(null);
  const [sendError, setSendError] = useState<string | null>(null);

  useEffect(() => {
    setDraftCheck(null);
    if (!draft.trim()) return;
    const t = setTimeout(() => {
      checkCompliance(draft.trim())
        .then(setDraftCheck)
        .catch(() => {});
    }, 400);
    return () => clearTimeout(t);
  }, [draft]);

  const run = (p: Promise<void>): void => {
    setSendError(null);
    p.catch((e) => setSendError(`发送失败：${errorText(e)}`));
  };
  const sendText = (text: string): void => run(send({ msgtype: 'text', text: { content: text } }, text));

  if (!customerId) return <div className="sb-empty">打开一位客户的会话后，这里会根据客户的最新消息推荐话术。</div>;
  const [latest, ...older] = insights;

  return (
    <div className="sb-stack">
      {!latest && (
        <div className="sb-empty" data-testid="no-insight">
          等待客户的新消息…
          <div className="sb-muted">客户说出需求、异议或意向时，推荐话术会实时出现在这里。</div>
        </div>
      )}
      {latest && (
        <section className="sb-card sb-insight" data-testid="insight-card">
          <div className="sb-insight__said">
            <span className="sb-muted">{ago(latest.at)} 客户说</span>
            <div className="sb-insight__text">“{latest.payload.text}”</div>
          </div>
          <div className="sb-insight__chips">
            {latest.payload.needs.map((d) => (
              <Tag key={`n-${d.name}`} size="small" theme="primary" variant="light">
                需求 · {d.name}
              </Tag>
            ))}
            {latest.payload.objections.map((d) => (
              <Tag key={`o-${d.name}`} size="small" theme="danger" variant="light">
                {objectionLabels[d.name] ?? d.name}
              </Tag>
            ))}
            {latest.payload.intents.map((d) => (
              <Tag key={`i-${d.name}`} size="small" theme="success" variant="light">
                意向 · {intentLabels[d.name] ?? d.name}
              </Tag>
            ))}
          </div>
          <h4>推荐话术</h4>
          {latest.payload.scripts.length === 0 && <div className="sb-muted">话术库里还没有对应的话术</div>}
          {latest.payload.scripts.map((s) => (
            <ScriptCard key={s.id} title={s.title} body={s.body} trigger={s.trigger} onSend={() => sendText(s.body)} onEdit={() => setDraft(s.body)} />
          ))}
          {latest.payload.articles.length > 0 && <h4>推荐内容</h4>}
          {latest.payload.articles.map((a) => (
            <div key={a.id} className="sb-article">
              <div>
                <div className="sb-article__title">{a.title}</div>
                <div className="sb-muted">{a.summary}</div>
              </div>
              <Button
                size="small"
                variant="outline"
                theme="primary"
                disabled={busy}
                onClick={() => run(send({ msgtype: 'news', news: { link: articleUrl(a.id), title: a.title, desc: a.summary, imgUrl: '' } }, `${a.title}\n${a.summary}`))}
              >
                发送
              </Button>
            </div>
          ))}
        </section>
      )}
      {older.length > 0 && (
        <section className="sb-card">
          <h4>更早的提示</h4>
          {older.slice(0, 5).map((x) => (
            <div key={x.id} className="sb-row">
              <span className="sb-ellipsis">“{x.payload.text}”</span>
              <span className="sb-muted">{ago(x.at)}</span>
            </div>
          ))}
        </section>
      )}
      <section className="sb-card sb-compose">
        <h4>自己写</h4>
        <Textarea value={draft} onChange={(v) => setDraft(String(v))} placeholder="输入要发送的话，发送前会做合规检查" autosize={{ minRows: 2, maxRows: 6 }} />
        {draft.trim() && (
          <div className="sb-compose__check">
            <ComplianceLine result={draftCheck} />
          </div>
        )}
        <div className="sb-compose__foot">
          <Button size="small" theme="primary" disabled={!draft.trim() || busy} onClick={() => sendText(draft.trim())}>
            发送
          </Button>
        </div>
      </section>
      {sendError && <div className="sb-error">{sendError}</div>}
      {dialog}
    </div>
  );
}
