import { useCallback, useEffect, useState } from 'react';
import { Button, Checkbox, Dialog, Input, InputNumber, MessagePlugin, Popconfirm, Select, Space, Switch, Table, Tabs, Tag, Textarea, type PrimaryTableCol } from 'tdesign-react';
import { AddIcon } from 'tdesign-icons-react';
import { useNavigate } from 'react-router-dom';
import { tagSources, type BehaviourRuleView, type TagSource } from '@lodestar/shared';
import { dateTime } from '../../../common/format';
import { tagSourceLabels } from '../../../common/labels';
import { errorText } from '../../../services/http';
import { loadSession } from '../../../services/session';
import {
  behaviourRules,
  createBehaviourRule,
  createTag,
  createTagGroup,
  deleteBehaviourRule,
  deleteTag,
  renameTag,
  replaceBehaviourRule,
  tagDictionary,
  updateTagGroup,
  type BehaviourRuleInput,
  type DictionaryGroup,
  type DictionaryTag,
} from '../../../services/tags';
import { moreEventLabels } from '../_kit/labels';
import { eventLabels } from '../../../common/labels';
import '../_kit/kit.css';

const eventName = (e: string): string => eventLabels[e] ?? moreEventLabels[e] ?? e;
const sourceOptions = tagSources.map((s) => ({ label: tagSourceLabels[s] ?? s, value: s }));

/** 标签: the tag dictionary with its groups, and the behaviour rules that put tags on customers. */
export function TagsPage() {
  const [tab, setTab] = useState<'dictionary' | 'rules'>('dictionary');
  return (
    <Tabs value={tab} onChange={(v) => setTab(v as typeof tab)} className="cs-card" style={{ padding: 0 }}>
      <Tabs.TabPanel value="dictionary" label="标签字典" destroyOnHide={false}>
        <div style={{ padding: 16 }}>
          <Dictionary />
        </div>
      </Tabs.TabPanel>
      <Tabs.TabPanel value="rules" label="行为规则">
        <div style={{ padding: 16 }}>
          <Rules />
        </div>
      </Tabs.TabPanel>
    </Tabs>
  );
}

function Dictionary() {
  const admin = loadSession()?.user.role === 'admin';
  const navigate = useNavigate();
  const [groups, setGroups] = useState<DictionaryGroup[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [newGroup, setNewGroup] = useState(false);
  const [editGroup, setEditGroup] = useState<DictionaryGroup | null>(null);
  const [editTag, setEditTag] = useState<DictionaryTag | null>(null);
  const [adding, setAdding] = useState<Record<string, string>>({});

  const load = useCallback(() => {
    tagDictionary()
      .then((g) => {
        setGroups(g);
        setError(null);
      })
      .catch((e) => setError(errorText(e)));
  }, []);
  useEffect(load, [load]);

  const act = (p: Promise<unknown>, ok: string): void => {
    p.then(() => {
      void MessagePlugin.success(ok);
      load();
    }).catch((e) => void MessagePlugin.error(errorText(e)));
  };

  if (error) return <div className="cx-error">加载失败：{error}</div>;
  if (!groups) return <Table loading data={[]} columns={[]} rowKey="id" />;

  const total = groups.reduce((n, g) => n + g.tags.length, 0);
  const columns: PrimaryTableCol<DictionaryGroup>[] = [
    {
      colKey: 'name',
      title: '标签组',
      width: 200,
      cell: ({ row }) => (
        <div>
          <b>{row.name}</b>
          <div className="cs-muted cx-mono">{row.key}</div>
        </div>
      ),
    },
    { colKey: 'source', title: '主要来源', width: 100, cell: ({ row }) => <Tag variant="light">{tagSourceLabels[row.source] ?? row.source}</Tag> },
    {
      colKey: 'tags',
      title: '标签（客户数，点击查看客户）',
      cell: ({ row }) => (
        <Space size={6} breakLine align="center">
          {row.tags.map((t) => (
            <Tag
              key={t.id}
              variant="light-outline"
              theme={t.customers > 0 ? 'primary' : 'default'}
              onClick={() => navigate(`/customers?tag=${encodeURIComponent(t.name)}`)}
              style={{ cursor: 'pointer' }}
              data-testid="dictionary-tag"
            >
              {t.name} <span className="cs-muted">{t.customers}</span>
              {admin && (
                <span className="cs-muted" style={{ marginLeft: 6 }} onClick={(e) => (e.stopPropagation(), setEditTag(t))} title="改名">
                  ✎
                </span>
              )}
              {admin && (
                <Popconfirm content={`删除「${t.name}」并从 ${t.customers} 位客户身上移除？`} onConfirm={() => act(deleteTag(t.id), `已删除：${t.name}`)}>
                  <span className="cs-muted" style={{ marginLeft: 6 }} onClick={(e) => e.stopPropagation()} title="删除标签">
                    ×
                  </span>
                </Popconfirm>
              )}
            </Tag>
          ))}
          {admin && (
            <Input
              size="small"
              style={{ width: 120 }}
              placeholder="+ 新标签，回车"
              value={adding[row.id] ?? ''}
              onChange={(v) => setAdding({ ...adding, [row.id]: String(v) })}
              onEnter={() => {
                const name = (adding[row.id] ?? '').trim();
                if (!name) return;
                setAdding({ ...adding, [row.id]: '' });
                act(createTag(row.id, name), `已添加：${row.name}/${name}`);
              }}
            />
          )}
        </Space>
      ),
    },
    { colKey: 'wecom', title: '企业微信', width: 90, cell: ({ row }) => (row.wecomGroupId ? <Tag theme="success" variant="light" size="small">已同步</Tag> : <span className="cs-muted">仅本地</span>) },
    ...(admin
      ? [
          {
            colKey: 'op',
            title: '操作',
            width: 80,
            cell: ({ row }: { row: DictionaryGroup }) => (
              <Button size="small" variant="text" theme="primary" onClick={() => setEditGroup(row)}>
                编辑
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <div className="cs-toolbar">
        <span className="cs-muted">
          {groups.length} 个标签组，{total} 个标签。{admin ? '点击标签查看客户，✎ 改名，× 删除（会从所有客户身上移除）。' : '仅管理员可修改字典。'}
        </span>
        <span className="cs-toolbar__spacer" />
        {admin && (
          <Button icon={<AddIcon />} onClick={() => setNewGroup(true)}>
            新建标签组
          </Button>
        )}
      </div>
      <Table rowKey="id" size="small" data={groups} columns={columns} empty="字典是空的" />
      {newGroup && <GroupDialog onClose={() => setNewGroup(false)} onSaved={() => (setNewGroup(false), load())} />}
      {editGroup && <GroupDialog group={editGroup} onClose={() => setEditGroup(null)} onSaved={() => (setEditGroup(null), load())} />}
      {editTag && (
        <RenameDialog
          title={`重命名标签「${editTag.name}」`}
          initial={editTag.name}
          onClose={() => setEditTag(null)}
          onSave={(name) =>
            renameTag(editTag.id, name).then(() => {
              void MessagePlugin.success('已重命名，引用它的行为规则一并更新');
              setEditTag(null);
              load();
            })
          }
        />
      )}
    </>
  );
}

function GroupDialog({ group, onClose, onSaved }: { group?: DictionaryGroup; onClose: () => void; onSaved: () => void }) {
  const [key, setKey] = useState(group?.key ?? '');
  const [name, setName] = useState(group?.name ?? '');
  const [source, setSource] = useState<TagSource>(group?.source ?? 'manual');
  const [busy, setBusy] = useState(false);
  const save = async (): Promise<void> => {
    setBusy(true);
    try {
      if (group) await updateTagGroup(group.id, { name: name.trim(), source });
      else await createTagGroup({ key: key.trim(), name: name.trim(), source });
      void MessagePlugin.success(group ? '已保存' : `已新建标签组：${name}`);
      onSaved();
    } catch (e) {
      void MessagePlugin.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog visible header={group ? `编辑标签组「${group.name}」` : '新建标签组'} onClose={onClose} onConfirm={() => void save()} confirmBtn={{ content: '保存', loading: busy, disabled: !name.trim() || (!group && !/^[a-z][a-z0-9_]{0,63}$/.test(key.trim())) }}>
      {!group && (
        <div className="cx-field">
          <label>键（英文小写，创建后不可改）</label>
          <Input value={key} onChange={(v) => setKey(String(v))} placeholder="例如 hobby" />
        </div>
      )}
      <div className="cx-field">
        <label>名称（最多 30 字）</label>
        <Input value={name} maxlength={30} onChange={(v) => setName(String(v))} placeholder="例如 兴趣爱好" />
      </div>
      <div className="cx-field">
        <label>主要来源</label>
        <Select value={source} options={sourceOptions} onChange={(v) => setSource(v as TagSource)} />
      </div>
    </Dialog>
  );
}

function RenameDialog({ title, initial, onClose, onSave }: { title: string; initial: string; onClose: () => void; onSave: (name: string) => Promise<void> }) {
  const [name, setName] = useState(initial);
  const [busy, setBusy] = useState(false);
  return (
    <Dialog
      visible
      header={title}
      onClose={onClose}
      confirmBtn={{ content: '保存', loading: busy, disabled: !name.trim() || name.trim() === initial }}
      onConfirm={() => {
        setBusy(true);
        onSave(name.trim())
          .catch((e) => void MessagePlugin.error(errorText(e)))
          .finally(() => setBusy(false));
      }}
    >
      <Input value={name} maxlength={30} onChange={(v) => setName(String(v))} autofocus />
    </Dialog>
  );
}

function whereText(where: Record<string, string | number | boolean> | undefined): string {
  if (!where || Object.keys(where).length === 0) return '';
  return `（${Object.entries(where)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join('，')}）`;
}

function Rules() {
  const admin = loadSession()?.user.role === 'admin';
  const [rules, setRules] = useState<BehaviourRuleView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<BehaviourRuleView | 'new' | null>(null);
  const load = useCallback(() => {
    behaviourRules()
      .then((r) => {
        setRules(r);
        setError(null);
      })
      .catch((e) => {
        setRules([]);
        setError(errorText(e));
      });
  }, []);
  useEffect(load, [load]);

  const act = (p: Promise<unknown>, ok: string): void => {
    p.then(() => {
      void MessagePlugin.success(ok);
      load();
    }).catch((e) => void MessagePlugin.error(errorText(e)));
  };

  const columns: PrimaryTableCol<BehaviourRuleView>[] = [
    { colKey: 'name', title: '规则', width: 180, cell: ({ row }) => <b>{row.name}</b> },
    {
      colKey: 'when',
      title: '条件',
      cell: ({ row }) => (
        <span>
          {row.definition.withinDays} 天内「{eventName(row.definition.event)}」{whereText(row.definition.where)} ≥ {row.definition.min} 次
        </span>
      ),
    },
    {
      colKey: 'tag',
      title: '打标签',
      width: 200,
      cell: ({ row }) => (
        <Tag theme="primary" variant="light">
          {row.definition.tag.group} / {row.definition.tag.name}
        </Tag>
      ),
    },
    { colKey: 'remove', title: '条件不满足时', width: 120, cell: ({ row }) => (row.definition.removeWhenFalse ? '移除标签' : '保留标签') },
    {
      colKey: 'enabled',
      title: '启用',
      width: 80,
      cell: ({ row }) => (
        <Switch
          size="small"
          value={row.enabled}
          disabled={!admin}
          onChange={(v) => act(replaceBehaviourRule(row.id, { name: row.name, enabled: Boolean(v), definition: row.definition }), v ? `已启用：${row.name}` : `已停用：${row.name}`)}
        />
      ),
    },
    { colKey: 'updatedAt', title: '更新于', width: 120, cell: ({ row }) => dateTime(row.updatedAt) },
    ...(admin
      ? [
          {
            colKey: 'op',
            title: '操作',
            width: 120,
            cell: ({ row }: { row: BehaviourRuleView }) => (
              <Space size={4}>
                <Button size="small" variant="text" theme="primary" onClick={() => setEditing(row)}>
                  编辑
                </Button>
                <Popconfirm content={`删除规则「${row.name}」？已打上的标签保留。`} onConfirm={() => act(deleteBehaviourRule(row.id), `已删除：${row.name}`)}>
                  <Button size="small" variant="text" theme="danger">
                    删除
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <div className="cs-toolbar">
        <span className="cs-muted">客户在时间窗内做了某事达到次数，就自动打上标签；事件到达时即时计算。</span>
        <span className="cs-toolbar__spacer" />
        {admin && (
          <Button icon={<AddIcon />} onClick={() => setEditing('new')}>
            新建规则
          </Button>
        )}
      </div>
      <Table rowKey="id" size="small" data={rules ?? []} loading={rules === null} columns={columns} empty={error ? `加载失败：${error}` : '还没有行为规则'} />
      {editing && <RuleDialog rule={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={() => (setEditing(null), load())} />}
    </>
  );
}

function RuleDialog({ rule, onClose, onSaved }: { rule: BehaviourRuleView | null; onClose: () => void; onSaved: () => void }) {
  const [dictionary, setDictionary] = useState<DictionaryGroup[]>([]);
  const [name, setName] = useState(rule?.name ?? '');
  const [event, setEvent] = useState(rule?.definition.event ?? 'view_product');
  const [where, setWhere] = useState(
    Object.entries(rule?.definition.where ?? {})
      .map(([k, v]) => `${k}=${String(v)}`)
      .join('\n'),
  );
  const [min, setMin] = useState(rule?.definition.min ?? 2);
  const [days, setDays] = useState(rule?.definition.withinDays ?? 7);
  const [tag, setTag] = useState(rule ? `${rule.definition.tag.group}\u0000${rule.definition.tag.name}` : '');
  const [removeWhenFalse, setRemove] = useState(rule?.definition.removeWhenFalse ?? false);
  const [enabled, setEnabled] = useState(rule?.enabled ?? true);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    tagDictionary().then(setDictionary).catch(() => setDictionary([]));
  }, []);

  const save = async (): Promise<void> => {
    const whereObj: Record<string, string | number | boolean> = {};
    for (const line of where.split(/\n|，|,/)) {
      const m = /^\s*([^=\s]+)\s*=\s*(.+?)\s*$/.exec(line);
      if (!m) continue;
      const v = m[2]!;
      whereObj[m[1]!] = v === 'true' ? true : v === 'false' ? false : /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
    }
    const [group, tagName] = tag.split('\u0000');
    const input: BehaviourRuleInput = {
      name: name.trim(),
      enabled,
      definition: { event: event.trim(), ...(Object.keys(whereObj).length ? { where: whereObj } : {}), min, withinDays: days, tag: { group: group!, name: tagName! }, removeWhenFalse },
    };
    setBusy(true);
    try {
      if (rule) await replaceBehaviourRule(rule.id, input);
      else await createBehaviourRule(input);
      void MessagePlugin.success('规则已保存');
      onSaved();
    } catch (e) {
      void MessagePlugin.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const options = dictionary.map((g) => ({ group: g.name, children: g.tags.map((t) => ({ label: t.name, value: `${g.name}\u0000${t.name}` })) }));
  return (
    <Dialog visible width={560} header={rule ? `编辑规则「${rule.name}」` : '新建行为规则'} onClose={onClose} onConfirm={() => void save()} confirmBtn={{ content: '保存', loading: busy, disabled: !name.trim() || !event.trim() || !tag }}>
      <div className="cx-field">
        <label>规则名称</label>
        <Input value={name} onChange={(v) => setName(String(v))} placeholder="例如 重疾险兴趣" />
      </div>
      <div className="cx-field">
        <label>事件名（埋点 event）</label>
        <Input value={event} onChange={(v) => setEvent(String(v))} placeholder="view_product" />
        <div className="cx-field__hint">常用：view_product 浏览产品、use_calculator 保费测算、$AppStart 打开 App、check_in 签到</div>
      </div>
      <div className="cx-field">
        <label>事件属性过滤（每行 属性=值，可空）</label>
        <Textarea value={where} onChange={(v) => setWhere(String(v))} placeholder="product_line=critical_illness" autosize={{ minRows: 2, maxRows: 4 }} />
      </div>
      <Space>
        <div className="cx-field">
          <label>时间窗（天）</label>
          <InputNumber value={days} min={1} max={366} onChange={(v) => setDays(Number(v))} />
        </div>
        <div className="cx-field">
          <label>至少次数</label>
          <InputNumber value={min} min={1} max={10000} onChange={(v) => setMin(Number(v))} />
        </div>
      </Space>
      <div className="cx-field">
        <label>打上的标签</label>
        <Select filterable value={tag || undefined} options={options} onChange={(v) => setTag(String(v ?? ''))} placeholder="从字典选择" />
      </div>
      <Space>
        <Checkbox checked={removeWhenFalse} onChange={(v) => setRemove(Boolean(v))}>
          条件不再满足时移除标签（适合活跃度）
        </Checkbox>
        <Checkbox checked={enabled} onChange={(v) => setEnabled(Boolean(v))}>
          启用
        </Checkbox>
      </Space>
    </Dialog>
  );
}
