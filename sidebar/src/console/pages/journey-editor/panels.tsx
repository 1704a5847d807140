import { useState } from 'react';
import { Button, Input, InputNumber, Radio, Select, Textarea } from 'tdesign-react';
import type { JourneyStats, JourneyStep, JourneyTrigger } from '@lodestar/shared';
import { pct } from '../../../common/format';
import { stepMeta, type Draft } from './graph';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** The journey's own settings: trigger, re-entry and goal (shown when no step is selected). */
export function JourneySettings(props: {
  draft: Draft;
  description: string;
  readOnly: boolean;
  stats: JourneyStats | null;
  onDescription: (s: string) => void;
  onChange: (d: Draft) => void;
}) {
  const { draft, onChange, readOnly, stats } = props;
  const t = draft.trigger;
  const setTrigger = (trigger: JourneyTrigger): void => onChange({ ...draft, trigger });
  return (
    <div>
      <h4>旅程设置</h4>
      <div className="jr-field">
        <label>说明</label>
        <Textarea value={props.description} onChange={(v) => props.onDescription(String(v))} autosize={{ minRows: 2 }} disabled={readOnly} />
      </div>
      <div className="jr-field">
        <label>触发方式</label>
        <Radio.Group
          value={t.type === 'schedule' ? 'schedule' : t.type}
          disabled={readOnly}
          onChange={(v) => setTrigger(v === 'event' ? { type: 'event', event: 'chat_objection' } : v === 'segment' ? { type: 'segment', segmentId: '' } : { type: 'manual' })}
        >
          <Radio value="manual">手动</Radio>
          <Radio value="event">事件</Radio>
          <Radio value="segment">进入分群</Radio>
        </Radio.Group>
        {t.type === 'event' && (
          <Input value={t.event} onChange={(v) => setTrigger({ ...t, event: String(v) })} placeholder="事件名，如 chat_objection" style={{ marginTop: 6 }} disabled={readOnly} />
        )}
        {t.type === 'segment' && (
          <Input value={t.segmentId} onChange={(v) => setTrigger({ ...t, segmentId: String(v) })} placeholder="分群 id" style={{ marginTop: 6 }} disabled={readOnly} />
        )}
        {t.type === 'schedule' && <div className="cs-muted">定时触发（{t.schedule.kind}），在 JSON 中编辑</div>}
      </div>
      <div className="jr-field">
        <label>重复进入</label>
        <Select
          value={draft.reentry.mode}
          disabled={readOnly}
          onChange={(v) => onChange({ ...draft, reentry: v === 'after' ? { mode: 'after', days: 30 } : v === 'always' ? { mode: 'always' } : { mode: 'never' } })}
          options={[
            { label: '不允许', value: 'never' },
            { label: 'N 天后可再次进入', value: 'after' },
            { label: '随时', value: 'always' },
          ]}
        />
      </div>
      <div className="jr-field">
        <label>转化目标（可选）</label>
        <Input
          value={draft.goal?.event ?? ''}
          disabled={readOnly}
          placeholder="事件名，如 policy_purchased"
          onChange={(v) => onChange({ ...draft, goal: String(v) ? { event: String(v), withinDays: draft.goal?.withinDays ?? 30, exitOnGoal: draft.goal?.exitOnGoal ?? false } : undefined })}
        />
      </div>
      {stats && (
        <div className="jr-field">
          <label>线上版本统计</label>
          <div className="cs-muted">
            共 {stats.customers.total} 人：进行中 {stats.customers.active}，等待 {stats.customers.waiting}，完成 {stats.customers.done}，退出 {stats.customers.exited}，对照组 {stats.customers.holdout}
          </div>
          {stats.goal && (
            <div className="cs-muted">
              目标 {stats.goal.event}：实验组 {pct(stats.goal.treated.rate)}，对照组 {pct(stats.goal.holdout.rate)}
              {stats.goal.uplift !== null && `，提升 ${stats.goal.uplift.toFixed(1)} 个百分点`}
            </div>
          )}
        </div>
      )}
      <p className="cs-muted">选中画布上的步骤来编辑它。</p>
    </div>
  );
}

/** One step's fields: quick inputs for the common ones, and the step's JSON for everything the schema allows. */
export function StepEditor({ step, readOnly, onChange, onDelete }: { step: JourneyStep; readOnly: boolean; onChange: (s: JourneyStep) => void; onDelete: () => void }) {
  const [json, setJson] = useState(() => JSON.stringify(step, null, 2));
  const [jsonError, setJsonError] = useState<string | null>(null);
  const update = (s: JourneyStep): void => {
    onChange(s);
    setJson(JSON.stringify(s, null, 2));
  };

  return (
    <div data-testid="step-editor">
      <h4>
        {stepMeta[step.type].label} <span className="cs-muted">{step.id}</span>
      </h4>
      <div className="jr-field">
        <label>名称</label>
        <Input value={step.name ?? ''} onChange={(v) => update({ ...step, name: String(v) || undefined })} disabled={readOnly} />
      </div>
      {step.type === 'send' && 'text' in step.message && (
        <>
          <div className="jr-field">
            <label>渠道</label>
            <Select
              value={step.message.channel}
              disabled={readOnly}
              onChange={(v) => update({ ...step, message: { channel: v as 'wecom_task' | 'wecom_mass', text: 'text' in step.message ? step.message.text : '' } })}
              options={[
                { label: '企业微信 1:1（顾问在侧边栏确认）', value: 'wecom_task' },
                { label: '企业微信群发（顾问在客户端确认）', value: 'wecom_mass' },
              ]}
            />
          </div>
          <div className="jr-field">
            <label>内容（可用 {'{{name}}'} 等占位符）</label>
            <Textarea value={step.message.text} disabled={readOnly} autosize={{ minRows: 3 }} onChange={(v) => update({ ...step, message: { ...step.message, text: String(v) } as typeof step.message })} />
          </div>
        </>
      )}
      {step.type === 'wait' && (
        <div className="jr-field">
          <label>等待（小时）</label>
          <InputNumber value={step.durationMs / HOUR} min={1} max={24 * 366} disabled={readOnly} onChange={(v) => update({ ...step, durationMs: Math.round(Number(v) * HOUR) })} />
          <span className="cs-muted"> ≈ {(step.durationMs / DAY).toFixed(1)} 天</span>
        </div>
      )}
      {(step.type === 'wait_event' || step.type === 'branch_event') && (
        <div className="jr-field">
          <label>事件</label>
          <Input value={step.event} disabled={readOnly} onChange={(v) => update({ ...step, event: String(v) })} />
        </div>
      )}
      {step.type === 'notify_agent' && (
        <>
          <div className="jr-field">
            <label>标题</label>
            <Input value={step.title} disabled={readOnly} onChange={(v) => update({ ...step, title: String(v) })} />
          </div>
          <div className="jr-field">
            <label>内容</label>
            <Textarea value={step.body} disabled={readOnly} onChange={(v) => update({ ...step, body: String(v) })} />
          </div>
        </>
      )}
      {step.type === 'agent_task' && (
        <div className="jr-field">
          <label>任务</label>
          <Input value={step.title} disabled={readOnly} onChange={(v) => update({ ...step, title: String(v) })} />
        </div>
      )}
      {step.type === 'tag' && (
        <div className="jr-field">
          <label>添加标签（逗号分隔）</label>
          <Input value={step.add.join('，')} disabled={readOnly} onChange={(v) => update({ ...step, add: String(v).split(/[,，]\s*/).filter(Boolean) })} />
        </div>
      )}
      {step.type === 'exit' && (
        <div className="jr-field">
          <label>原因</label>
          <Input value={step.reason ?? ''} disabled={readOnly} onChange={(v) => update({ ...step, reason: String(v) || undefined })} />
        </div>
      )}
      <div className="jr-field">
        <label>步骤 JSON（共享 schema 的全部字段；出口由连线决定）</label>
        <Textarea className="jr-json" value={json} disabled={readOnly} autosize={{ minRows: 6, maxRows: 18 }} onChange={(v) => setJson(String(v))} />
        {jsonError && <div className="jr-issues">{jsonError}</div>}
        {!readOnly && (
          <Button
            size="small"
            variant="outline"
            style={{ marginTop: 6 }}
            onClick={() => {
              try {
                const parsed = JSON.parse(json) as JourneyStep;
                setJsonError(null);
                onChange({ ...parsed, id: step.id, type: step.type } as JourneyStep);
              } catch (e) {
                setJsonError(`JSON 有误：${(e as Error).message}`);
              }
            }}
          >
            应用 JSON
          </Button>
        )}
      </div>
      {!readOnly && (
        <Button theme="danger" variant="outline" size="small" onClick={onDelete}>
          删除步骤
        </Button>
      )}
    </div>
  );
}
