import type { ComplianceCategory, ComplianceRule, ComplianceSeverity } from './compliance.plan';

/*
 * The compliance rules every corp starts with (ids `builtin:<name>`, stable: hits and an admin's
 * "disable" refer to them). They follow the regulator's list of misleading sales talk: promising
 * or implying returns (保证收益, 稳赚), promising the principal (保本, 零风险, 刚兑), calling a policy
 * a deposit or better than one (比存款高, 当存款), superlatives (最好, 第一, 绝对), "everything is paid"
 * (100%理赔, 什么都赔), telling the customer not to declare their health, rebates, and pressure
 * (马上停售, 错过就没有). Patterns run with the flags `iu` on NFKC text (full-width forms already
 * half-width), so `%` and `,` below also stand for `％` and `，`.
 *
 * False positives are avoided where the wording is a correct disclosure or a real product feature:
 * a negation right before the phrase ("这款不保本", "不保证收益", "不是什么都赔") or a refutation
 * right after it ("保本是不可能的") is not a hit; 保证续保 (guaranteed renewal), 绝对免赔额 (a
 * deductible), 第一次 / 第一年, 无风险利率, 适当存款, "没问到的不用告知" are not hits either.
 */

/**
 * Characters a phrase may span without crossing into the next clause. The checker matches NFKC
 * text, where full-width ，！？；： are already , ! ? ; : (。 stays).
 */
const GAP = '[^,.!?;:。\\n]';
/** The same, without a negation: "本金不保证安全" must not read as "本金…安全". */
const GAP_NO_NEG = '[^不没无非,.!?;:。\\n]';
const NUMBER = '\\d+(?:\\.\\d+)?\\s*%';
/**
 * Not right after a negation: 不 非 没 无 未 别 勿 (so 并不, 也不, 绝不), 不是, 不一定, 不能, 不会, 不可能,
 * 不算, 不承诺, 不能说, 不(能)保证, 无法(保证), 并非, 没有, 谈不上 — one space allowed in between.
 */
const NOT_NEGATED = '(?<!(?:[不非没无未别勿]|不(?:是|一定|能|会|可能|算|承诺|能说)|(?:不能?|无法)保证|并非|无法|没有|谈不上)\\s?)';
/** Not refuted right after: "保本是不可能的", "稳赚？骗人的". */
const NOT_REFUTED = `(?!${GAP}{0,3}(?:不可能|不存在|骗人|是假的|做不到))`;
/** Not after a clear negation a few characters back in the same clause: "并不是所有的病都能赔". */
const NOT_NEGATED_NEARBY = `(?<!(?:不是|并非|没有|不一定)${GAP}{0,4})`;

/** `core`, unless a negation stands right before it (or, with `refuted`, a refutation right after). */
const guarded = (core: string, opts: { refuted?: boolean; nearby?: boolean } = {}): string =>
  `${NOT_NEGATED}${opts.nearby ? NOT_NEGATED_NEARBY : ''}(?:${core})${opts.refuted ? NOT_REFUTED : ''}`;

const rule = (name: string, category: ComplianceCategory, severity: ComplianceSeverity, value: string, kind: ComplianceRule['kind'] = 'pattern'): ComplianceRule => ({
  id: `builtin:${name}`,
  name,
  kind,
  value,
  category,
  severity,
  enabled: true,
});

export const defaultComplianceRules: ComplianceRule[] = [
  // 保本 and the principal
  rule('保本', 'principal_guarantee', 'high', guarded('保本', { refuted: true })),
  rule('本金安全', 'principal_guarantee', 'high', guarded(`(?:本金|本钱)(?:${GAP_NO_NEG}{0,3}绝对|${GAP_NO_NEG}{0,3})(?:安全|有保障|零损失)|(?:本金|本钱)(?:绝对|肯定)?(?:不会?亏|不会少|亏不了)`)),
  rule('零风险', 'principal_guarantee', 'high', guarded('零风险|无风险(?!利率)|没有任何风险(?!保障|意识)|毫无风险', { refuted: true })),
  rule('刚兑', 'principal_guarantee', 'high', guarded(`(?<!打破)(?:刚兑|刚性兑付)(?!${GAP}{0,4}(?:打破|破除|取消))`, { refuted: true })),

  // promised returns
  rule('稳赚', 'guaranteed_return', 'high', guarded('稳赚(?!不[赔亏])', { refuted: true })),
  rule('稳赚不赔', 'guaranteed_return', 'high', guarded('(?:稳赚|只赚)不[赔亏]', { refuted: true })),
  rule('保证收益', 'guaranteed_return', 'high', guarded(`(?:保证|确保|承诺)(?!续保)${GAP_NO_NEG}{0,3}(?:收益|回报|分红|利息)`)),
  rule('稳定收益X%', 'guaranteed_return', 'high', guarded(`稳定的?(?:收益|回报|年化)${GAP}{0,6}${NUMBER}`)),
  rule('保证年化N%', 'guaranteed_return', 'high', guarded(`(?:保证|确保|稳定|固定|稳拿)${GAP}{0,8}年化${GAP}{0,4}${NUMBER}`)),
  rule('年化N%保证', 'guaranteed_return', 'high', `年化${GAP}{0,4}${NUMBER}${GAP_NO_NEG}{0,8}(?:保证|确保|稳定|固定|稳拿)`),

  // deposits
  rule('比存款高', 'deposit_comparison', 'high', guarded(`(?<![对相类])比${GAP}{0,6}(?:存款|存银行|定期)${GAP}{0,6}(?:高|划算|好|强|多|赚|靠谱)`)),
  rule('高于存款', 'deposit_comparison', 'high', guarded(`(?:高于|超过|跑赢|秒杀|完胜)${GAP}{0,4}(?:银行)?(?:存款|定期)`)),
  rule('当存款', 'deposit_comparison', 'high', guarded('(?<![适相应妥得恰每])当[作成]?存款|替代(?:银行)?存款|(?:相当于|等于|等同于?|就是)(?:银行)?(?:存款|存银行|在?存钱)|[和跟同](?:银行)?存款一样')),

  // superlatives (广告法 bans them in advertising; in a chat they are a warning)
  rule('最好的', 'superlative', 'medium', guarded('最好的(?!话|办法|方法|方式|做法)')),
  rule('第一', 'superlative', 'medium', '(?:排名|销量|行业|全国|全球|全网|市场|业内|口碑|理赔率|性价比|保障)第一|第一(?:名|品牌)|数一数二|no\\.?\\s?1(?!\\d)'),
  rule('最便宜', 'superlative', 'medium', guarded('最便宜|最低价|价格最低')),
  rule('史上最', 'superlative', 'medium', '史上最', 'word'),
  rule('全网最低', 'superlative', 'medium', '全网最(?:低|便宜|好|优|全|划算)'),
  rule('绝对', 'superlative', 'medium', guarded('绝对(?!免赔|值|额)')),
  rule('最划算', 'superlative', 'medium', guarded('最(?:划算|优惠|靠谱|安全|强|全面)')),

  // misleading claims
  rule('100%理赔', 'misleading_claim', 'high', guarded(`(?:100\\s*%|百分之?百)${GAP}{0,3}(?:理赔|赔付|能赔|会赔|赔|通过)|(?:肯定|一定|保证|绝对)[能会]?(?:理赔|赔付|赔)`)),
  rule('什么都赔', 'misleading_claim', 'high', guarded('什么(?:病|情况)?都能?[赔保报]|啥都能?赔|都能赔|全都能?赔|包赔', { nearby: true })),
  rule(
    '不用体检随便买',
    'misleading_claim',
    'high',
    guarded(`随便[买投保]|(?:不用|不需要|无需|免)体检${GAP}{0,6}(?:都能|都可以|随便)[买投保]|(?:谁|什么人|任何人)都(?:能|可以)[买投保]|有病[也都](?:能|可以)[买投保赔]`),
  ),
  rule('不用如实告知', 'misleading_claim', 'high', `(?<!(?:没有?|未|不)问到?的?)(?:不用|不需要|不必|可以不|没必要)(?:如实)?告知|隐瞒${GAP}{0,6}(?:没事|没关系|也行|不要紧|查不到)|(?:保险公司|他们)查不到`),
  rule('返佣', 'misleading_claim', 'high', `返(?:佣金?|现|点)|(?:投保|买|下单)${GAP}{0,6}送(?:现金|红包|购物卡|礼品卡)|[退返给][您你]${GAP}{0,4}(?:佣金|手续费)`),
  rule('国家兜底', 'misleading_claim', 'high', guarded(`(?:国家|政府|银保监会?|监管)(?:兜底|担保|背书)|国家(?:强制|规定|要求)${GAP}{0,4}(?:必须|都要|一定要)(?:买|投保)`)),
  rule('说成理财或存款产品', 'misleading_claim', 'medium', guarded('(?:这|它|这款|这个)就?是(?:一款|一种|一个)?(?:银行)?(?:理财产品|存款产品|基金)')),
  rule(
    '停售涨价催促',
    'misleading_claim',
    'medium',
    `(?:马上|即将|快要?|就要|下个?月|月底|明天|下周|过几天)${GAP}{0,4}(?:停售|下架|涨价|恢复原价)|(?:最后|仅剩|只剩)\\s*\\d+\\s*(?:天|个名额|个?小时)`,
  ),
  rule('错过就没有', 'misleading_claim', 'medium', '错过[就了]?(?:再也)?(?:没有|买不到|没机会)|限时(?:抢购|秒杀|特价)|手慢无'),
];
