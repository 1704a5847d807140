import { useEffect, useState } from 'react';
import { Alert } from 'tdesign-react';
import type { UpstreamIncidentView, UpstreamNow, UpstreamStatus } from '@lodestar/shared';
import { dateTime } from '../common/format';
import { now } from '../services/clock';
import { ApiError } from '../services/http';
import { upstreamStatus } from '../services/system';
import { nextPollIn, upstreamAlerts, upstreamPollMs, type UpstreamAlert } from './upstream-alerts';

/**
 * Admins only (the layout mounts it for them alone): asks GET /api/system/upstreams every 30 s and
 * shows a banner while an outside service (WeCom) is failing or had an incident in the last hour.
 */
export function UpstreamBanner() {
  const [status, setStatus] = useState<UpstreamStatus | null>(null);
  const [, setTick] = useState(0);

  useEffect(() => {
    let stopped = false;
    let busy = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      if (busy) return; // one chain of polls, even when the tab comes back while one is out
      busy = true;
      clearTimeout(timer);
      let next: UpstreamStatus | null = null;
      let refused = false;
      try {
        // A hidden tab does not ask; it asks again as soon as it is shown.
        if (!document.hidden) {
          next = await upstreamStatus();
          if (!stopped) setStatus(next);
        }
      } catch (e) {
        // Not (or no longer) an admin: stop asking. Anything else: keep the last answer and try again.
        refused = e instanceof ApiError && (e.status === 401 || e.status === 403);
      } finally {
        busy = false;
      }
      if (!stopped && !refused) timer = setTimeout(() => void poll(), next ? nextPollIn(upstreamAlerts(next, now()), now()) : upstreamPollMs);
    };
    const onVisible = () => !document.hidden && void poll();
    void poll();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, []);

  const alerts = status ? upstreamAlerts(status, now()) : [];
  const counting = alerts.some((a) => a.kind === 'paused' && a.until && Date.parse(a.until) > now());
  useEffect(() => {
    // Re-render each second while a pause is counting down.
    if (!counting) return;
    const t = setInterval(() => setTick((n) => n + 1), 1000);
    return () => clearInterval(t);
  }, [counting]);

  if (alerts.length === 0) return null;
  return (
    <div className="cs-upstreams" data-testid="upstream-banner">
      {alerts.map((a) => (
        <UpstreamAlertLine key={a.upstream} alert={a} />
      ))}
    </div>
  );
}

function UpstreamAlertLine({ alert: a }: { alert: UpstreamAlert }) {
  const [open, setOpen] = useState(false);
  const toggle = () => setOpen(!open);
  return (
    <div data-testid={`upstream-alert-${a.upstream}`} data-kind={a.kind}>
      <Alert
        theme={a.theme}
        title={a.title}
        message={
          <div className="cs-upstream">
            <div data-testid="upstream-summary">{summary(a)}</div>
            {a.lastError && <div className="cs-upstream__error">最近错误：{a.lastError}</div>}
            {open && <Details alert={a} />}
          </div>
        }
        operation={
          <span role="button" tabIndex={0} aria-expanded={open} data-testid="upstream-details-toggle" onClick={toggle} onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && toggle()}>
            {open ? '收起' : '详情'}
          </span>
        }
      />
    </div>
  );
}

const secondsUntil = (iso: string): number => Math.ceil((Date.parse(iso) - now()) / 1000);

/** One sentence: since when, until when, what it costs. */
function summary(a: UpstreamAlert): string {
  const since = a.since ? `自 ${dateTime(a.since)} 起` : '';
  switch (a.kind) {
    case 'paused': {
      const left = a.until ? secondsUntil(a.until) : null;
      const until = a.until && left !== null ? (left > 0 ? `暂停至 ${clock(a.until)}（还剩 ${left} 秒），之后下一次调用将试探恢复` : '暂停期已过，下一次调用企业微信时将试探恢复') : '';
      return [`连续 ${a.failures} 次调用失败，${since}暂停调用`, until, a.refused ? `暂停期间已拒绝 ${a.refused} 次调用（未发出，相关操作返回 503）` : '相关操作会立即失败（503）'].filter(Boolean).join('；');
    }
    case 'probing':
      return `${since}调用失败；暂停期已过，正在用一次调用试探是否恢复`;
    case 'failing':
      return `另一台服务进程${since}调用失败并暂停调用（失败 ${a.failures} 次，拒绝 ${a.refused} 次）；本进程暂未受影响`;
    case 'recovered':
      return `${a.since ? dateTime(a.since) : ''} 至 ${a.until ? dateTime(a.until) : '—'} 暂停调用，期间失败 ${a.failures} 次、拒绝 ${a.refused} 次调用；这段时间的同步、发送可能需要重试`;
  }
}

const clock = (iso: string): string => new Date(iso).toLocaleTimeString('zh-CN', { hour12: false });

const stateLabels: Record<UpstreamNow['state'], string> = { closed: '正常调用', open: '暂停调用', half_open: '试探恢复中' };

function Details({ alert: a }: { alert: UpstreamAlert }) {
  return (
    <div className="cs-upstream__details" data-testid="upstream-details">
      {a.now && (
        <div>
          本进程熔断器：{stateLabels[a.now.state]} · 连续失败 {a.now.failuresInRow} 次 · 暂停后拒绝 {a.now.refused} 次
          {a.now.lastSuccessAt && ` · 最近成功 ${dateTime(a.now.lastSuccessAt)}`}
        </div>
      )}
      {a.incidents.length > 0 && (
        <table className="cs-upstream__table">
          <thead>
            <tr>
              <th>开始</th>
              <th>结束</th>
              <th>失败</th>
              <th>拒绝</th>
              <th>最近错误</th>
              <th>进程</th>
            </tr>
          </thead>
          <tbody>
            {a.incidents.slice(0, 10).map((i: UpstreamIncidentView) => (
              <tr key={i.id}>
                <td>{dateTime(i.openedAt)}</td>
                <td>{i.closedAt ? dateTime(i.closedAt) : '持续中'}</td>
                <td>{i.failures}</td>
                <td>{i.refused}</td>
                <td className="cs-upstream__msg">{i.lastError ?? '—'}</td>
                <td className="cs-muted">{i.owner}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
