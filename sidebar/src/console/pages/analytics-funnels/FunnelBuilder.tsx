import { useEffect, useState } from 'react';
import { Button, Input, InputNumber, Loading, Select, Space, Tooltip } from 'tdesign-react';
import { AddIcon, ArrowDownIcon, ArrowUpIcon, DeleteIcon } from 'tdesign-icons-react';
import type { AnalyticsPeriodQuery, FunnelResult, FunnelStep, JourneyStage } from '@lodestar/shared';
import { stageLabels, stageOrder } from '../../../common/labels';
import { runFunnel } from '../../../services/analytics';
import { errorText } from '../../../services/http';
import { EventInput } from '../_analytics/EventInput';
import { eventLabel } from '../_analytics/labels';
import { FunnelView } from '../_analytics/FunnelView';

const presets: Array<{ name: string; steps: FunnelStep[] }> = [
  { name: '活动转化', steps: [{ kind: 'event', name: 'activity_view' }, { kind: 'event', name: 'activity_signup' }, { kind: 'event', name: 'activity_attended' }] },
  { name: '签到到报名', steps: [{ kind: 'event', name: 'check_in' }, { kind: 'event', name: 'activity_view' }, { kind: 'event', name: 'activity_signup' }] },
  { name: '活动到转介绍', steps: [{ kind: 'event', name: 'activity_attended' }, { kind: 'event', name: 'referral_joined' }] },
  { name: '旅程六阶段', steps: stageOrder.map((stage) => ({ kind: 'stage', stage })) },
];

/** What is wrong with the steps before asking the server, or null. */
export function stepsProblem(steps: FunnelStep[]): string | null {
  if (steps.length < 2) return '漏斗至少需要 2 步';
  if (steps.length > 10) return '漏斗最多 10 步';
  const blank = steps.findIndex((s) => s.kind === 'event' && !s.name.trim());
  return blank >= 0 ? `第 ${blank + 1} 步还没有填写事件名` : null;
}

/** Pick 2–10 steps (events by name or journey stages) and a window; the result as bars and a table. */
export function FunnelBuilder({ query }: { query: AnalyticsPeriodQuery }) {
  const [steps, setSteps] = useState<FunnelStep[]>(presets[0]!.steps);
  const [windowDays, setWindowDays] = useState(30);
  const [result, setResult] = useState<FunnelResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [dirty, setDirty] = useState(false);

  const run = (s: FunnelStep[] = steps): void => {
    const problem = stepsProblem(s);
    if (problem) {
      setError(problem);
      return;
    }
    setRunning(true);
    setError(null);
    // Unnamed steps are labelled in words: 浏览活动 for activity_view, 需求分析 for a stage.
    const labelled = s.map((x): FunnelStep => (x.kind === 'event' ? { kind: 'event', name: x.name.trim(), label: x.label?.trim() || eventLabel(x.name.trim()) } : { kind: 'stage', stage: x.stage, label: x.label?.trim() || stageLabels[x.stage] }));
    runFunnel({ ...query, steps: labelled, windowDays })
      .then((r) => {
        setResult(r);
        setDirty(false);
      })
      .catch((e) => {
        setResult(null);
        setError(errorText(e));
      })
      .finally(() => setRunning(false));
  };
  // A new period or team runs the funnel as it stands.
  useEffect(() => run(), [query]);

  const edit = (next: FunnelStep[]): void => {
    setSteps(next);
    setDirty(true);
  };
  const setStep = (i: number, s: FunnelStep): void => edit(steps.map((x, j) => (j === i ? s : x)));
  const move = (i: number, d: -1 | 1): void => {
    const next = [...steps];
    [next[i], next[i + d]] = [next[i + d]!, next[i]!];
    edit(next);
  };

  return (
    <div className="cs-card" data-testid="funnel-builder">
      <div className="an-card-head">
        <h3>漏斗分析</h3>
        <span className="an-hint">预设：</span>
        {presets.map((p) => (
          <Button
            key={p.name}
            size="small"
            variant="text"
            theme="primary"
            onClick={() => {
              setSteps(p.steps);
              run(p.steps);
            }}
          >
            {p.name}
          </Button>
        ))}
      </div>
      <div className="an-row an-row--builder">
        <div>
          {steps.map((s, i) => (
            <div className="an-builder-step" key={i} data-testid="funnel-step">
              <span className="an-builder-step__no">{i + 1}</span>
              <Select
                style={{ width: 92 }}
                value={s.kind}
                options={[
                  { value: 'event', label: '事件' },
                  { value: 'stage', label: '阶段' },
                ]}
                onChange={(v) => setStep(i, v === 'stage' ? { kind: 'stage', stage: stageOrder[0]! } : { kind: 'event', name: '' })}
              />
              {s.kind === 'event' ? (
                <EventInput value={s.name} onChange={(name) => setStep(i, { ...s, name })} testId={`funnel-step-${i}-event`} />
              ) : (
                <Select style={{ width: 200 }} value={s.stage} options={stageOrder.map((st) => ({ value: st, label: stageLabels[st] }))} onChange={(v) => setStep(i, { ...s, stage: v as JourneyStage })} />
              )}
              <Input style={{ width: 130 }} placeholder="显示名（可选）" maxlength={40} value={s.label ?? ''} onChange={(v) => setStep(i, { ...s, label: String(v) || undefined })} />
              <Space size={0}>
                <Tooltip content="上移">
                  <Button shape="square" variant="text" size="small" icon={<ArrowUpIcon />} disabled={i === 0} onClick={() => move(i, -1)} />
                </Tooltip>
                <Tooltip content="下移">
                  <Button shape="square" variant="text" size="small" icon={<ArrowDownIcon />} disabled={i === steps.length - 1} onClick={() => move(i, 1)} />
                </Tooltip>
                <Tooltip content="删除这一步">
                  <Button shape="square" variant="text" size="small" theme="danger" icon={<DeleteIcon />} disabled={steps.length <= 2} onClick={() => edit(steps.filter((_, j) => j !== i))} />
                </Tooltip>
              </Space>
            </div>
          ))}
          <Space align="center" style={{ marginTop: 4 }}>
            <Button variant="dashed" icon={<AddIcon />} disabled={steps.length >= 10} onClick={() => edit([...steps, { kind: 'event', name: '' }])}>
              添加步骤
            </Button>
            <span className="an-hint">窗口</span>
            <InputNumber style={{ width: 96 }} theme="normal" min={1} max={180} step={1} decimalPlaces={0} value={windowDays} suffix="天" onChange={(v) => (setWindowDays(Math.max(1, Math.min(180, Math.round(Number(v) || 1)))), setDirty(true))} />
            <Button theme="primary" loading={running} onClick={() => run()} data-testid="funnel-run">
              运行
            </Button>
            {dirty && !running && <span className="an-hint">条件已修改，点「运行」重新计算</span>}
          </Space>
        </div>
        <div>
          {error ? (
            <div className="an-error" data-testid="funnel-error">
              {error}
            </div>
          ) : running && !result ? (
            <Loading className="cs-loading" text="计算中…" />
          ) : result ? (
            <FunnelView result={result} testId="funnel-result" />
          ) : null}
        </div>
      </div>
    </div>
  );
}
