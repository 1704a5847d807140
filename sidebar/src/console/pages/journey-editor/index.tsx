import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import {
  Background,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  applyEdgeChanges,
  applyNodeChanges,
  type Connection,
  type Edge,
  type EdgeChange,
  type Node,
  type NodeChange,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { Button, Input, MessagePlugin, Space, Tag } from 'tdesign-react';
import { stepEdges, type Journey, type JourneyIssue, type JourneyStats, type JourneyStepType } from '@lodestar/shared';
import { ApiError, errorText } from '../../../services/http';
import { createJourney, getJourney, journeyAction, journeyStats, saveJourney } from '../../../services/journeys';
import { loadSession } from '../../../services/session';
import { journeyStatusText, journeyStatusTheme } from '../journeys';
import { autoLayout, connect, defaultStep, emptyDraft, fromDefinition, nextId, paletteOrder, removeSteps, stepMeta, TRIGGER_ID, validateDraft, type Draft } from './graph';
import { JourneySettings, StepEditor } from './panels';
import { StepNode, TriggerNode, type StepNodeData, type TriggerNodeData } from './StepNode';

const nodeTypes = { step: StepNode, trigger: TriggerNode };
type Pos = Record<string, { x: number; y: number }>;
const layoutKey = (id: string): string => `lodestar.journey-layout.${id}`;

interface Meta {
  id: string | null;
  name: string;
  description: string;
  status: Journey['status'];
  liveVersion: number | null;
}

/** The journey canvas: draw steps from the shared schema, connect them, validate, save, publish, and see per-step statistics. */
export function JourneyEditorPage() {
  return (
    <ReactFlowProvider>
      <JourneyEditor />
    </ReactFlowProvider>
  );
}

function JourneyEditor() {
  const flow = useReactFlow();
  const { id = 'new' } = useParams();
  const navigate = useNavigate();
  const admin = loadSession()?.user.role === 'admin';
  const [meta, setMeta] = useState<Meta>({ id: null, name: '', description: '', status: 'draft', liveVersion: null });
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [nodes, setNodes] = useState<Node[]>([]);
  const [edges, setEdges] = useState<Edge[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [issues, setIssues] = useState<JourneyIssue[] | null>(null);
  const [stats, setStats] = useState<JourneyStats | null>(null);
  const [busy, setBusy] = useState(false);
  const [loading, setLoading] = useState(id !== 'new');
  const positions = useRef<Pos>({});

  const takeJourney = useCallback((j: Journey) => {
    setMeta({ id: j.id, name: j.name, description: j.description ?? '', status: j.status, liveVersion: j.liveVersion });
  }, []);

  useEffect(() => {
    if (id === 'new' || id === meta.id) return;
    setLoading(true);
    getJourney(id)
      .then((j) => {
        takeJourney(j);
        const d = fromDefinition(j.definition);
        const saved = JSON.parse(localStorage.getItem(layoutKey(j.id)) ?? 'null') as Pos | null;
        positions.current = { ...autoLayout(d), ...(saved ?? {}) };
        setNodes([]);
        setDraft(d);
        if (j.liveVersion) journeyStats(j.id).then(setStats).catch(() => setStats(null));
      })
      .catch((e) => void MessagePlugin.error(errorText(e)))
      .finally(() => setLoading(false));
  }, [id]);

  const persistLayout = useCallback((journeyId: string | null) => {
    if (journeyId) localStorage.setItem(layoutKey(journeyId), JSON.stringify(positions.current));
  }, []);

  // Nodes and edges follow the draft (keeping what React Flow measured and where the user dragged).
  useEffect(() => {
    const issueBy = new Map((issues ?? []).filter((i) => i.stepId).map((i) => [i.stepId!, i.message]));
    const statBy = new Map((stats?.steps ?? []).map((s) => [s.stepId, s]));
    setNodes((prev) => {
      const prevBy = new Map(prev.map((n) => [n.id, n]));
      const make = (nid: string, type: string, data: StepNodeData | TriggerNodeData): Node => {
        const p = prevBy.get(nid);
        return { ...(p ?? {}), id: nid, type, data, position: p?.position ?? positions.current[nid] ?? { x: 0, y: 0 }, deletable: nid !== TRIGGER_ID } as Node;
      };
      return [
        make(TRIGGER_ID, 'trigger', { trigger: draft.trigger }),
        ...draft.steps.map((s) => make(s.id, 'step', { step: s, issue: issueBy.get(s.id) ?? null, stats: statBy.get(s.id) ?? null, isEntry: s.id === draft.entry })),
      ];
    });
    const ids = new Set(draft.steps.map((s) => s.id));
    setEdges((prev) => {
      const wasSelected = new Set(prev.filter((e) => e.selected).map((e) => e.id));
      const out: Edge[] = [];
      const arrow = { type: MarkerType.ArrowClosed, width: 16, height: 16 };
      if (ids.has(draft.entry)) out.push({ id: 'entry', source: TRIGGER_ID, sourceHandle: 'entry', target: draft.entry, targetHandle: 'in', markerEnd: arrow, selected: wasSelected.has('entry') });
      for (const s of draft.steps) {
        const outs = stepEdges(s);
        const st = statBy.get(s.id);
        outs.forEach((e, i) => {
          if (!ids.has(e.to)) return;
          const count = st?.edges.find((x) => x.label === e.label && x.to === e.to)?.count;
          const label = [outs.length > 1 ? e.label : '', count !== undefined ? `${count} 人` : ''].filter(Boolean).join(' · ');
          const eid = `${s.id}->${i}`;
          out.push({ id: eid, source: s.id, sourceHandle: `e${i}`, target: e.to, targetHandle: 'in', label: label || undefined, markerEnd: arrow, selected: wasSelected.has(eid), labelBgPadding: [4, 2], labelStyle: { fontSize: 11 } });
        });
      }
      return out;
    });
  }, [draft, issues, stats]);

  const onNodesChange = useCallback((changes: NodeChange[]) => {
    for (const c of changes) if (c.type === 'position' && c.position) positions.current[c.id] = c.position;
    setNodes((ns) => applyNodeChanges(changes, ns));
  }, []);
  const onEdgesChange = useCallback((changes: EdgeChange[]) => setEdges((es) => applyEdgeChanges(changes, es)), []);

  const onConnect = useCallback((c: Connection) => {
    if (!c.target || c.target === TRIGGER_ID) return;
    setIssues(null);
    setDraft((d) => {
      if (c.source === TRIGGER_ID) return { ...d, entry: c.target };
      const index = Number((c.sourceHandle ?? 'e0').slice(1));
      return { ...d, steps: d.steps.map((s) => (s.id === c.source ? connect(s, index, c.target) : s)) };
    });
  }, []);

  const onEdgesDelete = useCallback((deleted: Edge[]) => {
    setDraft((d) => {
      let next = d;
      for (const e of deleted) {
        if (e.source === TRIGGER_ID) next = { ...next, entry: '' };
        else {
          const index = Number((e.sourceHandle ?? 'e0').slice(1));
          next = { ...next, steps: next.steps.map((s) => (s.id === e.source ? connect(s, index, '') : s)) };
        }
      }
      return next;
    });
  }, []);

  const onNodesDelete = useCallback((deleted: Node[]) => {
    const ids = new Set(deleted.map((n) => n.id).filter((x) => x !== TRIGGER_ID));
    if (ids.size) setDraft((d) => removeSteps(d, ids));
    setSelected(null);
  }, []);

  const addStep = (type: JourneyStepType): void => {
    setDraft((d) => {
      const sid = nextId(type, d.steps);
      // Under the selected node, else under the lowest one.
      const lowest = Object.entries(positions.current)
        .filter(([k]) => k === TRIGGER_ID || d.steps.some((s) => s.id === k))
        .sort((a, b) => b[1].y - a[1].y)[0]?.[1];
      const anchor = (selected && positions.current[selected]) || lowest || { x: 0, y: 0 };
      positions.current[sid] = { x: anchor.x, y: anchor.y + 150 };
      setSelected(sid);
      return { ...d, steps: [...d.steps, defaultStep(type, sid)] };
    });
    setIssues(null);
    setTimeout(() => void flow.fitView({ maxZoom: 1, padding: 0.2, duration: 200 }), 60);
  };

  const relayout = (): void => {
    positions.current = autoLayout(draft);
    setNodes((ns) => ns.map((n) => ({ ...n, position: positions.current[n.id] ?? n.position })));
    persistLayout(meta.id);
  };

  const validate = (): ReturnType<typeof validateDraft> => {
    const v = validateDraft(draft);
    setIssues(v.issues);
    return v;
  };

  const save = async (): Promise<Journey | null> => {
    const v = validate();
    if (!v.definition) {
      void MessagePlugin.warning(`还有 ${v.issues.length} 个问题，先修正再保存`);
      return null;
    }
    if (!meta.name.trim()) {
      void MessagePlugin.warning('给旅程起个名字');
      return null;
    }
    setBusy(true);
    try {
      const input = { name: meta.name.trim(), ...(meta.description.trim() ? { description: meta.description.trim() } : {}), definition: v.definition };
      const j = meta.id ? await saveJourney(meta.id, input) : await createJourney(input);
      takeJourney(j);
      persistLayout(j.id);
      if (!meta.id) navigate(`/journeys/${j.id}`, { replace: true });
      void MessagePlugin.success('已保存草稿');
      return j;
    } catch (e) {
      if (e instanceof ApiError && e.details.length) setIssues(e.details.map((d) => ({ path: [d.path], stepId: null, message: `${d.path}: ${d.message}` })));
      void MessagePlugin.error(errorText(e));
      return null;
    } finally {
      setBusy(false);
    }
  };

  const publish = async (): Promise<void> => {
    const j = await save();
    if (!j) return;
    setBusy(true);
    try {
      const p = await journeyAction(j.id, 'publish');
      takeJourney(p);
      void MessagePlugin.success(`已发布 v${p.liveVersion}，旅程开始运行`);
      journeyStats(p.id).then(setStats).catch(() => setStats(null));
    } catch (e) {
      void MessagePlugin.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const lifecycle = (action: 'pause' | 'resume'): void => {
    if (!meta.id) return;
    journeyAction(meta.id, action)
      .then((j) => {
        takeJourney(j);
        void MessagePlugin.success(action === 'pause' ? '已暂停' : '已恢复');
      })
      .catch((e) => void MessagePlugin.error(errorText(e)));
  };

  const selectedStep = useMemo(() => draft.steps.find((s) => s.id === selected) ?? null, [draft.steps, selected]);

  return (
    <div data-testid="journey-editor">
      <div className="cs-toolbar">
        <Input value={meta.name} onChange={(v) => setMeta({ ...meta, name: String(v) })} placeholder="旅程名称" style={{ width: 260 }} data-testid="journey-name" disabled={!admin} />
        <Tag theme={journeyStatusTheme[meta.status]} variant="light">
          {journeyStatusText[meta.status]}
        </Tag>
        {meta.liveVersion && <span className="cs-muted">线上 v{meta.liveVersion}</span>}
        {stats && <span className="cs-muted">旅程中 {stats.customers.active + stats.customers.waiting} 人 · 累计 {stats.customers.total} 人</span>}
        <span className="cs-toolbar__spacer" />
        <Space>
          <Button variant="outline" onClick={relayout}>
            自动排列
          </Button>
          <Button variant="outline" onClick={() => validate()} data-testid="validate-journey">
            校验
          </Button>
          {admin && (
            <>
              {meta.status === 'live' && (
                <Button variant="outline" onClick={() => lifecycle('pause')}>
                  暂停
                </Button>
              )}
              {meta.status === 'paused' && (
                <Button variant="outline" onClick={() => lifecycle('resume')}>
                  恢复
                </Button>
              )}
              <Button variant="outline" theme="primary" loading={busy} onClick={() => void save()} data-testid="save-journey">
                保存草稿
              </Button>
              <Button theme="primary" loading={busy} onClick={() => void publish()} data-testid="publish-journey">
                发布
              </Button>
            </>
          )}
        </Space>
      </div>
      <div className="jr">
        <div className="jr-palette">
          <h4>添加步骤</h4>
          {paletteOrder.map((t) => (
            <button key={t} onClick={() => addStep(t)} disabled={!admin} data-testid={`add-${t}`}>
              <span className="jr-node__icon" style={{ background: stepMeta[t].color }}>
                {stepMeta[t].icon}
              </span>
              {stepMeta[t].label}
            </button>
          ))}
          <p className="cs-muted">从节点底部的圆点拖到另一个节点顶部来连线；选中连线或节点后按 Delete 删除。</p>
        </div>
        <div className="jr-canvas" data-testid="journey-canvas">
          {!loading && (
            <ReactFlow
              nodes={nodes}
              edges={edges}
              nodeTypes={nodeTypes}
              onNodesChange={onNodesChange}
              onEdgesChange={onEdgesChange}
              onConnect={onConnect}
              onEdgesDelete={onEdgesDelete}
              onNodesDelete={onNodesDelete}
              onNodeDragStop={() => persistLayout(meta.id)}
              onSelectionChange={({ nodes: sel }) => setSelected(sel[0]?.id ?? null)}
              deleteKeyCode={['Backspace', 'Delete']}
              fitView
              fitViewOptions={{ maxZoom: 1, padding: 0.2 }}
              minZoom={0.2}
              proOptions={{ hideAttribution: true }}
              nodesConnectable={admin}
            >
              <Background gap={16} />
              <Controls showInteractive={false} />
              <MiniMap pannable zoomable nodeStrokeWidth={2} style={{ width: 140, height: 90 }} />
            </ReactFlow>
          )}
        </div>
        <div className="jr-panel">
          {issues !== null &&
            (issues.length === 0 ? (
              <div className="jr-ok" data-testid="journey-valid">
                ✓ 校验通过，可以发布
              </div>
            ) : (
              <>
                <h4>需要修正（{issues.length}）</h4>
                <ul className="jr-issues" data-testid="journey-issues">
                  {issues.map((i, n) => (
                    <li key={n} onClick={() => i.stepId && setSelected(i.stepId)}>
                      {i.message}
                    </li>
                  ))}
                </ul>
              </>
            ))}
          {selectedStep ? (
            <StepEditor
              key={selectedStep.id}
              step={selectedStep}
              readOnly={!admin}
              onChange={(s) => {
                setIssues(null);
                setDraft((d) => ({ ...d, steps: d.steps.map((x) => (x.id === s.id ? s : x)) }));
              }}
              onDelete={() => onNodesDelete([{ id: selectedStep.id } as Node])}
            />
          ) : (
            <JourneySettings
              draft={draft}
              description={meta.description}
              readOnly={!admin}
              onDescription={(description) => setMeta({ ...meta, description })}
              onChange={(d) => {
                setIssues(null);
                setDraft(d);
              }}
              stats={stats}
            />
          )}
        </div>
      </div>
    </div>
  );
}
