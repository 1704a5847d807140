import type { ScoringModel } from '@lodestar/shared';

/**
 * The scoring rules a corp starts with (seed 000's lead operations): fit from who the customer is
 * and what cover they lack, engagement from what they did and said lately. Admins edit them.
 */
export const defaultScoringModel: ScoringModel = {
  rules: [
    // Fit: the people an agent can help most.
    { id: 'fit_age', kind: 'age', dimension: 'fit', name: '主力投保年龄 28–50 岁', min: 28, max: 50, points: 20 },
    { id: 'fit_wecom', kind: 'reachable', dimension: 'fit', name: '已加企业微信', via: 'wecom', points: 15 },
    { id: 'fit_phone', kind: 'reachable', dimension: 'fit', name: '有手机号', via: 'phone', points: 5 },
    { id: 'fit_orphan', kind: 'policy', dimension: 'fit', name: '孤儿单客户', orphan: true, points: 25 },
    { id: 'fit_ci_gap', kind: 'policy', dimension: 'fit', name: '重疾保额 ≤ 80 万（保障缺口）', line: 'critical_illness', coverAtMost: 800_000, points: 20 },
    { id: 'fit_no_medical', kind: 'policy', dimension: 'fit', name: '没有医疗险', line: 'medical', none: true, points: 10 },
    { id: 'fit_family', kind: 'tag', dimension: 'fit', name: '家庭责任期', group: 'family_stage', tag: '有幼儿', points: 10 },
    // Engagement: what they did and said, fading with time.
    { id: 'eng_need', kind: 'tag', dimension: 'engagement', name: '表达过保险需求', group: 'insurance_need', sources: ['conversation', 'manual'], points: 25, halfLifeDays: 30 },
    { id: 'eng_need_behaviour', kind: 'tag', dimension: 'engagement', name: '行为显示保险需求', group: 'insurance_need', sources: ['behaviour'], points: 10, halfLifeDays: 14 },
    { id: 'eng_objection_price', kind: 'tag', dimension: 'engagement', name: '价格异议', group: 'objection', tag: '价格', sources: ['conversation'], points: -10, halfLifeDays: 30 },
    { id: 'eng_view_ci', kind: 'event', dimension: 'engagement', name: '浏览重疾险产品', event: 'view_product', where: { product_line: 'critical_illness' }, withinDays: 30, points: 6, halfLifeDays: 7, maxPoints: 25 },
    { id: 'eng_calculator', kind: 'event', dimension: 'engagement', name: '使用保费测算', event: 'use_calculator', withinDays: 30, points: 10, halfLifeDays: 10, maxPoints: 20 },
    { id: 'eng_proposal', kind: 'event', dimension: 'engagement', name: '索取计划书', event: 'request_proposal', withinDays: 30, points: 25, halfLifeDays: 14, maxPoints: 25 },
    { id: 'eng_activity', kind: 'event', dimension: 'engagement', name: '报名活动', event: 'activity_signup', withinDays: 60, points: 8, halfLifeDays: 21, maxPoints: 16 },
    { id: 'eng_checkin', kind: 'event', dimension: 'engagement', name: '签到', event: 'check_in', withinDays: 14, points: 1, halfLifeDays: 7, maxPoints: 8 },
    // The intent model's probability (its predictive tag), points × probability.
    { id: 'eng_predicted', kind: 'tag', dimension: 'engagement', name: '模型预测高意向', group: 'predicted_intent', tag: '高意向', sources: ['model'], points: 25 },
    { id: 'eng_stage', kind: 'stage', dimension: 'engagement', name: '需求已明确', stages: ['need_clarified'], points: 15 },
  ],
  grades: { A: { fit: 50, engagement: 50 }, B: { fit: 35, engagement: 25 }, C: { fit: 20, engagement: 0 } },
};
