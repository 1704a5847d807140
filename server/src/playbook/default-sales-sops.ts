import type { KeyNodeDefinition, ProductLineOrAny, SalesSop } from './key-node.plan';

/*
 * The sales SOPs every corp starts with: five key nodes in order, the same keys for every product
 * line so reach rates compare across lines, with cues added per line. Cues are literal phrases
 * where `*` stands for up to 6 characters of the same clause (key-node.plan.ts, cueRegExp).
 *
 * 1. needs_probing (需求挖掘): the agent asks about family, income, existing cover, 社保, age, health.
 * 2. coverage_gap (保障缺口): the agent assesses the gap: 测评, 保额算一下, 保障检视.
 * 3. proposal_presented (方案呈现): a 计划书 / 方案 is sent, or the proposal was shared or viewed.
 * 4. objection_handled (异议处理): a customer objection, an agent reply, and the customer goes on.
 * 5. closing (促成): 投保链接, 核保, 下单, 付款, 确认投保, or the customer says they are ready to buy.
 */

export const defaultNodeKeys = ['needs_probing', 'coverage_gap', 'proposal_presented', 'objection_handled', 'closing'] as const;

interface LineCues {
  needs?: string[];
  gap?: string[];
  proposal?: string[];
  closing?: string[];
}

const base: Required<LineCues> = {
  needs: [
    '家里几口人',
    '家里*几个',
    '家庭*情况',
    '家庭成员',
    '结婚*吗',
    '孩子*多大',
    '孩子*几岁',
    '今年*多大',
    '多大*年纪',
    '今年*岁',
    '多少岁',
    '出生*年',
    '收入*多少',
    '收入*大概',
    '年收入',
    '房贷',
    '车贷',
    '社保*吗',
    '有没有社保',
    '医保*吗',
    '买过*保险',
    '有没有*保险',
    '已有*保单',
    '已经*配置',
    '之前*保险',
    '身体*怎么样',
    '健康*状况',
    '预算*多少',
    '预算*大概',
    '做什么工作',
    '职业*是',
  ],
  gap: ['保障缺口', '缺口', '测评', '保额*算', '算*保额', '测算', '保额*够不够', '保障检视', '保单检视', '保单*整理', '风险评估'],
  proposal: ['计划书*发', '发*计划书', '方案*发', '发*方案', '这份计划书', '这份方案', '计划书*查收', '方案*查收', '您看*计划书', '您看*方案'],
  closing: ['投保链接', '核保', '下单', '付款', '确认投保', '投保成功', '出单', '保单号', '扫码投保'],
};

function sop(productLine: ProductLineOrAny, extra: LineCues = {}): SalesSop {
  const nodes: KeyNodeDefinition[] = [
    { key: 'needs_probing', name: '需求挖掘', by: 'agent', cues: [...base.needs, ...(extra.needs ?? [])] },
    { key: 'coverage_gap', name: '保障缺口测评', by: 'agent', cues: [...base.gap, ...(extra.gap ?? [])] },
    {
      key: 'proposal_presented',
      name: '方案呈现',
      by: 'agent',
      cues: [...base.proposal, ...(extra.proposal ?? [])],
      signals: ['proposal_shared', 'proposal_viewed'],
    },
    { key: 'objection_handled', name: '异议处理', by: 'either', cues: [], signals: ['objection_handled'] },
    { key: 'closing', name: '促成投保', by: 'either', cues: [...base.closing, ...(extra.closing ?? [])], signals: ['ready_to_buy'] },
  ];
  return { productLine, nodes };
}

export const defaultSalesSops: readonly SalesSop[] = [
  sop('any'),
  sop('critical_illness', {
    needs: ['家族*病史', '体检*异常', '有没有*结节'],
    gap: ['几年*收入', '3-5年', '三到五年', '收入损失', '保额*建议'],
  }),
  sop('medical', {
    needs: ['住院', '既往症', '体检*报告', '看病*多吗'],
    gap: ['自费*部分', '社保外', '社保*报销*剩'],
  }),
  sop('annuity', {
    needs: ['退休', '养老*规划', '养老*打算', '孩子*教育', '闲钱', '闲置资金', '资金*规划', '风险偏好', '理财*习惯'],
    gap: ['养老金*缺口', '养老*缺口', '退休*缺口', '替代率', '养老*测算', '领取*测算', '现金流*规划'],
    proposal: ['利益演示', '现金价值表'],
  }),
];
