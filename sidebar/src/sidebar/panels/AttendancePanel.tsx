import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Input, Select } from 'tdesign-react';
import type { StaffActivity } from '@lodestar/shared';
import { publishedActivities, recordAttendance, ticketCode } from '../../services/attendance';
import { dateTime } from '../../common/format';
import { ApiError, errorText } from '../../services/http';
import type { WecomBridge } from '../../services/wecom';

interface Scan {
  key: number;
  code: string;
  tone: 'ok' | 'warn' | 'bad';
  text: string;
}

/** What a refused scan means to the agent at the door. */
function refusal(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.status === 403) return '不是你的客户的票，请联系其顾问或用现场签到码';
    if (e.status === 404) return '找不到这张票（或不是这场活动的票）';
    if (e.status === 409) return `无法签到：${e.message}`;
  }
  return errorText(e);
}

/**
 * Event check-in: pick a published activity, scan the customer's ticket (ww.scanQRCode inside
 * WeCom; outside it, type or paste the QR text lodestar:ticket:<code>), and see the result.
 */
export function AttendancePanel({ bridge }: { bridge: WecomBridge }) {
  const [activities, setActivities] = useState<StaffActivity[] | null>(null);
  const [activityId, setActivityId] = useState<string>('');
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [scans, setScans] = useState<Scan[]>([]);
  const [error, setError] = useState<string | null>(null);
  const counter = useRef(0);
  const canScan = bridge.kind === 'jssdk';

  // Loaded on mount and again whenever the list is opened (an event published since shows up).
  const load = useCallback((): void => {
    publishedActivities()
      .then((list) => {
        const offline = [...list.filter((a) => a.kind === 'offline'), ...list.filter((a) => a.kind !== 'offline')];
        setActivities(offline);
        setActivityId((cur) => (cur && offline.some((a) => a.id === cur) ? cur : offline[0]?.id || ''));
      })
      .catch((e) => setError(errorText(e)));
  }, []);
  useEffect(load, [load]);

  const submit = async (raw: string): Promise<void> => {
    const code = ticketCode(raw);
    if (!code || !activityId) return;
    setBusy(true);
    const key = ++counter.current;
    try {
      const r = await recordAttendance(activityId, code);
      setScans((prev) => [{ key, code, tone: r.already ? ('warn' as const) : ('ok' as const), text: r.already ? `${r.customer.name} 已签到过` : `${r.customer.name} 签到成功` }, ...prev].slice(0, 5));
      setTyped('');
    } catch (e) {
      setScans((prev) => [{ key, code, tone: 'bad' as const, text: refusal(e) }, ...prev].slice(0, 5));
    } finally {
      setBusy(false);
    }
  };

  const scan = async (): Promise<void> => {
    const text = await bridge.scanQRCode();
    if (text) await submit(text);
  };

  if (error) return <div className="sb-error">{error}</div>;
  return (
    <div className="sb-card" data-testid="attendance-panel">
      <h4>
        活动签到<span className="sb-muted">扫客户的电子票</span>
      </h4>
      {activities && activities.length === 0 ? (
        <div className="sb-muted">没有进行中的活动</div>
      ) : (
        <div className="sb-stack sb-attend">
          <div data-testid="attendance-activity">
            <Select
              size="small"
              value={activityId}
              onChange={(v) => setActivityId(String(v))}
              onPopupVisibleChange={(open) => open && load()}
              loading={!activities}
              options={(activities ?? []).map((a) => ({ value: a.id, label: `${a.title}（${dateTime(a.startsAt)}）` }))}
            />
          </div>
          {canScan && (
            <Button size="small" theme="primary" block loading={busy} disabled={!activityId} onClick={() => void scan()} data-testid="attendance-scan">
              扫码签到
            </Button>
          )}
          <div className="sb-attend__row">
            <Input
              size="small"
              placeholder={canScan ? '或输入票号' : '粘贴或输入 lodestar:ticket:票号'}
              value={typed}
              onChange={(v) => setTyped(String(v))}
              onEnter={() => void submit(typed)}
              data-testid="attendance-code"
            />
            <Button size="small" theme="primary" variant={canScan ? 'outline' : 'base'} loading={busy && !canScan} disabled={!ticketCode(typed) || !activityId} onClick={() => void submit(typed)} data-testid="attendance-submit">
              签到
            </Button>
          </div>
          {scans.map((s) => (
            <div key={s.key} className={`sb-scan is-${s.tone}`} data-testid="attendance-result" data-tone={s.tone}>
              <span>{s.tone === 'ok' ? '✓' : s.tone === 'warn' ? '•' : '✕'} {s.text}</span>
              <span className="sb-muted">{s.code}</span>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
