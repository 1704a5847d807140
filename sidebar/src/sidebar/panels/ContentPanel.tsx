import { useEffect, useState } from 'react';
import { Button, Input, Loading, Radio, Tag } from 'tdesign-react';
import type { Shareable, ShareableKind } from '@lodestar/shared';
import { listShareables } from '../../services/content';
import { errorText } from '../../services/http';
import type { WecomBridge } from '../../services/wecom';
import { useShare } from './useShare';

const kindLabels: Record<ShareableKind, string> = { article: '文章', product: '产品', activity: '活动' };
const kindThemes: Record<ShareableKind, 'primary' | 'success' | 'warning'> = { article: 'primary', product: 'success', activity: 'warning' };
const sendLabels: Record<ShareableKind, string> = { article: '发文章', product: '发产品', activity: '发邀请' };

/** The content library an agent shares from: articles, products on sale and published activities, one tap each. */
export function ContentPanel({ bridge }: { bridge: WecomBridge }) {
  const [kind, setKind] = useState<ShareableKind | 'all'>('all');
  const [q, setQ] = useState('');
  const [items, setItems] = useState<Shareable[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const { busy, share } = useShare(bridge);

  // Typing settles for a moment before the search; a kind is applied at once.
  useEffect(() => {
    const t = setTimeout(() => setQuery(q.trim()), 250);
    return () => clearTimeout(t);
  }, [q]);

  useEffect(() => {
    let stale = false;
    listShareables({ kind: kind === 'all' ? undefined : kind, q: query })
      .then((r) => {
        if (stale) return;
        setItems(r);
        setError(null);
      })
      .catch((e) => !stale && setError(errorText(e)));
    return () => {
      stale = true;
    };
  }, [kind, query]);

  return (
    <div className="sb-stack" data-testid="content-panel">
      <div className="sb-card sb-filter">
        <Input size="small" clearable placeholder="搜索文章、产品、活动" value={q} onChange={(v) => setQ(String(v))} data-testid="content-search" />
        <Radio.Group size="small" variant="default-filled" value={kind} onChange={(v) => setKind(v as ShareableKind | 'all')} className="sb-seg">
          <Radio.Button value="all">全部</Radio.Button>
          <Radio.Button value="article">文章</Radio.Button>
          <Radio.Button value="product">产品</Radio.Button>
          <Radio.Button value="activity">活动</Radio.Button>
        </Radio.Group>
      </div>
      {error && <div className="sb-error">{error}</div>}
      {!items && !error ? (
        <Loading className="sb-center" size="small" />
      ) : items && items.length === 0 ? (
        <div className="sb-empty">没有找到相关内容</div>
      ) : (
        <div className="sb-card">
          {items?.map((it) => (
            <div className="sb-share" key={`${it.kind}:${it.id}`} data-testid="shareable" data-kind={it.kind}>
              <div className="sb-share__main">
                <div className="sb-share__title">
                  <Tag size="small" variant="light" theme={kindThemes[it.kind]}>
                    {kindLabels[it.kind]}
                  </Tag>
                  <span className="sb-ellipsis">{it.title}</span>
                </div>
                <div className="sb-muted sb-clamp">{it.summary}</div>
              </div>
              <Button size="small" variant="outline" theme="primary" loading={busy === it.id} disabled={busy !== null && busy !== it.id} onClick={() => void share(it.id, it)} data-testid="send-shareable">
                {sendLabels[it.kind]}
              </Button>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
