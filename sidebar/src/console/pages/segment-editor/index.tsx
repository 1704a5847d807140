import { useEffect, useRef, useState } from 'react';
import { Button, Input, Loading, MessagePlugin, Table, Tag, Textarea } from 'tdesign-react';
import { ChevronLeftIcon } from 'tdesign-icons-react';
import { useNavigate, useParams } from 'react-router-dom';
import type { SegmentMembers, SegmentRule, SegmentView } from '@lodestar/shared';
import { dateTime } from '../../../common/format';
import { stageLabels } from '../../../common/labels';
import { errorText } from '../../../services/http';
import { createSegment, getSegment, previewSegment, segmentMembers, updateSegment, type SegmentPreview } from '../../../services/segments';
import { tagDictionary, type DictionaryGroup } from '../../../services/tags';
import { ruleText } from '../segments/rule-text';
import { GroupEditor, incomplete } from './RuleEditor';
import '../_kit/kit.css';

type Group = Extract<SegmentRule, { type: 'all' | 'any' }>;
const asGroup = (r: SegmentRule): Group => (r.type === 'all' || r.type === 'any' ? r : { type: 'all', rules: [r] });
const starter: Group = { type: 'all', rules: [{ type: 'grade', grades: ['A'] }] };

/** The segment editor: conditions on the left, the live size on the right, members below. */
export function SegmentEditorPage() {
  const { id = 'new' } = useParams();
  const isNew = id === 'new';
  const navigate = useNavigate();
  const [segment, setSegment] = useState<SegmentView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [rule, setRule] = useState<Group>(starter);
  const [dictionary, setDictionary] = useState<DictionaryGroup[]>([]);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    tagDictionary().then(setDictionary).catch(() => setDictionary([]));
  }, []);
  useEffect(() => {
    if (isNew) return;
    getSegment(id)
      .then((s) => {
        setSegment(s);
        setName(s.name);
        setDescription(s.description ?? '');
        setRule(asGroup(s.rule));
      })
      .catch((e) => setLoadError(errorText(e)));
  }, [id, isNew]);

  const save = async (): Promise<void> => {
    const input = { name: name.trim(), description: description.trim() || null, rule: rule.rules.length === 1 && rule.type === 'all' ? rule.rules[0]! : rule };
    setSaving(true);
    try {
      const s = isNew ? await createSegment(input) : await updateSegment(id, input);
      void MessagePlugin.success(`已保存，${s.memberCount.toLocaleString('zh-CN')} 位成员`);
      setSegment(s);
      if (isNew) navigate(`/segments/${s.id}`, { replace: true });
    } catch (e) {
      void MessagePlugin.error(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  if (loadError) return <div className="cs-card cx-error">加载分群失败：{loadError}</div>;
  if (!isNew && !segment) return <Loading loading text="加载分群…" style={{ display: 'block', padding: 80 }} />;
  const problem = incomplete(rule);

  return (
    <div>
      <div className="cs-toolbar">
        <Button variant="text" icon={<ChevronLeftIcon />} onClick={() => navigate('/segments')}>
          分群列表
        </Button>
        <span className="cs-toolbar__spacer" />
        {segment && <span className="cs-muted">当前 {segment.memberCount.toLocaleString('zh-CN')} 位成员 · 刷新于 {segment.refreshedAt ? dateTime(segment.refreshedAt) : '—'}</span>}
        <Button theme="primary" loading={saving} disabled={!name.trim() || problem !== null} onClick={() => void save()} data-testid="save-segment">
          {isNew ? '创建分群' : '保存并重建成员'}
        </Button>
      </div>
      <div className="cx-row">
        <div className="cx-col">
          <div className="cs-card">
            <div className="cx-field">
              <label>分群名称</label>
              <Input value={name} maxlength={100} onChange={(v) => setName(String(v))} placeholder="例如 高意向重疾险客户" data-testid="segment-name" />
            </div>
            <div className="cx-field">
              <label>说明</label>
              <Textarea value={description} maxlength={500} onChange={(v) => setDescription(String(v))} autosize={{ minRows: 1, maxRows: 3 }} placeholder="谁会用这个分群、用来做什么" />
            </div>
          </div>
          <div className="cs-card">
            <h3>
              规则 <span className="cs-muted">{problem ?? ruleText(rule)}</span>
            </h3>
            <GroupEditor rule={rule} onChange={setRule} dictionary={dictionary} />
          </div>
          {segment && <Members segment={segment} />}
        </div>
        <div className="cx-side">
          <Preview rule={rule} problem={problem} />
        </div>
      </div>
    </div>
  );
}

/** The rule's size, asked again 400 ms after the last change; older answers are dropped. */
function Preview({ rule, problem }: { rule: Group; problem: string | null }) {
  const navigate = useNavigate();
  const [preview, setPreview] = useState<SegmentPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const seq = useRef(0);

  useEffect(() => {
    if (problem) {
      setPending(false);
      return;
    }
    const n = ++seq.current;
    setPending(true);
    const t = setTimeout(() => {
      previewSegment(rule)
        .then((p) => {
          if (n !== seq.current) return;
          setPreview(p);
          setError(null);
        })
        .catch((e) => n === seq.current && setError(errorText(e)))
        .finally(() => n === seq.current && setPending(false));
    }, 400);
    return () => clearTimeout(t);
  }, [rule, problem]);

  return (
    <div className="cs-card" style={{ position: 'sticky', top: 16 }} data-testid="segment-preview">
      <h3>
        实时预览 <span className="cs-muted">{pending ? '计算中…' : '改动后自动重算'}</span>
      </h3>
      {problem ? (
        <div className="cs-muted">{problem}</div>
      ) : error ? (
        <div className="cx-error" style={{ padding: 8, textAlign: 'left' }}>
          规则有误：{error}
        </div>
      ) : preview === null ? (
        <Loading size="small" />
      ) : (
        <>
          <div className="cx-big" data-testid="segment-preview-count" style={{ opacity: pending ? 0.5 : 1 }}>
            {preview.count.toLocaleString('zh-CN')}
          </div>
          <div className="cs-muted">全公司符合规则的客户</div>
          <div style={{ marginTop: 12 }}>
            <div className="cs-muted" style={{ marginBottom: 4 }}>
              示例（你可见的前 10 位）
            </div>
            {preview.sample.length === 0 ? (
              <div className="cs-muted">无</div>
            ) : (
              preview.sample.map((c) => (
                <Tag key={c.id} variant="light" style={{ margin: '0 6px 6px 0', cursor: 'pointer' }} onClick={() => navigate(`/customers/${c.id}`)}>
                  {c.name}
                </Tag>
              ))
            )}
          </div>
        </>
      )}
    </div>
  );
}

function Members({ segment }: { segment: SegmentView }) {
  const navigate = useNavigate();
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const [data, setData] = useState<SegmentMembers | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setData(null);
    segmentMembers(segment.id, page.pageSize, (page.current - 1) * page.pageSize)
      .then((d) => {
        setData(d);
        setError(null);
      })
      .catch((e) => setError(errorText(e)));
  }, [segment, page]);
  return (
    <div className="cs-card">
      <h3>
        成员 <span className="cs-muted">你可见的成员，最近进入的在前</span>
      </h3>
      <Table
        rowKey="id"
        size="small"
        data={data?.items ?? []}
        loading={data === null && !error}
        empty={error ? `加载失败：${error}` : '这个分群还没有成员'}
        columns={[
          { colKey: 'name', title: '客户', cell: ({ row }) => <a className="cx-link" onClick={() => navigate(`/customers/${row.id}`)}>{row.name}</a> },
          { colKey: 'stage', title: '阶段', width: 120, cell: ({ row }) => stageLabels[row.stage] },
          { colKey: 'enteredAt', title: '进入时间', width: 140, cell: ({ row }) => dateTime(row.enteredAt) },
        ]}
        pagination={{ current: page.current, pageSize: page.pageSize, total: data?.total ?? 0, pageSizeOptions: [20, 50, 100], onChange: (p) => setPage({ current: p.current, pageSize: p.pageSize }) }}
      />
    </div>
  );
}
