import { DAY_MS } from '@lodestar/shared';
import type { JourneyTemplate } from './index';

/**
 * 财富新贵 (new wealthy): holders of an orphan policy (孤儿单: their agent has left) with critical-
 * illness cover of 800k or less, who rarely come online. Product brief: SMS invitation to an offline
 * seminar about a month before it → viewed but not booked: an agent calls and adds them on WeCom →
 * 1:1 WeCom reminders with the address and notes → attended, then browsed pension/annuity products
 * or retirement-planning content: notify the agent at once → chat, coverage-gap assessment, proposal.
 *
 * Events it relies on: `$AppStart`, `activity_view` / `activity_signup` {activity_type} (the SMS
 * links to the seminar's activity page, so viewing the invitation is viewing that page),
 * `view_product` {product_line}, `purchase`, and two the mini-program / H5 / check-in desk must
 * send: `activity_attended` {activity_type} and `article_read` {category}.
 *
 * The texts name the demo's seminar (养老规划沙龙, its address in Shanghai) and carry no date: only
 * {{name}}, {{agent}}, {{city}} and {{journey}} are filled in, so the date lives on the invitation
 * page. Operators edit the texts for their own event before publishing.
 */

const INVITATION_URL = 'https://sandbox.lodestar.local/h5/activities/seminar?campaign=nw_seminar';
const SEMINAR = '「养老规划沙龙：退休后的现金流」';
const ADDRESS = '上海市浦东新区世纪大道100号 12楼报告厅';
const SEMINAR_EVENT = { activity_type: 'seminar' } as const;

export const newWealthyTemplate: JourneyTemplate = {
  key: 'new_wealthy',
  name: '财富新贵 (new wealthy)',
  description:
    '持有有效孤儿单、重疾保额不超过80万且线上不活跃的客户进入分群后：短信邀请参加线下养老规划沙龙；看过邀请未报名的由顾问电话邀约并添加企业微信；' +
    '会前顾问一对一企业微信提醒地址和注意事项；到场后浏览养老年金产品或养老规划内容的，实时通知顾问发起沟通、做保障缺口评估并出计划书。',
  segments: [
    {
      key: 'new_wealthy',
      name: '财富新贵：孤儿单、重疾保额≤80万、线上低活跃',
      description: '持有有效的重疾险孤儿单（原顾问已离职）且保额不超过80万，最近30天打开App不超过2次（包括从未打开）。财富新贵旅程在客户进入分群时开始。',
      rule: {
        type: 'all',
        rules: [
          { type: 'policy', orphan: true, status: 'active', line: 'critical_illness', coverAtMost: 800_000 },
          // min 0: customers who never open the app are the least active of all (the default min is 1).
          { type: 'event_count', event: '$AppStart', withinDays: 30, min: 0, max: 2 },
        ],
      },
    },
  ],
  definition: {
    // The orphan-policy holders the insurer has today are the point: they are invited on publication, later ones as they enter.
    trigger: { type: 'segment', segmentId: 'segment:new_wealthy', includeMembers: true },
    // One invitation per customer: leaving and re-entering the segment does not invite them again.
    reentry: { mode: 'never' },
    entry: 'invite_sms',
    goal: { event: 'purchase', withinDays: 90 },
    steps: [
      {
        id: 'invite_sms',
        name: '短信邀请参加线下活动',
        type: 'send',
        message: {
          channel: 'sms',
          template: 'SMS_SEMINAR_INVITE',
          text: `{{name}}您好，诚邀您参加线下活动${SEMINAR}，资深规划师现场讲解养老金与年金如何搭配。活动时间、地点及报名请见邀请函：${INVITATION_URL} 拒收请回复R`,
        },
        next: 'wait_3d',
      },
      { id: 'wait_3d', name: '等待3天', type: 'wait', durationMs: 3 * DAY_MS, next: 'booked' },
      // Booked first: someone who booked skips the call whether or not the invitation view was tracked.
      { id: 'booked', name: '已报名？', type: 'branch_event', event: 'activity_signup', where: SEMINAR_EVENT, withinMs: 3 * DAY_MS, yes: 'venue_note', no: 'viewed' },
      { id: 'viewed', name: '看过邀请函？', type: 'branch_event', event: 'activity_view', where: SEMINAR_EVENT, withinMs: 3 * DAY_MS, yes: 'call_task', no: 'exit_not_viewed' },
      {
        id: 'call_task',
        name: '顾问电话邀约',
        type: 'agent_task',
        kind: 'call',
        title: '电话邀约并添加企业微信',
        note: `{{name}}看过${SEMINAR}的邀请函但还没有报名：请致电邀约报名，并请客户添加您的企业微信，方便会前发送地址和注意事项。`,
        dueInMs: DAY_MS,
        next: 'after_call',
      },
      // Gives the agent time to call and be added on WeCom before the first 1:1 message.
      { id: 'after_call', name: '等待电话邀约（2天）', type: 'wait', durationMs: 2 * DAY_MS, next: 'venue_note' },
      {
        id: 'venue_note',
        name: '企业微信：地址和注意事项',
        type: 'send',
        message: {
          channel: 'wecom_task',
          text: `{{name}}您好，我是您的保险顾问{{agent}}。${SEMINAR}活动地址：${ADDRESS}。注意事项：请携带身份证，提前15分钟到场签到；现场可一对一咨询养老规划，欢迎带上现有保单。有任何问题随时找我。`,
          attachments: [{ type: 'link', title: '养老规划沙龙邀请函', url: INVITATION_URL, description: '活动时间、地点与报名' }],
        },
        next: 'wait_1d',
      },
      { id: 'wait_1d', name: '等待1天', type: 'wait', durationMs: DAY_MS, next: 'reminder' },
      {
        id: 'reminder',
        name: '企业微信：会前提醒',
        type: 'send',
        message: {
          channel: 'wecom_task',
          text: `{{name}}您好，温馨提醒：${SEMINAR}就要举行了，地址：${ADDRESS}。请携带身份证提前15分钟到场，如时间有变请告诉我，我帮您安排。——{{agent}}`,
        },
        next: 'wait_attend',
      },
      // The seminar is about a month after the invitation, so the wait for attendance covers that month.
      {
        id: 'wait_attend',
        name: '等待到场（30天）',
        type: 'wait_event',
        event: 'activity_attended',
        where: SEMINAR_EVENT,
        timeoutMs: 30 * DAY_MS,
        next: 'watch_annuity',
        timeoutNext: 'exit_not_attended',
      },
      // A day at a time for two weeks after the seminar: an annuity product view wakes the wait at
      // once (the real-time notice); retirement reading is checked at the end of each day.
      {
        id: 'watch_annuity',
        name: '等待浏览养老年金产品（每天）',
        type: 'wait_event',
        event: 'view_product',
        where: { product_line: 'annuity' },
        timeoutMs: DAY_MS,
        next: 'notify_annuity',
        timeoutNext: 'read_retirement',
      },
      {
        id: 'read_retirement',
        name: '阅读了养老规划内容？',
        type: 'branch_event',
        event: 'article_read',
        where: { category: 'retirement' },
        withinMs: DAY_MS,
        yes: 'notify_retirement',
        no: 'still_watching',
      },
      { id: 'still_watching', name: '到场不满14天？', type: 'branch_event', event: 'activity_attended', where: SEMINAR_EVENT, withinMs: 14 * DAY_MS, yes: 'watch_annuity', no: 'exit_no_interest' },
      {
        id: 'notify_annuity',
        name: '实时通知顾问（养老年金产品）',
        type: 'notify_agent',
        title: '客户浏览了养老年金产品',
        body: '客户刚浏览了养老年金产品，建议立即发起沟通并做保障缺口评估',
        next: 'gap_task',
      },
      {
        id: 'notify_retirement',
        name: '通知顾问（养老规划内容）',
        type: 'notify_agent',
        title: '客户阅读了养老规划内容',
        body: '客户刚阅读了养老规划内容，建议立即发起沟通并做保障缺口评估',
        next: 'gap_task',
      },
      {
        id: 'gap_task',
        name: '顾问沟通与保障缺口评估',
        type: 'agent_task',
        kind: 'chat',
        title: '发起沟通，做保障缺口评估与计划书',
        note: '{{name}}参加了养老规划沙龙并在关注养老：请在企业微信发起沟通，做一次保障缺口评估（现有重疾保额、养老缺口），再出一份计划书。',
        dueInMs: DAY_MS,
        next: 'need_pension',
      },
      { id: 'need_pension', name: '标签：养老/年金需求', type: 'tag', group: 'insurance_need', add: ['养老/年金'], next: 'done' },
      { id: 'done', name: '已交给顾问跟进', type: 'exit', reason: '已通知顾问做保障缺口评估' },
      { id: 'exit_not_viewed', name: '未查看邀请', type: 'exit', reason: '3天内未查看邀请函' },
      { id: 'exit_not_attended', name: '未到场', type: 'exit', reason: '未参加线下活动' },
      { id: 'exit_no_interest', name: '未关注养老', type: 'exit', reason: '到场后14天内未浏览养老年金产品或养老规划内容' },
    ],
  },
};
