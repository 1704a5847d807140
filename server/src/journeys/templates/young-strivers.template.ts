import { DAY_MS } from '@lodestar/shared';
import type { JourneyTemplate } from './index';

/**
 * 奋斗青年 (young strivers): young, newly employed, welfare-sensitive customers who use the app.
 * Product brief: Friday 19:00 invite to a 7-day check-in → daily 09:00 reminders until the streak →
 * lottery → if they stay active, insurance knowledge (official account) → travel-accident product →
 * after buying, browsing critical-illness or life products hands them to a senior agent.
 *
 * Events it relies on (see the report of the template work for which ones the demo produces):
 * `$AppStart`, `check_in`, `activity_signup` {activity_type}, `view_product` {product_line},
 * `purchase` {product_line}, and two the mini-program / H5 must send: `message_opened` {campaign}
 * (the page a subscription message opens carries `campaign`) and `article_read` {campaign}.
 *
 * Product-line checks use branch_event (read from the event log) rather than an event_count rule
 * with `where`: a filtered counter only counts once something registers it, and journeys do not.
 */

/** The page query and event property that tie an open or a read to this journey's message. */
const CAMPAIGN = { invite: 'checkin_7', remind: 'checkin_7_remind', lottery: 'ys_lottery', knowledge: 'ys_knowledge', travel: 'ys_travel' } as const;

const HANDOFF_REASON = '高价值产品意向，转高级顾问';

export const youngStriversTemplate: JourneyTemplate = {
  key: 'young_strivers',
  name: '奋斗青年 (young strivers)',
  description:
    '每周五19:00邀请本周打开过App的30岁以下客户参加“连续打卡7天领好礼”；打开消息后每天09:00提醒签到，连续签到7天推送抽奖活动；' +
    '参与抽奖并保持活跃的推送保险知识（公众号模板消息），阅读后推荐综合交通意外险；购买后浏览重疾险或寿险的，转交资深顾问。10% 对照组不发送任何消息。',
  segments: [
    {
      key: 'young_strivers',
      name: '奋斗青年：30岁及以下、近7天打开过App',
      description: '年龄不超过30岁，且最近7天至少打开过一次App（$AppStart）。奋斗青年旅程每周五19:00邀请这些客户。',
      rule: {
        type: 'all',
        rules: [
          { type: 'attribute', field: 'age', op: 'lte', value: 30 },
          { type: 'event_count', event: '$AppStart', withinDays: 7, min: 1 },
        ],
      },
    },
  ],
  definition: {
    trigger: {
      type: 'schedule',
      schedule: { kind: 'weekly', weekdays: [5], time: '19:00' },
      audience: { type: 'segment', segmentId: 'segment:young_strivers' },
    },
    // A customer who has left the journey may be invited again four Fridays after they entered.
    reentry: { mode: 'after', days: 28 },
    entry: 'holdout',
    goal: { event: 'purchase', withinDays: 60 },
    steps: [
      { id: 'holdout', name: '10% 对照组', type: 'holdout', percent: 10, next: 'invite' },
      {
        id: 'invite',
        name: '推送“连续打卡7天领好礼”',
        type: 'send',
        message: {
          channel: 'mp_subscribe',
          templateId: 'TPL_CHECKIN_7',
          page: `pages/checkin/index?campaign=${CAMPAIGN.invite}`,
          data: { thing1: '连续打卡7天领好礼', name2: '{{name}}', thing3: '每天签到10秒，连续7天领定制保温杯' },
        },
        next: 'wait_open',
      },
      {
        id: 'wait_open',
        name: '等待打开消息（3天）',
        type: 'wait_event',
        event: 'message_opened',
        where: { campaign: CAMPAIGN.invite },
        timeoutMs: 3 * DAY_MS,
        next: 'daily_9am',
        timeoutNext: 'exit_not_opened',
      },
      // The daily loop: every pass waits for the next 09:00, so it can never spin.
      { id: 'daily_9am', name: '每天09:00', type: 'wait_until', time: '09:00', next: 'streak_7' },
      {
        id: 'streak_7',
        name: '连续签到满7天？',
        type: 'branch',
        branches: [{ name: '已连续签到7天', when: { type: 'streak', event: 'check_in', min: 7 }, next: 'lottery_push' }],
        otherwise: 'checked_in_lately',
      },
      // The guard: remind only people still at it. Someone who opened the invitation less than 10
      // days ago is still new to the challenge; after that, no check-in for 10 days ends the loop.
      { id: 'checked_in_lately', name: '近10天签到过？', type: 'branch_event', event: 'check_in', withinMs: 10 * DAY_MS, yes: 'remind', no: 'opened_lately' },
      {
        id: 'opened_lately',
        name: '10天内刚打开邀请？',
        type: 'branch_event',
        event: 'message_opened',
        where: { campaign: CAMPAIGN.invite },
        withinMs: 10 * DAY_MS,
        yes: 'remind',
        no: 'exit_stopped',
      },
      {
        id: 'remind',
        name: '签到提醒',
        type: 'send',
        message: {
          channel: 'mp_subscribe',
          templateId: 'TPL_CHECKIN_REMIND',
          page: `pages/checkin/index?campaign=${CAMPAIGN.remind}`,
          data: { thing1: '今日签到提醒', thing2: '{{name}}，记得今天签到，连续7天领好礼' },
        },
        next: 'daily_9am',
      },
      {
        id: 'lottery_push',
        name: '推送抽奖活动',
        type: 'send',
        message: {
          channel: 'mp_subscribe',
          templateId: 'TPL_LOTTERY',
          page: `pages/activity/index?type=lottery&campaign=${CAMPAIGN.lottery}`,
          data: { thing1: '抽奖赢好礼', thing2: '{{name}}，恭喜完成7天连续签到', thing3: '体检卡、出行礼包等你来抽' },
        },
        next: 'wait_lottery',
      },
      {
        id: 'wait_lottery',
        name: '等待参与抽奖（7天）',
        type: 'wait_event',
        event: 'activity_signup',
        where: { activity_type: 'lottery' },
        timeoutMs: 7 * DAY_MS,
        next: 'after_lottery',
        timeoutNext: 'exit_no_lottery',
      },
      // "Stayed active" means active after the lottery: look at the three days that follow it.
      { id: 'after_lottery', name: '抽奖后观察3天', type: 'wait', durationMs: 3 * DAY_MS, next: 'stayed_active' },
      { id: 'stayed_active', name: '近3天打开过App？', type: 'branch_event', event: '$AppStart', withinMs: 3 * DAY_MS, yes: 'knowledge', no: 'exit_inactive' },
      {
        id: 'knowledge',
        name: '公众号推送保险知识',
        type: 'send',
        message: {
          channel: 'oa_template',
          templateId: 'TPL_INSURANCE_KNOWLEDGE',
          url: `https://sandbox.lodestar.local/h5/articles/travel-accident?campaign=${CAMPAIGN.knowledge}`,
          data: { thing1: '出行高峰，交通意外险值得买吗', thing2: '一年不到一百元，覆盖各种交通工具', thing3: '{{name}}，点击阅读保险小知识' },
        },
        next: 'wait_read',
      },
      {
        id: 'wait_read',
        name: '等待阅读（7天）',
        type: 'wait_event',
        event: 'article_read',
        where: { campaign: CAMPAIGN.knowledge },
        timeoutMs: 7 * DAY_MS,
        next: 'travel_push',
        timeoutNext: 'exit_not_read',
      },
      {
        id: 'travel_push',
        name: '推荐综合交通意外险',
        type: 'send',
        message: {
          channel: 'mp_subscribe',
          templateId: 'TPL_TRAVEL_ACCIDENT',
          page: `pages/product/buy?code=TRV-JIAOTONG&campaign=${CAMPAIGN.travel}`,
          data: { thing1: '综合交通意外险', thing2: '飞机火车轮船汽车网约车都保', thing3: '99元起保一年，点击投保' },
        },
        next: 'wait_buy',
      },
      {
        id: 'wait_buy',
        name: '等待投保（14天）',
        type: 'wait_event',
        event: 'purchase',
        where: { product_line: 'travel_accident' },
        timeoutMs: 14 * DAY_MS,
        next: 'watch_views',
        timeoutNext: 'exit_not_bought',
      },
      // Any product view wakes the wait at once; the two checks below keep only critical-illness
      // and life views (the one that woke it is within the last day) and send the rest back to wait.
      {
        id: 'watch_views',
        name: '等待浏览产品（30天）',
        type: 'wait_event',
        event: 'view_product',
        timeoutMs: 30 * DAY_MS,
        next: 'viewed_ci',
        timeoutNext: 'exit_no_interest',
      },
      {
        id: 'viewed_ci',
        name: '浏览了重疾险？',
        type: 'branch_event',
        event: 'view_product',
        where: { product_line: 'critical_illness' },
        withinMs: DAY_MS,
        yes: 'handoff_ci',
        no: 'viewed_life',
      },
      { id: 'viewed_life', name: '浏览了寿险？', type: 'branch_event', event: 'view_product', where: { product_line: 'life' }, withinMs: DAY_MS, yes: 'handoff_life', no: 'watch_views' },
      { id: 'handoff_ci', name: '转资深顾问（重疾险）', type: 'handoff', productLine: 'critical_illness', reason: HANDOFF_REASON, next: 'need_ci' },
      { id: 'handoff_life', name: '转资深顾问（寿险）', type: 'handoff', productLine: 'life', reason: HANDOFF_REASON, next: 'need_life' },
      // The need the browsing showed, for the agent and for segments (a stage would be re-derived from the purchase at once).
      { id: 'need_ci', name: '标签：重疾险需求', type: 'tag', group: 'insurance_need', add: ['重疾险'], next: 'done' },
      { id: 'need_life', name: '标签：寿险需求', type: 'tag', group: 'insurance_need', add: ['寿险'], next: 'done' },
      { id: 'done', name: '已转交顾问', type: 'exit', reason: '已转交资深顾问' },
      { id: 'exit_not_opened', name: '未打开邀请', type: 'exit', reason: '3天内未打开签到邀请' },
      { id: 'exit_stopped', name: '停止签到', type: 'exit', reason: '10天未签到' },
      { id: 'exit_no_lottery', name: '未参与抽奖', type: 'exit', reason: '7天内未参与抽奖' },
      { id: 'exit_inactive', name: '不再活跃', type: 'exit', reason: '抽奖后3天未打开App' },
      { id: 'exit_not_read', name: '未阅读', type: 'exit', reason: '7天内未阅读保险知识' },
      { id: 'exit_not_bought', name: '未投保', type: 'exit', reason: '14天内未投保综合交通意外险' },
      { id: 'exit_no_interest', name: '未浏览重疾/寿险', type: 'exit', reason: '30天内未浏览重疾险或寿险' },
    ],
  },
};
