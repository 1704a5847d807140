import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { stepEdges, type JourneyStep, type JourneyTrigger } from '@lodestar/shared';
import { stepMeta, summary } from './graph';

export interface StepStats {
  entered: number;
  waiting: number;
  passed: number;
  converted: number;
  parked: number;
}

export type StepNodeData = { step: JourneyStep; issue: string | null; stats: StepStats | null; isEntry: boolean };
export type TriggerNodeData = { trigger: JourneyTrigger };

const triggerText = (t: JourneyTrigger): string =>
  t.type === 'manual' ? '手动 / 接口加入' : t.type === 'event' ? `事件：${t.event}` : t.type === 'segment' ? `进入分群` : `定时：${t.schedule.kind}`;

/** The journey's start: its trigger, with one output to the first step. */
export function TriggerNode({ data, selected }: NodeProps<Node<TriggerNodeData>>) {
  return (
    <div className={`jr-trigger ${selected ? 'is-selected' : ''}`} data-testid="trigger-node">
      开始
      <small>{triggerText(data.trigger)}</small>
      <Handle type="source" position={Position.Bottom} id="entry" />
    </div>
  );
}

/** One step: type, name, what it does, its statistics when the journey is live, one output per edge. */
export function StepNode({ data, selected }: NodeProps<Node<StepNodeData>>) {
  const { step, issue, stats } = data;
  const meta = stepMeta[step.type];
  const outs = stepEdges(step);
  return (
    <div className={`jr-node ${selected ? 'is-selected' : ''} ${issue ? 'has-issue' : ''}`} title={issue ?? undefined} data-testid={`step-node-${step.id}`}>
      <Handle type="target" position={Position.Top} id="in" />
      <div className="jr-node__type">
        <span className="jr-node__icon" style={{ background: meta.color }}>
          {meta.icon}
        </span>
        {meta.label}
        <span style={{ marginLeft: 'auto' }}>{step.id}</span>
      </div>
      <div className="jr-node__name">{step.name ?? step.id}</div>
      <div className="jr-node__summary">{summary(step)}</div>
      {stats && (
        <div className="jr-node__stats" data-testid="step-stats">
          <span>进入 {stats.entered}</span>
          <span>停留 {stats.waiting}</span>
          <span>通过 {stats.passed}</span>
          {stats.converted > 0 && <span>转化 {stats.converted}</span>}
        </div>
      )}
      {outs.length > 1 && (
        <div className="jr-node__outs">
          {outs.map((o) => (
            <span key={o.label}>{o.label}</span>
          ))}
        </div>
      )}
      {outs.map((o, i) => (
        <Handle key={i} type="source" position={Position.Bottom} id={`e${i}`} style={{ left: `${((i + 1) / (outs.length + 1)) * 100}%` }} title={o.label} />
      ))}
    </div>
  );
}
