/**
 * Cues for the insurance_need group: which kind of cover the customer is interested in, for
 * themselves or their family (给爸妈买医疗险 is the customer's need; 我朋友买了重疾险 is not).
 * 储蓄/理财 map to no tag: the shipped dictionary has none for savings (see candidate phrases).
 * 增额终身寿 is filed under 寿险, its legal type, not under 养老/年金.
 */
import type { TagRule } from './insurance-lexicon';

export const needRules: readonly TagRule[] = [
  {
    group: 'insurance_need',
    name: '重疾险',
    subjects: 'family',
    cues: [
      { match: '重疾', strength: 'strong' },
      { match: '重急险', strength: 'strong' }, // the pinyin typo (zhongji) is common
      { match: '重大疾病', strength: 'strong' },
      { match: '防癌', strength: 'medium' },
      { match: /得(了)?.{0,4}癌|癌症|恶性肿瘤/, strength: 'medium' },
      { match: /大病(险|保险|保障)?/, strength: 'medium' },
      { match: '多次赔付', strength: 'weak' },
    ],
  },
  {
    group: 'insurance_need',
    name: '医疗险',
    subjects: 'family',
    cues: [
      { match: '医疗险', strength: 'strong' },
      { match: '百万医疗', strength: 'strong' },
      { match: /(少儿|中端|高端|住院|门诊|补充)医疗/, strength: 'strong' },
      { match: '惠民保', strength: 'medium' },
      { match: '好医保', strength: 'medium' },
      { match: /报(销)?(住院|医疗|医药|门诊)(费)?|住院(费)?(能)?报销/, strength: 'medium' },
      { match: '医疗', strength: 'weak', token: true },
    ],
  },
  {
    group: 'insurance_need',
    name: '意外险',
    subjects: 'family',
    cues: [
      { match: '意外险', strength: 'strong' },
      { match: /综合意外|交通意外/, strength: 'strong' },
      { match: /(出|怕|防)意外/, strength: 'medium' },
      { match: '意外', strength: 'weak', token: true },
    ],
  },
  {
    group: 'insurance_need',
    name: '寿险',
    subjects: 'family',
    cues: [
      { match: '寿险', strength: 'strong' },
      { match: /定寿|终身寿|增额寿/, strength: 'strong' },
      { match: '身故', strength: 'medium' },
      { match: '顶梁柱', strength: 'medium' },
      { match: /万一我(走了|不在了|没了|有个?(啥|什么|三长两短)(事)?)/, strength: 'medium' },
      { match: '三长两短', strength: 'weak' },
      { match: /(要是|万一|如果)我?(出(了)?(什么|啥)?事|走了|不在了|没了)|房贷(谁|怎么)还/, strength: 'medium' },
    ],
  },
  {
    group: 'insurance_need',
    name: '养老/年金',
    subjects: 'family',
    cues: [
      { match: '年金', strength: 'strong' },
      { match: /(?<!领|拿)养老(险|保险|金|钱|的|计划)/, strength: 'strong' },
      { match: /(?<!领|拿)养老(?!金)/, strength: 'medium' },
      { match: /(5\d|6\d|7\d|五十|六十|七十)岁?(以后|之后|开始)?.{0,4}(每年|每月|按月|按年)领/, strength: 'medium' },
      { match: /退休(以?后|之后).{0,6}(领|的钱|用)/, strength: 'medium' },
    ],
  },
  {
    group: 'insurance_need',
    name: '教育金',
    subjects: 'family',
    cues: [
      { match: '教育金', strength: 'strong' },
      { match: '教育基金', strength: 'strong' },
      { match: '学费', strength: 'medium' },
      { match: /(上大学|读大学|留学|出国|读书|上学)(用)?的?(钱|费用)|存钱.{0,6}(读书|上学|上大学)/, strength: 'medium' },
    ],
  },
];
