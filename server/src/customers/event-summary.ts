import { productLineNames } from './product-line-names';

/** Human words for the events insurers' SDKs send, for the customer timeline. */
const named: Record<string, string> = {
  $pageview: '浏览页面',
  $AppStart: '打开 App',
  $AppEnd: '离开 App',
  $AppViewScreen: '浏览页面',
  $MPLaunch: '打开小程序',
  $MPShow: '进入小程序',
  $MPViewScreen: '浏览小程序页面',
  $MPShare: '分享小程序',
  $WebClick: '点击',
  $SignUp: '注册/登录',
  $BindID: '绑定身份',
  $UnbindID: '解绑身份',
  $identify: '资料更新',
  $alias: '关联身份',
  $profile_set: '资料更新',
  $profile_set_once: '资料补充',
  $profile_increment: '资料累加',
  $profile_append: '资料追加',
  $profile_unset: '资料清除',
  $profile_delete: '资料删除',
  view_product: '浏览产品',
  use_calculator: '使用保费测算',
  request_proposal: '索取计划书',
  check_in: '每日签到',
  activity_signup: '活动报名',
  activity_view: '查看活动',
  share: '分享',
  referral_success: '推荐成功',
  purchase: '投保',
  // The mini-program's own events (server-side, source "miniapp").
  activity_cancelled: '取消报名',
  activity_promoted: '候补转正',
  activity_attended: '活动签到',
  referral_joined: '推荐关系建立',
  referral_qualified: '推荐达标',
  article_viewed: '阅读文章',
  product_viewed: '浏览产品',
  proposal_viewed: '查看计划书',
  gap_assessed: '保障缺口测评',
  lead_left: '小程序留资',
};


const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 60) : typeof v === 'number' ? String(v) : null);

/** "浏览产品 · 重疾险 · 安心重疾 2026" — the event's name in words plus its most telling properties. */
export function summariseEvent(name: string, properties: Record<string, unknown>): string {
  const parts = [named[name] ?? name];
  const line = text(properties.product_line);
  if (line) parts.push(productLineNames[line] ?? line);
  for (const k of ['product_name', 'activity_name', '$title', '$element_content', 'title']) {
    const v = text(properties[k]);
    if (v) {
      parts.push(v);
      break;
    }
  }
  const where = text(properties.$screen_name) ?? text(properties.$url_path);
  if (parts.length === 1 && where) parts.push(where);
  return parts.join(' · ');
}
