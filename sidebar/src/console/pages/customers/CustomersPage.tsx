import { useEffect, useMemo, useState } from 'react';
import { Button, Input, MessagePlugin, Select, Space, Table, Tag, type PrimaryTableCol } from 'tdesign-react';
import { SearchIcon } from 'tdesign-icons-react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { CustomerListItem, LeadGrade } from '@lodestar/shared';
import { gradeTheme, stageLabels } from '../../../common/labels';
import '../_kit/kit.css';
import { searchCustomers, type CustomerFilter } from '../../../services/customer-admin';
import { errorText } from '../../../services/http';
import { knownStaff } from '../../../services/staff';
import { tagDictionary, type DictionaryGroup } from '../../../services/tags';

const grades: LeadGrade[] = ['A', 'B', 'C', 'D'];
const pageSizes = [20, 50, 100];

/** Reads the filter from the URL (so the customer view's back button returns to the same page). */
function filterFrom(p: URLSearchParams): CustomerFilter {
  const size = Number(p.get('size')) || 20;
  const page = Math.max(1, Number(p.get('page')) || 1);
  const id = p.get('id') ?? '';
  const kind = p.get('idKind') === 'distinct_id' ? 'distinct_id' : 'external_userid';
  return {
    q: p.get('q') || undefined,
    tag: p.get('tag') || undefined,
    grade: (p.get('grade') as LeadGrade | null) || undefined,
    externalUserId: id && kind === 'external_userid' ? id : undefined,
    distinctId: id && kind === 'distinct_id' ? id : undefined,
    limit: pageSizes.includes(size) ? size : 20,
    offset: (page - 1) * (pageSizes.includes(size) ? size : 20),
  };
}

/** 客户: search and filter the customers the caller may see, open one. */
export function CustomersPage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const filter = useMemo(() => filterFrom(params), [params]);
  const [q, setQ] = useState(params.get('q') ?? '');
  const [ident, setIdent] = useState(params.get('id') ?? '');
  const [rows, setRows] = useState<CustomerListItem[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [dictionary, setDictionary] = useState<DictionaryGroup[]>([]);
  const [staff, setStaff] = useState<Map<string, string>>(new Map());

  useEffect(() => {
    tagDictionary().then(setDictionary).catch(() => setDictionary([]));
    knownStaff()
      .then((s) => setStaff(new Map(s.map((x) => [x.id, x.name]))))
      .catch(() => undefined);
  }, []);

  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    searchCustomers(filter)
      .then((r) => {
        if (!live) return;
        setRows(r.items);
        setTotal(r.total);
      })
      .catch((e) => {
        if (!live) return;
        setRows([]);
        setTotal(0);
        setError(errorText(e));
        void MessagePlugin.error(errorText(e));
      })
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [filter]);

  const update = (patch: Record<string, string | undefined>, keepPage = false): void => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!keepPage) next.delete('page');
    setParams(next);
  };

  const tagOptions = dictionary.map((g) => ({ group: g.name, children: g.tags.map((t) => ({ label: `${t.name}（${t.customers}）`, value: t.name })) }));
  const page = Math.floor(filter.offset / filter.limit) + 1;

  const columns: PrimaryTableCol<CustomerListItem>[] = [
    {
      colKey: 'name',
      title: '客户',
      width: 150,
      cell: ({ row }) => (
        <a className="cx-link" data-testid="customer-link" onClick={() => navigate(`/customers/${row.id}`)}>
          {row.name}
        </a>
      ),
    },
    { colKey: 'city', title: '城市', width: 80, cell: ({ row }) => row.city ?? '—' },
    { colKey: 'stage', title: '旅程阶段', width: 110, cell: ({ row }) => <Tag variant="light">{stageLabels[row.stage]}</Tag> },
    {
      colKey: 'lead',
      title: '线索评分',
      width: 120,
      cell: ({ row }) =>
        row.lead ? (
          <Space size={6} align="center">
            <Tag theme={gradeTheme[row.lead.grade]} variant="light-outline">
              {row.lead.grade}
            </Tag>
            <span>{row.lead.score.toFixed(1)}</span>
          </Space>
        ) : (
          <span className="cs-muted">未评分</span>
        ),
    },
    {
      colKey: 'tags',
      title: '标签',
      ellipsis: true,
      cell: ({ row }) =>
        row.tags.length ? (
          <Space size={4} breakLine>
            {row.tags.slice(0, 6).map((t) => (
              <Tag key={t} size="small" variant={t === filter.tag ? 'dark' : 'light'} theme={t === filter.tag ? 'primary' : 'default'}>
                {t}
              </Tag>
            ))}
            {row.tags.length > 6 && <span className="cs-muted">+{row.tags.length - 6}</span>}
          </Space>
        ) : (
          <span className="cs-muted">无</span>
        ),
    },
    { colKey: 'owner', title: '负责顾问', width: 110, cell: ({ row }) => (row.ownerStaffId ? (staff.get(row.ownerStaffId) ?? <span className="cs-muted">其他顾问</span>) : <span className="cs-muted">无人服务</span>) },
    { colKey: 'wecom', title: '企业微信', width: 90, cell: ({ row }) => (row.externalUserId ? <Tag theme="success" variant="light" size="small">已添加</Tag> : <Tag size="small" variant="light">未添加</Tag>) },
  ];

  return (
    <div>
      <div className="cs-toolbar">
        <span data-testid="customer-search">
        <Input
          style={{ width: 220 }}
          clearable
          value={q}
          placeholder="姓名或城市"
          prefixIcon={<SearchIcon />}
          onChange={(v) => setQ(String(v))}
          onEnter={() => update({ q: q.trim() || undefined })}
          onClear={() => update({ q: undefined })}
        />
        </span>
        <Select
          style={{ width: 200 }}
          clearable
          filterable
          value={filter.tag}
          placeholder="按标签筛选"
          options={tagOptions}
          onChange={(v) => update({ tag: (v as string) || undefined })}
        />
        <Select
          style={{ width: 130 }}
          clearable
          value={filter.grade}
          placeholder="线索等级"
          options={grades.map((g) => ({ label: `${g} 级`, value: g }))}
          onChange={(v) => update({ grade: (v as string) || undefined })}
        />
        <Space size={0}>
          <Select
            style={{ width: 150 }}
            value={params.get('idKind') === 'distinct_id' ? 'distinct_id' : 'external_userid'}
            options={[
              { label: '企微外部联系人', value: 'external_userid' },
              { label: '埋点 distinct_id', value: 'distinct_id' },
            ]}
            onChange={(v) => update({ idKind: v === 'distinct_id' ? 'distinct_id' : undefined })}
          />
          <Input
            style={{ width: 190 }}
            clearable
            value={ident}
            placeholder="按身份精确查找"
            onChange={(v) => setIdent(String(v))}
            onEnter={() => update({ id: ident.trim() || undefined })}
            onClear={() => update({ id: undefined })}
          />
        </Space>
        <Button onClick={() => update({ q: q.trim() || undefined, id: ident.trim() || undefined })} data-testid="customer-search-go">
          查询
        </Button>
        <Button
          variant="text"
          onClick={() => {
            setQ('');
            setIdent('');
            setParams(new URLSearchParams());
          }}
        >
          重置
        </Button>
        <span className="cs-toolbar__spacer" />
        <span className="cs-muted" data-testid="customer-total">
          共 {total.toLocaleString('zh-CN')} 位客户
        </span>
      </div>
      <div className="cs-card">
        <Table
          rowKey="id"
          size="small"
          data={rows}
          columns={columns}
          loading={loading}
          hover
          empty={error ? `加载失败：${error}` : '没有符合条件的客户'}
          pagination={{
            current: page,
            pageSize: filter.limit,
            total,
            pageSizeOptions: pageSizes,
            showJumper: true,
            onChange: (p) => update({ page: p.current > 1 ? String(p.current) : undefined, size: p.pageSize !== 20 ? String(p.pageSize) : undefined }, true),
          }}
        />
      </div>
    </div>
  );
}
