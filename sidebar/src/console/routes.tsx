import { lazy, Suspense, type ComponentType, type ReactElement } from 'react';
import { Loading } from 'tdesign-react';

/** Each page is its own chunk: the dashboard brings ECharts, the canvas React Flow and the shared schemas. */
function page(load: () => Promise<{ default: ComponentType }>): ReactElement {
  const Page = lazy(load);
  return (
    <Suspense fallback={<Loading className="cs-loading" text="加载中…" />}>
      <Page />
    </Suspense>
  );
}

/** The console's pages: one folder each under pages/; add a line here (and to the menu group) for a new one. */
export interface ConsoleRoute {
  path: string;
  title: string;
  group: '概览' | '数据分析' | '客户旅程' | '群 SOP' | '客户' | '线索' | '话术与内容' | '渠道与活动';
  element: ReactElement;
  /** Team leads may not open it. */
  adminOnly?: boolean;
  /** Not in the menu (a detail page). */
  hidden?: boolean;
}

export const routes: ConsoleRoute[] = [
  { path: 'dashboard', title: '数据看板', group: '概览', element: page(() => import('./pages/dashboard').then((m) => ({ default: m.DashboardPage }))) },
  // Analytics (issue 11): admins and team leads (a team lead sees their team); the console keeps agents out.
  { path: 'analytics', title: '经营分析', group: '数据分析', element: page(() => import('./pages/analytics').then((m) => ({ default: m.AnalyticsPage }))) },
  { path: 'analytics/funnels', title: '漏斗与留存', group: '数据分析', element: page(() => import('./pages/analytics-funnels').then((m) => ({ default: m.FunnelsPage }))) },
  { path: 'analytics/evaluations', title: '考核评估', group: '数据分析', element: page(() => import('./pages/analytics-evaluations').then((m) => ({ default: m.EvaluationsPage }))) },
  { path: 'journeys', title: '旅程列表', group: '客户旅程', element: page(() => import('./pages/journeys').then((m) => ({ default: m.JourneysPage }))) },
  { path: 'journeys/:id', title: '旅程画布', group: '客户旅程', element: page(() => import('./pages/journey-editor').then((m) => ({ default: m.JourneyEditorPage }))), hidden: true },
  { path: 'sop/plans', title: 'SOP 计划', group: '群 SOP', element: page(() => import('./pages/sop-plans').then((m) => ({ default: m.SopPlansPage }))) },
  { path: 'sop/calendar', title: 'SOP 日历', group: '群 SOP', element: page(() => import('./pages/sop-calendar').then((m) => ({ default: m.SopCalendarPage }))) },
  { path: 'sop/board', title: '完成看板', group: '群 SOP', element: page(() => import('./pages/sop-board').then((m) => ({ default: m.SopBoardPage }))) },
  // Customers, leads, playbook, channel codes and activities (H4).
  { path: 'customers', title: '客户', group: '客户', element: page(() => import('./pages/customers').then((m) => ({ default: m.CustomersPage }))) },
  { path: 'customers/:id', title: '客户详情', group: '客户', element: page(() => import('./pages/customer-detail').then((m) => ({ default: m.CustomerDetailPage }))), hidden: true },
  { path: 'tags', title: '标签与行为规则', group: '客户', element: page(() => import('./pages/tags').then((m) => ({ default: m.TagsPage }))) },
  { path: 'tag-candidates', title: '候选标签', group: '客户', element: page(() => import('./pages/tag-candidates').then((m) => ({ default: m.TagCandidatesPage }))), adminOnly: true },
  { path: 'personal-data', title: '个人信息保护', group: '客户', element: page(() => import('./pages/personal-data').then((m) => ({ default: m.PersonalDataPage }))), adminOnly: true },
  { path: 'segments', title: '分群', group: '客户', element: page(() => import('./pages/segments').then((m) => ({ default: m.SegmentsPage }))) },
  { path: 'segments/:id', title: '分群编辑', group: '客户', element: page(() => import('./pages/segment-editor').then((m) => ({ default: m.SegmentEditorPage }))), hidden: true },
  { path: 'leads/list', title: '线索与公海', group: '线索', element: page(() => import('./pages/leads').then((m) => ({ default: m.LeadsPage }))) },
  { path: 'leads/sources', title: '线索来源', group: '线索', element: page(() => import('./pages/lead-sources').then((m) => ({ default: m.LeadSourcesPage }))) },
  { path: 'leads/seats', title: '清洗外呼', group: '线索', element: page(() => import('./pages/seat-groups').then((m) => ({ default: m.SeatGroupsPage }))) },
  { path: 'leads/scoring', title: '评分与分级', group: '线索', element: page(() => import('./pages/lead-scoring').then((m) => ({ default: m.LeadScoringPage }))) },
  { path: 'leads/rules', title: '分配规则与 SLA', group: '线索', element: page(() => import('./pages/lead-rules').then((m) => ({ default: m.LeadRulesPage }))) },
  { path: 'leads/do-not-contact', title: '免打扰名单', group: '线索', element: page(() => import('./pages/do-not-contact').then((m) => ({ default: m.DoNotContactPage }))) },
  { path: 'playbook', title: '销售 SOP 与话术', group: '话术与内容', element: page(() => import('./pages/playbook').then((m) => ({ default: m.PlaybookPage }))) },
  { path: 'compliance', title: '合规词与告警', group: '话术与内容', element: page(() => import('./pages/compliance').then((m) => ({ default: m.CompliancePage }))) },
  { path: 'channel-codes', title: '渠道活码', group: '渠道与活动', element: page(() => import('./pages/channel-codes').then((m) => ({ default: m.ChannelCodesPage }))) },
  { path: 'activities', title: '活动', group: '渠道与活动', element: page(() => import('./pages/activities').then((m) => ({ default: m.ActivitiesPage }))) },
];
