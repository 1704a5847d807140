import { useEffect, useState } from 'react';
import { CheckTag, Dialog, Input } from 'tdesign-react';
import type { PersonalDataField } from '@lodestar/shared';
import { ApiError } from '../services/http';
import { revealPersonalData } from '../services/personal-data';
import { quickRevealReasons, reasonLimits, reasonProblem, revealErrorText, revealFieldLabels, revealSeconds, secondsLeft } from './reveal';
import './reveal.css';

interface Props {
  customerId: string;
  field: PersonalDataField;
  /** The masked value from the customer view (null: none on file). */
  masked: string | null;
  /** Whether 查看 is offered (mayOfferReveal: the caller's role may, and there is a value). */
  offered: boolean;
  /** The sidebar: a narrower dialog. */
  compact?: boolean;
}

/**
 * A masked phone or ID number with 查看: asks why, reveals it (audited by the server), shows it in clear
 * for revealSeconds with a countdown, then masks it again. The clear value lives only in this state.
 */
export function RevealField({ customerId, field, masked, offered, compact = false }: Props) {
  const [clear, setClear] = useState<{ value: string | null; deadline: number } | null>(null);
  const [left, setLeft] = useState(0);
  const [asking, setAsking] = useState(false);

  useEffect(() => {
    if (!clear) return;
    // A monotonic clock: the countdown must end even where the UI's clock is pinned (window.__lodestarNow).
    const tick = () => {
      const s = secondsLeft(clear.deadline, performance.now());
      setLeft(s);
      if (s === 0) setClear(null);
    };
    tick();
    const t = setInterval(tick, 250);
    return () => clearInterval(t);
  }, [clear]);

  const label = revealFieldLabels[field];
  return (
    <span className={`pii ${clear ? 'is-clear' : ''}`} data-testid={`pii-${field}`}>
      <span className="pii__value" data-testid={`pii-${field}-value`}>
        {clear ? (clear.value ?? '未登记') : (masked ?? '—')}
      </span>
      {clear ? (
        <>
          <span className="pii__timer" data-testid={`pii-${field}-timer`} aria-live="polite">
            {left} 秒后隐藏
          </span>
          <button type="button" className="pii__action" onClick={() => setClear(null)}>
            隐藏
          </button>
        </>
      ) : (
        offered && (
          <button type="button" className="pii__action" data-testid={`reveal-${field}`} aria-label={`查看${label}明文`} onClick={() => setAsking(true)}>
            查看
          </button>
        )
      )}
      {asking && (
        <RevealDialog
          customerId={customerId}
          field={field}
          compact={compact}
          onClose={() => setAsking(false)}
          onRevealed={(value) => {
            setAsking(false);
            setClear({ value, deadline: performance.now() + revealSeconds * 1000 });
          }}
        />
      )}
    </span>
  );
}

function RevealDialog({ customerId, field, compact, onClose, onRevealed }: { customerId: string; field: PersonalDataField; compact: boolean; onClose: () => void; onRevealed: (value: string | null) => void }) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const problem = reasonProblem(reason);
  const label = revealFieldLabels[field];

  const submit = async () => {
    if (problem || busy) return;
    setBusy(true);
    setError(null);
    try {
      const r = await revealPersonalData(customerId, [field], reason.trim());
      onRevealed(r[field] ?? null);
    } catch (e) {
      setError(revealErrorText(field, e instanceof ApiError ? { status: e.status, message: e.message } : { status: 0, message: e instanceof Error ? e.message : String(e) }));
      setBusy(false);
    }
  };

  return (
    <Dialog
      visible
      header={`查看${label}明文`}
      width={compact ? '92%' : 480}
      placement="center"
      onClose={onClose}
      cancelBtn="取消"
      confirmBtn={{ content: `查看 ${revealSeconds} 秒`, loading: busy, disabled: problem !== null }}
      onConfirm={() => void submit()}
    >
      <div className={`pii-dialog ${compact ? 'is-compact' : ''}`} data-testid="reveal-dialog">
        <div className="pii-dialog__note">查看会记入个人信息审计日志（查看人、时间、原因），{revealSeconds} 秒后自动隐藏。</div>
        <div className="pii-dialog__label">查看原因</div>
        <div className="pii-dialog__chips" data-testid="reveal-reasons">
          {quickRevealReasons[field].map((r) => (
            <CheckTag key={r} size={compact ? 'small' : 'medium'} checked={reason === r} onChange={() => setReason(reason === r ? '' : r)}>
              {r}
            </CheckTag>
          ))}
        </div>
        <div data-testid="reveal-reason">
          <Input value={reason} onChange={(v) => setReason(String(v))} onEnter={() => void submit()} maxlength={reasonLimits.max} placeholder="或填写其他原因" clearable autofocus={!compact} />
        </div>
        {error && (
          <div className="pii-dialog__error" role="alert" data-testid="reveal-error">
            {error}
          </div>
        )}
      </div>
    </Dialog>
  );
}
