import { useCallback, useEffect, useState } from 'react';
import { Button, MessagePlugin, Popconfirm, Space, Table, type PrimaryTableCol } from 'tdesign-react';
import { AddIcon } from 'tdesign-icons-react';
import { useNavigate } from 'react-router-dom';
import type { SegmentView } from '@lodestar/shared';
import { dateTime } from '../../../common/format';
import { errorText } from '../../../services/http';
import { deleteSegment, listSegments } from '../../../services/segments';
import { ruleText } from './rule-text';
import '../_kit/kit.css';

/** 分群: saved segments with their size; each opens in the editor. */
export function SegmentsPage() {
  const navigate = useNavigate();
  const [rows, setRows] = useState<SegmentView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    listSegments()
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

  const columns: PrimaryTableCol<SegmentView>[] = [
    {
      colKey: 'name',
      title: '分群',
      width: 220,
      cell: ({ row }) => (
        <div>
          <a className="cx-link" onClick={() => navigate(`/segments/${row.id}`)} data-testid="segment-link">
            {row.name}
          </a>
          {row.description && <div className="cs-muted">{row.description}</div>}
        </div>
      ),
    },
    { colKey: 'rule', title: '规则', cell: ({ row }) => ruleText(row.rule) },
    { colKey: 'memberCount', title: '人数', width: 100, align: 'right', cell: ({ row }) => <b>{row.memberCount.toLocaleString('zh-CN')}</b> },
    { colKey: 'refreshedAt', title: '刷新于', width: 120, cell: ({ row }) => (row.refreshedAt ? dateTime(row.refreshedAt) : '—') },
    {
      colKey: 'op',
      title: '操作',
      width: 120,
      cell: ({ row }) => (
        <Space size={4}>
          <Button size="small" variant="text" theme="primary" onClick={() => navigate(`/segments/${row.id}`)}>
            编辑
          </Button>
          <Popconfirm
            content={`删除分群「${row.name}」？引用它的旅程和线索来源将失效。`}
            onConfirm={() =>
              deleteSegment(row.id)
                .then(() => {
                  void MessagePlugin.success(`已删除：${row.name}`);
                  load();
                })
                .catch((e) => void MessagePlugin.error(errorText(e)))
            }
          >
            <Button size="small" variant="text" theme="danger">
              删除
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <div>
      <div className="cs-toolbar">
        <span className="cs-muted">分群按规则自动维护成员：事件到达时即时更新，每天零点后补算时间窗。旅程、群 SOP 和线索来源都可以引用分群。</span>
        <span className="cs-toolbar__spacer" />
        <Button theme="primary" icon={<AddIcon />} onClick={() => navigate('/segments/new')} data-testid="new-segment">
          新建分群
        </Button>
      </div>
      <div className="cs-card">
        <Table rowKey="id" size="small" data={rows ?? []} loading={rows === null} columns={columns} empty={error ? `加载失败：${error}` : '还没有分群，点「新建分群」用规则圈出客户'} />
      </div>
    </div>
  );
}
