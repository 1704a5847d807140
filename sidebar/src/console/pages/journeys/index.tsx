import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, MessagePlugin, Space, Table, Tag, type PrimaryTableCol } from 'tdesign-react';
import { dateTime } from '../../../common/format';
import { errorText } from '../../../services/http';
import { installTemplate, listJourneys, listTemplates, type JourneyListItem, type JourneyTemplate } from '../../../services/journeys';
import { loadSession } from '../../../services/session';

export const journeyStatusText: Record<string, string> = { draft: '草稿', live: '运行中', paused: '已暂停', archived: '已归档' };
export const journeyStatusTheme: Record<string, 'default' | 'success' | 'warning'> = { draft: 'default', live: 'success', paused: 'warning', archived: 'default' };

/** Journeys with their status and customers inside; new ones, and the two templates that ship. */
export function JourneysPage() {
  const navigate = useNavigate();
  const [items, setItems] = useState<JourneyListItem[] | null>(null);
  const [templates, setTemplates] = useState<JourneyTemplate[]>([]);
  const admin = loadSession()?.user.role === 'admin';

  useEffect(() => {
    listJourneys()
      .then((r) => setItems(r.items))
      .catch((e) => {
        setItems([]);
        void MessagePlugin.error(errorText(e));
      });
    listTemplates()
      .then((r) => setTemplates(r.items))
      .catch(() => setTemplates([]));
  }, []);

  const install = (key: string): void => {
    installTemplate(key)
      .then((j) => navigate(`/journeys/${j.id}`))
      .catch((e) => void MessagePlugin.error(errorText(e)));
  };

  const columns: PrimaryTableCol<JourneyListItem>[] = [
    { colKey: 'name', title: '旅程', cell: ({ row }) => <a onClick={() => navigate(`/journeys/${row.id}`)} className="cs-link">{row.name}</a> },
    { colKey: 'status', title: '状态', width: 100, cell: ({ row }) => <Tag theme={journeyStatusTheme[row.status]} variant="light">{journeyStatusText[row.status]}</Tag> },
    { colKey: 'liveVersion', title: '线上版本', width: 100, cell: ({ row }) => (row.liveVersion ? `v${row.liveVersion}` : '—') },
    { colKey: 'active', title: '旅程中', width: 90 },
    { colKey: 'entered', title: '累计进入', width: 100 },
    { colKey: 'template', title: '来源', width: 110, cell: ({ row }) => (row.template ? '模板' : '自建') },
    { colKey: 'updatedAt', title: '更新于', width: 140, cell: ({ row }) => dateTime(row.updatedAt) },
    { colKey: 'op', title: '', width: 90, cell: ({ row }) => <Button size="small" variant="text" theme="primary" onClick={() => navigate(`/journeys/${row.id}`)}>打开画布</Button> },
  ];

  return (
    <div>
      <div className="cs-toolbar">
        <span className="cs-muted">在画布上画旅程：触发 → 等待 / 分支 / 发送 / 转交顾问 …，校验通过后发布为不可变版本。</span>
        <span className="cs-toolbar__spacer" />
        {admin && (
          <Space>
            {templates.map((t) => (
              <Button key={t.key} variant="outline" disabled={t.installed !== null} onClick={() => install(t.key)} title={t.description}>
                {t.installed ? `已安装：${t.name}` : `安装模板：${t.name}`}
              </Button>
            ))}
            <Button theme="primary" onClick={() => navigate('/journeys/new')} data-testid="new-journey">
              新建旅程
            </Button>
          </Space>
        )}
      </div>
      <div className="cs-card">
        <Table rowKey="id" data={items ?? []} columns={columns} loading={items === null} empty="还没有旅程" hover />
      </div>
    </div>
  );
}
