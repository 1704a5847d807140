import type { IdentityKind, LeadMoveKind, LeadSourceKind, LeadStatus } from '@lodestar/shared';

/** Words for the codes the customer, lead and playbook pages show (common/labels has the shared ones). */
export const identityLabels: Record<IdentityKind, string> = {
  external_userid: '企微外部联系人',
  openid: '小程序 openid',
  unionid: '微信 unionid',
  oa_openid: '公众号 openid',
  distinct_id: '埋点 distinct_id',
  login_id: '登录 ID',
  anonymous_id: '匿名 ID',
  phone_hash: '手机号（哈希）',
};

export const genderLabels: Record<string, string> = { male: '男', female: '女', unknown: '未知' };

export const relationshipLabels: Record<string, string> = { active: '好友中', deleted_by_agent: '顾问已删除', deleted_by_customer: '客户已删除', transferred: '已转接' };

export const leadStatusLabels: Record<LeadStatus, string> = {
  calling: '待外呼',
  ready: '待分配',
  assigned: '跟进中',
  pool: '公海',
  won: '已成交',
  lost: '已流失',
  rejected: '已剔除',
};
export const leadStatusTheme: Record<LeadStatus, 'default' | 'primary' | 'warning' | 'success' | 'danger'> = {
  calling: 'warning',
  ready: 'primary',
  assigned: 'primary',
  pool: 'warning',
  won: 'success',
  lost: 'default',
  rejected: 'danger',
};

export const sourceKindLabels: Record<LeadSourceKind, string> = {
  orphan_policy: '孤儿单',
  coverage_gap: '保障缺口 + 家庭变化',
  engagement_jump: '活跃度突增',
  left_contact: '活动页留资',
  segment: '分群成员',
  handoff: '旅程移交',
};

export const moveLabels: Record<LeadMoveKind, string> = {
  created: '生成',
  rejected: '清洗剔除',
  queued_for_call: '进入外呼队列',
  called: '外呼',
  ready: '待分配',
  assigned: '分配',
  pooled: '进入公海',
  reminded: 'SLA 提醒',
  returned: '超时收回',
  claimed: '领取',
  released: '退回公海',
  activity: '跟进',
  closed: '结案',
  upgraded: '升级',
};

export const callIntentLabels: Record<string, string> = { high: '高意向', medium: '中意向', low: '低意向', none: '无' };
export const callNextStepLabels: Record<string, string> = { assign: '转顾问', call_again: '再次外呼', not_interested: '无意向', invalid_number: '空号错号', do_not_contact: '拒绝联系' };

export const complianceCategoryLabels: Record<string, string> = {
  guaranteed_return: '承诺收益',
  principal_guarantee: '保本承诺',
  deposit_comparison: '与存款类比',
  superlative: '绝对化用语',
  misleading_claim: '误导性陈述',
  custom: '自定义',
};

export const keyNodeByLabels: Record<string, string> = { agent: '顾问说', customer: '客户说', either: '任一方' };
export const keyNodeSignalLabels: Record<string, string> = {
  objection_detected: '识别到异议',
  objection_handled: '异议已处理',
  proposal_shared: '发送计划书',
  proposal_viewed: '客户查看计划书',
  asks_proposal: '客户索要计划书',
  ready_to_buy: '客户准备购买',
};

/** A timeline row's kind → a short label and colour. */
export function timelineKind(kind: string): { label: string; theme: 'primary' | 'success' | 'warning' | 'default' } {
  if (kind.startsWith('event.')) return { label: '行为', theme: 'primary' };
  if (kind.startsWith('wecom.')) return { label: '企业微信', theme: 'success' };
  if (kind.startsWith('group.')) return { label: '客户群', theme: 'success' };
  if (kind.startsWith('lead')) return { label: '线索', theme: 'warning' };
  return { label: '操作', theme: 'default' };
}

export const weekdayLabels = ['一', '二', '三', '四', '五', '六', '日'];

/** Tracking event names → words (the common eventLabels plus the SDK presets and demo events). */
export const moreEventLabels: Record<string, string> = {
  $AppStart: '打开 App',
  $AppEnd: '退出 App',
  $pageview: '浏览页面',
  $MPLaunch: '打开小程序',
  $MPShow: '进入小程序',
  $MPViewScreen: '浏览小程序页面',
  share_article: '分享文章',
  read_article: '阅读文章',
  use_calculator: '使用保费测算',
  view_claims_guide: '查看理赔指南',
  request_proposal: '索取计划书',
  purchase: '购买',
  share: '分享',
  referral_success: '转介绍成功',
  sign_up: '注册',
};

export const messageTypeLabels: Record<string, string> = { revoke: '撤回了一条消息', image: '图片', voice: '语音', video: '视频', file: '文件', link: '链接', weapp: '小程序', emotion: '表情', card: '名片', location: '位置' };
