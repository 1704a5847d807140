import type { JourneyStage, LeadGrade, SopTaskStatus } from '@lodestar/shared';

/** The words the pages show; kept here so both entries say the same thing. */
export const stageOrder: JourneyStage[] = ['interest', 'online_interaction', 'analysis', 'need_clarified', 'purchase', 'referral'];
export const stageLabels: Record<JourneyStage, string> = {
  interest: '产生兴趣',
  online_interaction: '线上互动',
  analysis: '需求分析',
  need_clarified: '需求明确',
  purchase: '购买',
  referral: '转介绍',
};

export const gradeTheme: Record<LeadGrade, 'danger' | 'warning' | 'primary' | 'default'> = { A: 'danger', B: 'warning', C: 'primary', D: 'default' };

export const tagSourceLabels: Record<string, string> = {
  conversation: '会话',
  behaviour: '行为',
  static: '资料',
  model: '模型预测',
  manual: '手工',
  journey: '旅程',
};

export const productLineLabels: Record<string, string> = {
  critical_illness: '重疾险',
  medical: '医疗险',
  accident: '意外险',
  travel_accident: '旅行意外险',
  life: '寿险',
  annuity: '养老/年金',
  education: '教育金',
  any: '通用',
};

export const policyStatusLabels: Record<string, string> = { active: '有效', lapsed: '失效', expired: '满期', surrendered: '退保' };

export const sopStatusLabels: Record<SopTaskStatus, string> = {
  planned: '计划',
  pending: '待发',
  sending: '发送中',
  awaiting: '待确认',
  sent: '已发送',
  partly_sent: '部分发送',
  failed: '失败',
  skipped: '已跳过',
  overdue: '逾期',
  cancelled: '已取消',
  ended: '已结束',
};

export const sopStatusColor: Record<SopTaskStatus, string> = {
  planned: '#a6a6a6',
  pending: '#0052d9',
  sending: '#0052d9',
  awaiting: '#e37318',
  sent: '#2ba471',
  partly_sent: '#56c08d',
  failed: '#d54941',
  skipped: '#8b8b8b',
  overdue: '#c9353f',
  cancelled: '#bbbbbb',
  ended: '#bbbbbb',
};

export const objectionLabels: Record<string, string> = { 价格: '价格异议', 信任: '信任异议', 已有保障: '已有保障', 再考虑: '再考虑' };
export const intentLabels: Record<string, string> = { asks_price: '询价', asks_claims: '问理赔', asks_proposal: '要计划书', ready_to_buy: '准备购买' };

export const roleLabels: Record<string, string> = { admin: '管理员', team_lead: '团队主管', agent: '顾问', customer: '客户' };

/** Timeline kinds whose summary is only the event name. */
export const eventLabels: Record<string, string> = {
  chat_need: '会话中表达需求',
  chat_tag: '会话中提到',
  chat_objection: '会话中提出异议',
  chat_intent: '会话中表现意向',
  view_product: '浏览产品',
  mp_open: '打开小程序',
  check_in: '签到',
  activity_signup: '报名活动',
  leave_contact: '留资',
  policy_purchased: '购买保单',
  proposal_viewed: '查看计划书',
};
