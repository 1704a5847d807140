import { useCallback, useEffect, useState } from 'react';
import { Button, Dialog, Input, InputNumber, MessagePlugin, Select, Space, Table, Tabs, Tag, TagInput, Textarea } from 'tdesign-react';
import { objectionNames, type LeadProductLine } from '@lodestar/shared';
import { pct } from '../../../common/format';
import { objectionLabels, productLineLabels } from '../../../common/labels';
import { errorText } from '../../../services/http';
import { promoteTalkTrack, salesSops, saveSalesSop, talkTracks, type KeyNode, type SalesSop, type TalkTrack, type TalkTrackGroup } from '../../../services/playbook';
import { loadSession } from '../../../services/session';
import { keyNodeByLabels, keyNodeSignalLabels } from '../_kit/labels';
import '../_kit/kit.css';

/** 销售 SOP 与话术: each product line's key nodes, and the replies to objections that moved sales on. */
export function PlaybookPage() {
  return (
    <Tabs defaultValue="tracks" className="cs-card" style={{ padding: 0 }}>
      <Tabs.TabPanel value="tracks" label="异议话术排行">
        <div style={{ padding: 16 }}>
          <Tracks />
        </div>
      </Tabs.TabPanel>
      <Tabs.TabPanel value="sops" label="销售 SOP 关键节点">
        <div style={{ padding: 16 }}>
          <Sops />
        </div>
      </Tabs.TabPanel>
    </Tabs>
  );
}

function Tracks() {
  const admin = loadSession()?.user.role === 'admin';
  const [days, setDays] = useState(30);
  const [minUses, setMinUses] = useState(2);
  const [data, setData] = useState<TalkTrackGroup[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [promoting, setPromoting] = useState<{ objection: string; track: TalkTrack } | null>(null);
  useEffect(() => {
    setData(null);
    talkTracks(days, minUses)
      .then((r) => {
        setData(r.items);
        setError(null);
      })
      .catch((e) => {
        setData([]);
        setError(errorText(e));
      });
  }, [days, minUses]);
  return (
    <>
      <div className="cs-toolbar">
        <span>近</span>
        <Select style={{ width: 100 }} value={days} options={[7, 30, 90, 180].map((d) => ({ label: `${d} 天`, value: d }))} onChange={(v) => setDays(Number(v))} />
        <span>至少被用</span>
        <InputNumber style={{ width: 100 }} min={1} max={100} value={minUses} onChange={(v) => setMinUses(Number(v) || 1)} />
        <span>次</span>
        <span className="cs-muted">顾问回应客户异议的话术，按之后会话是否推进排序（威尔逊下界），可一键收入话术库。</span>
      </div>
      {data === null ? (
        <div className="cs-empty">加载中…</div>
      ) : error ? (
        <div className="cx-error">加载失败：{error}</div>
      ) : data.length === 0 ? (
        <div className="cs-empty">这段时间没有足够的异议回应，试试拉长时间或降低次数</div>
      ) : (
        data.map((g) => (
          <div key={g.objection} style={{ marginBottom: 20 }}>
            <h3>
              {objectionLabels[g.objection] ?? g.objection} <span className="cs-muted">{g.replies} 次回应 · 平均推进率 {pct(g.baseline)}</span>
            </h3>
            <Table
              rowKey="key"
              size="small"
              data={g.tracks}
              empty="没有达到次数的话术"
              columns={[
                { colKey: 'example', title: '话术', cell: ({ row }) => <div style={{ whiteSpace: 'normal' }}>{row.example}</div> },
                { colKey: 'uses', title: '使用', width: 60, align: 'right' },
                { colKey: 'agents', title: '顾问', width: 60, align: 'right' },
                { colKey: 'rate', title: '推进率', width: 80, align: 'right', cell: ({ row }) => pct(row.rate) },
                { colKey: 'score', title: '可信得分', width: 90, align: 'right', cell: ({ row }) => <span title="推进率的威尔逊下界">{row.score.toFixed(2)}{row.beatsBaseline ? ' ↑' : ''}</span> },
                {
                  colKey: 'op',
                  title: '',
                  width: 110,
                  cell: ({ row }) =>
                    admin ? (
                      <Button size="small" variant="text" theme="primary" disabled={!(objectionNames as readonly string[]).includes(g.objection)} onClick={() => setPromoting({ objection: g.objection, track: row })}>
                        收入话术库
                      </Button>
                    ) : null,
                },
              ]}
            />
          </div>
        ))
      )}
      {promoting && <PromoteDialog objection={promoting.objection} track={promoting.track} onClose={() => setPromoting(null)} />}
    </>
  );
}

function PromoteDialog({ objection, track, onClose }: { objection: string; track: TalkTrack; onClose: () => void }) {
  const [title, setTitle] = useState(`${objectionLabels[objection] ?? objection}：${track.example.slice(0, 16)}`);
  const [body, setBody] = useState(track.example);
  const [line, setLine] = useState<LeadProductLine | undefined>();
  const [busy, setBusy] = useState(false);
  const save = (): void => {
    setBusy(true);
    promoteTalkTrack({ objection, title: title.trim(), body: body.trim(), ...(line ? { productLine: line } : {}) })
      .then(() => {
        void MessagePlugin.success('已收入话术库，侧边栏遇到同类异议时会推荐');
        onClose();
      })
      .catch((e) => void MessagePlugin.error(errorText(e)))
      .finally(() => setBusy(false));
  };
  return (
    <Dialog visible width={560} header="收入话术库" onClose={onClose} onConfirm={save} confirmBtn={{ content: '收入', loading: busy, disabled: !title.trim() || !body.trim() }}>
      <div className="cx-field">
        <label>标题</label>
        <Input value={title} maxlength={100} onChange={(v) => setTitle(String(v))} />
      </div>
      <div className="cx-field">
        <label>话术</label>
        <Textarea value={body} maxlength={2000} autosize={{ minRows: 3, maxRows: 8 }} onChange={(v) => setBody(String(v))} />
      </div>
      <div className="cx-field">
        <label>险种（可选）</label>
        <Select clearable value={line} options={Object.entries(productLineLabels).filter(([k]) => k !== 'any').map(([value, label]) => ({ value, label }))} onChange={(v) => setLine((v as LeadProductLine) || undefined)} />
      </div>
    </Dialog>
  );
}

function Sops() {
  const admin = loadSession()?.user.role === 'admin';
  const [items, setItems] = useState<SalesSop[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [line, setLine] = useState<string>('any');
  const [editing, setEditing] = useState<{ index: number; node: KeyNode } | null>(null);
  const load = useCallback(() => {
    salesSops()
      .then((r) => {
        setItems(r);
        setError(null);
      })
      .catch((e) => {
        setItems([]);
        setError(errorText(e));
      });
  }, []);
  useEffect(load, [load]);
  if (error) return <div className="cx-error">加载失败：{error}</div>;
  if (!items) return <div className="cs-empty">加载中…</div>;
  const sop = items.find((s) => s.productLine === line) ?? items[0];
  if (!sop) return <div className="cs-empty">没有销售 SOP</div>;
  const save = (nodes: KeyNode[]): void => {
    saveSalesSop(sop.productLine, nodes)
      .then(() => {
        void MessagePlugin.success('已保存，新会话按新关键节点识别');
        setEditing(null);
        load();
      })
      .catch((e) => void MessagePlugin.error(errorText(e)));
  };
  return (
    <>
      <div className="cs-toolbar">
        <Select
          style={{ width: 160 }}
          value={sop.productLine}
          options={items.map((s) => ({ label: `${productLineLabels[s.productLine] ?? s.productLine}${s.custom ? '（已自定义）' : ''}`, value: s.productLine }))}
          onChange={(v) => setLine(String(v))}
        />
        <span className="cs-muted">会话中出现线索词（* 代表至多 6 个字）或信号时，记为到达该节点；看板按节点统计到达率。</span>
      </div>
      <Table
        rowKey="key"
        size="small"
        data={sop.nodes}
        columns={[
          { colKey: 'i', title: '#', width: 40, cell: ({ rowIndex }) => rowIndex + 1 },
          { colKey: 'name', title: '节点', width: 130, cell: ({ row }) => <b>{row.name}</b> },
          { colKey: 'by', title: '谁说', width: 80, cell: ({ row }) => keyNodeByLabels[row.by] ?? row.by },
          {
            colKey: 'cues',
            title: '线索词',
            cell: ({ row }) => (
              <Space size={4} breakLine>
                {row.cues.slice(0, 14).map((c) => (
                  <Tag key={c} size="small" variant="light">
                    {c}
                  </Tag>
                ))}
                {row.cues.length > 14 && <span className="cs-muted">+{row.cues.length - 14}</span>}
                {row.cues.length === 0 && <span className="cs-muted">仅信号</span>}
              </Space>
            ),
          },
          { colKey: 'signals', title: '信号', width: 180, cell: ({ row }) => (row.signals ?? []).map((s) => keyNodeSignalLabels[s] ?? s).join('、') || '—' },
          ...(admin
            ? [
                {
                  colKey: 'op',
                  title: '',
                  width: 70,
                  cell: ({ row, rowIndex }: { row: KeyNode; rowIndex: number }) => (
                    <Button size="small" variant="text" theme="primary" onClick={() => setEditing({ index: rowIndex, node: row })}>
                      编辑
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && (
        <NodeDialog
          node={editing.node}
          onClose={() => setEditing(null)}
          onSave={(n) => save(sop.nodes.map((x, i) => (i === editing.index ? n : x)))}
        />
      )}
    </>
  );
}

function NodeDialog({ node, onClose, onSave }: { node: KeyNode; onClose: () => void; onSave: (n: KeyNode) => void }) {
  const [n, setN] = useState(node);
  return (
    <Dialog visible width={620} header={`编辑节点「${node.name}」`} onClose={onClose} onConfirm={() => onSave(n)} confirmBtn={{ content: '保存', disabled: !n.name.trim() }}>
      <Space>
        <div className="cx-field">
          <label>名称</label>
          <Input value={n.name} maxlength={40} onChange={(v) => setN({ ...n, name: String(v) })} />
        </div>
        <div className="cx-field">
          <label>谁说</label>
          <Select style={{ width: 120 }} value={n.by} options={Object.entries(keyNodeByLabels).map(([value, label]) => ({ value, label }))} onChange={(v) => setN({ ...n, by: v as KeyNode['by'] })} />
        </div>
      </Space>
      <div className="cx-field">
        <label>线索词（回车添加，* 代表至多 6 个字）</label>
        <TagInput value={n.cues} clearable onChange={(v) => setN({ ...n, cues: v.map(String) })} />
      </div>
    </Dialog>
  );
}
