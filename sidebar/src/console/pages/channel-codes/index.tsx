import { useCallback, useEffect, useState } from 'react';
import { Button, Checkbox, Dialog, Input, MessagePlugin, Select, Table, Tag, TagInput, Textarea, type PrimaryTableCol } from 'tdesign-react';
import { AddIcon } from 'tdesign-icons-react';
import type { ChannelCodeView, CreateChannelCode } from '@lodestar/shared';
import { dateTime } from '../../../common/format';
import { createChannelCode, listChannelCodes, sandboxAgentUserIds } from '../../../services/channel-codes';
import { errorText } from '../../../services/http';
import { loadSession } from '../../../services/session';
import { tagDictionary, type DictionaryGroup } from '../../../services/tags';
import '../_kit/kit.css';

/** 渠道活码: WeCom contact-me codes per channel, with an agent pool, auto tags and a welcome message. */
export function ChannelCodesPage() {
  const admin = loadSession()?.user.role === 'admin';
  const [rows, setRows] = useState<ChannelCodeView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const load = useCallback(() => {
    listChannelCodes()
      .then((r) => {
        setRows(r);
        setError(null);
      })
      .catch((e) => {
        setRows([]);
        setError(errorText(e));
      });
  }, []);
  useEffect(load, [load]);

  const columns: PrimaryTableCol<ChannelCodeView>[] = [
    { colKey: 'qr', title: '二维码', width: 96, cell: ({ row }) => (/^(https?:|data:|\/)/.test(row.qrCode) ? <a href={row.qrCode} target="_blank" rel="noreferrer"><img className="cx-qr" src={row.qrCode} alt={`${row.name} 二维码`} /></a> : <span className="cs-muted">—</span>) },
    {
      colKey: 'name',
      title: '活码',
      width: 200,
      cell: ({ row }) => (
        <div>
          <b>{row.name}</b>
          <div>
            <Tag size="small" variant="light" theme="primary">
              {row.channel}
            </Tag>{' '}
            <span className="cs-muted cx-mono">state={row.state}</span>
          </div>
        </div>
      ),
    },
    { colKey: 'agents', title: '接待顾问', cell: ({ row }) => <span>{row.agentUserIds.join('、')}<span className="cs-muted"> · {row.strategy === 'round_robin' ? '轮流' : '负载最低'}</span></span> },
    { colKey: 'tags', title: '自动标签', width: 180, cell: ({ row }) => (row.tagNames.length ? row.tagNames.map((t) => <Tag key={t} size="small" variant="light" style={{ marginRight: 4 }}>{t}</Tag>) : <span className="cs-muted">无</span>) },
    { colKey: 'welcome', title: '欢迎语', ellipsis: true, cell: ({ row }) => row.welcomeText ?? <span className="cs-muted">无</span> },
    { colKey: 'createdAt', title: '创建于', width: 120, cell: ({ row }) => dateTime(row.createdAt) },
  ];
  return (
    <div>
      <div className="cs-toolbar">
        <span className="cs-muted">客户扫码添加顾问时带回 state，系统据此记录来源渠道、自动打标签并发送欢迎语。</span>
        <span className="cs-toolbar__spacer" />
        {admin && (
          <Button theme="primary" icon={<AddIcon />} onClick={() => setCreating(true)}>
            新建活码
          </Button>
        )}
      </div>
      <div className="cs-card">
        <Table rowKey="id" size="small" data={rows ?? []} loading={rows === null} columns={columns} empty={error ? `加载失败：${error}` : admin ? '还没有渠道活码，点「新建活码」' : '还没有渠道活码'} />
      </div>
      {creating && <CreateDialog onClose={() => setCreating(false)} onDone={() => (setCreating(false), load())} />}
    </div>
  );
}

function CreateDialog({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const [c, setC] = useState<CreateChannelCode>({ name: '', channel: '公众号', state: '', agentUserIds: [], strategy: 'round_robin', tagNames: [], welcomeText: null, skipVerify: true });
  const [agents, setAgents] = useState<string[]>([]);
  const [dictionary, setDictionary] = useState<DictionaryGroup[]>([]);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    sandboxAgentUserIds().then(setAgents).catch(() => setAgents([]));
    tagDictionary().then(setDictionary).catch(() => setDictionary([]));
  }, []);
  const save = (): void => {
    setBusy(true);
    createChannelCode({ ...c, name: c.name.trim(), welcomeText: c.welcomeText?.trim() || null })
      .then(() => {
        void MessagePlugin.success('活码已创建');
        onDone();
      })
      .catch((e) => void MessagePlugin.error(errorText(e)))
      .finally(() => setBusy(false));
  };
  const okState = /^[A-Za-z0-9_-]{1,30}$/.test(c.state);
  return (
    <Dialog visible width={600} header="新建渠道活码" onClose={onClose} onConfirm={save} confirmBtn={{ content: '创建', loading: busy, disabled: !c.name.trim() || !c.channel.trim() || !okState || c.agentUserIds.length === 0 }}>
      <div className="cx-field">
        <label>名称</label>
        <Input value={c.name} maxlength={60} onChange={(v) => setC({ ...c, name: String(v) })} placeholder="例如 11 月直播间" />
      </div>
      <div className="cs-grid cs-grid--2">
        <div className="cx-field">
          <label>渠道</label>
          <Select value={c.channel} creatable filterable options={['公众号', '直播', '线下活动', '朋友圈', '短信', '官网'].map((x) => ({ label: x, value: x }))} onChange={(v) => setC({ ...c, channel: String(v) })} />
        </div>
        <div className="cx-field">
          <label>state（渠道标识，字母数字 _ -）</label>
          <Input value={c.state} status={c.state && !okState ? 'error' : 'default'} onChange={(v) => setC({ ...c, state: String(v) })} placeholder="live_1124" />
        </div>
      </div>
      <div className="cx-field">
        <label>接待顾问（企业微信账号）</label>
        {agents.length ? (
          <Select multiple filterable clearable minCollapsedNum={6} value={c.agentUserIds} options={agents.map((a) => ({ label: a, value: a }))} onChange={(v) => setC({ ...c, agentUserIds: v as string[] })} />
        ) : (
          <TagInput value={c.agentUserIds} onChange={(v) => setC({ ...c, agentUserIds: v.map(String) })} placeholder="输入企业微信 userid 回车" />
        )}
      </div>
      <div className="cs-grid cs-grid--2">
        <div className="cx-field">
          <label>分配方式</label>
          <Select value={c.strategy} options={[{ label: '轮流', value: 'round_robin' }, { label: '负载最低', value: 'least_loaded' }]} onChange={(v) => setC({ ...c, strategy: v as CreateChannelCode['strategy'] })} />
        </div>
        <div className="cx-field">
          <label>自动标签</label>
          <Select multiple filterable clearable minCollapsedNum={3} value={c.tagNames} options={dictionary.map((g) => ({ group: g.name, children: g.tags.map((t) => ({ label: t.name, value: t.name })) }))} onChange={(v) => setC({ ...c, tagNames: v as string[] })} />
        </div>
      </div>
      <div className="cx-field">
        <label>欢迎语（可选）</label>
        <Textarea value={c.welcomeText ?? ''} maxlength={4000} autosize={{ minRows: 2, maxRows: 5 }} onChange={(v) => setC({ ...c, welcomeText: String(v) })} />
      </div>
      <Checkbox checked={c.skipVerify} onChange={(v) => setC({ ...c, skipVerify: Boolean(v) })}>
        客户添加时无需顾问验证
      </Checkbox>
    </Dialog>
  );
}
