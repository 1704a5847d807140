import { useCallback, useEffect, useState } from 'react';
import { Button, Dialog, Input, MessagePlugin, Radio, Select, Space, Table, Tag, type PrimaryTableCol } from 'tdesign-react';
import { RefreshIcon } from 'tdesign-icons-react';
import { dateTime } from '../../../common/format';
import { errorText } from '../../../services/http';
import { acceptCandidateTag, candidateTags, refreshCandidateTags, rejectCandidateTag, tagDictionary, type CandidateStatus, type CandidateTag, type DictionaryGroup } from '../../../services/tags';
import '../_kit/kit.css';

const statusText: Record<CandidateStatus, string> = { pending: '待处理', accepted: '已采纳', rejected: '已忽略' };

/** 候选标签: phrases customers keep using that no tag covers yet; an admin makes them tags or dismisses them. */
export function TagCandidatesPage() {
  const [status, setStatus] = useState<CandidateStatus>('pending');
  const [rows, setRows] = useState<CandidateTag[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [accepting, setAccepting] = useState<CandidateTag | null>(null);
  const [refreshing, setRefreshing] = useState(false);

  const load = useCallback(() => {
    setRows(null);
    candidateTags(status)
      .then((r) => {
        setRows(r);
        setError(null);
      })
      .catch((e) => {
        setRows([]);
        setError(errorText(e));
      });
  }, [status]);
  useEffect(load, [load]);

  const refresh = (): void => {
    setRefreshing(true);
    refreshCandidateTags()
      .then((r) => {
        void MessagePlugin.success(`从近 30 天客户消息中找到 ${r.found} 个候选`);
        load();
      })
      .catch((e) => void MessagePlugin.error(errorText(e)))
      .finally(() => setRefreshing(false));
  };

  const columns: PrimaryTableCol<CandidateTag>[] = [
    { colKey: 'phrase', title: '短语', width: 160, cell: ({ row }) => <b data-testid="candidate-phrase">{row.phrase}</b> },
    { colKey: 'customers', title: '客户数', width: 80, align: 'right' },
    { colKey: 'count', title: '出现次数', width: 90, align: 'right' },
    {
      colKey: 'examples',
      title: '原话示例',
      cell: ({ row }) => (
        <div>
          {row.examples.slice(0, 3).map((x, i) => (
            <div key={i} className="cx-example">
              {x}
            </div>
          ))}
        </div>
      ),
    },
    { colKey: 'updatedAt', title: '更新于', width: 120, cell: ({ row }) => dateTime(row.updatedAt) },
    {
      colKey: 'op',
      title: '操作',
      width: 150,
      cell: ({ row }) =>
        row.status === 'pending' ? (
          <Space size={4}>
            <Button size="small" theme="primary" variant="text" onClick={() => setAccepting(row)}>
              采纳为标签
            </Button>
            <Button
              size="small"
              variant="text"
              onClick={() =>
                rejectCandidateTag(row.id)
                  .then(() => {
                    void MessagePlugin.success(`已忽略：${row.phrase}`);
                    load();
                  })
                  .catch((e) => void MessagePlugin.error(errorText(e)))
              }
            >
              忽略
            </Button>
          </Space>
        ) : (
          <Tag variant="light" theme={row.status === 'accepted' ? 'success' : 'default'}>
            {statusText[row.status]}
          </Tag>
        ),
    },
  ];

  return (
    <div>
      <div className="cs-toolbar">
        <Radio.Group variant="default-filled" value={status} onChange={(v) => setStatus(v as CandidateStatus)}>
          {(Object.keys(statusText) as CandidateStatus[]).map((s) => (
            <Radio.Button key={s} value={s}>
              {statusText[s]}
            </Radio.Button>
          ))}
        </Radio.Group>
        <span className="cs-muted">客户消息里高频出现、但还没有标签覆盖的短语（每天自动发现）。</span>
        <span className="cs-toolbar__spacer" />
        <Button icon={<RefreshIcon />} loading={refreshing} onClick={refresh}>
          立即发现
        </Button>
      </div>
      <div className="cs-card">
        <Table rowKey="id" size="small" data={rows ?? []} loading={rows === null} columns={columns} empty={error ? `加载失败：${error}` : status === 'pending' ? '没有待处理的候选标签，点「立即发现」从近 30 天会话中查找' : '没有记录'} />
      </div>
      {accepting && <AcceptDialog candidate={accepting} onClose={() => setAccepting(null)} onDone={() => (setAccepting(null), load())} />}
    </div>
  );
}

function AcceptDialog({ candidate, onClose, onDone }: { candidate: CandidateTag; onClose: () => void; onDone: () => void }) {
  const [groups, setGroups] = useState<DictionaryGroup[]>([]);
  const [group, setGroup] = useState<string | undefined>();
  const [name, setName] = useState(candidate.phrase);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    tagDictionary().then(setGroups).catch(() => setGroups([]));
  }, []);
  const save = async (): Promise<void> => {
    setBusy(true);
    try {
      await acceptCandidateTag(candidate.id, group!, name.trim() !== candidate.phrase ? name.trim() : undefined);
      void MessagePlugin.success(`已加入字典：${name.trim()}`);
      onDone();
    } catch (e) {
      void MessagePlugin.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog visible header={`采纳「${candidate.phrase}」为标签`} onClose={onClose} onConfirm={() => void save()} confirmBtn={{ content: '采纳', loading: busy, disabled: !group || !name.trim() }}>
      <div className="cx-field">
        <label>加入标签组</label>
        <Select value={group} options={groups.map((g) => ({ label: g.name, value: g.key }))} onChange={(v) => setGroup(v as string)} placeholder="选择标签组" />
      </div>
      <div className="cx-field">
        <label>标签名（可改）</label>
        <Input value={name} maxlength={40} onChange={(v) => setName(String(v))} />
      </div>
    </Dialog>
  );
}
