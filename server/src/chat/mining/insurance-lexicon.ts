/**
 * The insurance domain knowledge the conversation miner runs on: data only. The cue lists live in
 * one file per group of labels (`lexicon-*.ts`); this file holds the types, the extra jieba
 * dictionary words and the assembled default lexicon.
 *
 * A cue is a word, a phrase or a pattern that, found in a customer's sentence, says "this label".
 * Its strength says how sure one such cue makes us (strong 0.9, medium 0.7, weak 0.5). The miner
 * (conversation-miner.plan.ts) then applies negation, who-is-the-subject and question rules.
 */
import { intentRules, objectionRules } from './lexicon-intents-objections';
import { needRules } from './lexicon-needs';
import { budgetGrammar, grammar, stopWords } from './lexicon-grammar';
import { profileRules } from './lexicon-profile';

export type CueStrength = 'strong' | 'medium' | 'weak';
export const cueConfidence: Readonly<Record<CueStrength, number>> = { strong: 0.9, medium: 0.7, weak: 0.5 };

export interface Cue {
  /** A literal phrase (found anywhere in a clause) or a pattern (no flags needed; matched globally). */
  readonly match: string | RegExp;
  readonly strength: CueStrength;
  /** Literal cue that must be a whole jieba token (老大 in 老大难, 大一 in 大一点 do not count). */
  readonly token?: boolean;
  /** False for cues that are themselves negative or negation-proof (不急, 没钱). Default true. */
  readonly negatable?: boolean;
}

/**
 * Whose situation a cue may describe. `self`: only the customer (a sentence whose subject is
 * someone else, 我妈退休了, does not count); `household`: the customer or their spouse;
 * `family`: also their children; `any`: anyone (objections and intents the customer relays).
 */
export type SubjectPolicy = 'self' | 'household' | 'family' | 'any';

export type TagGroup = 'insurance_need' | 'employment' | 'family_stage' | 'budget';
export type ObjectionName = '价格' | '信任' | '已有保障' | '再考虑';
export type IntentName = 'asks_price' | 'asks_claims' | 'asks_proposal' | 'ready_to_buy';

export interface LabelRule<G extends string = string, N extends string = string> {
  readonly group: G;
  readonly name: N;
  readonly subjects: SubjectPolicy;
  readonly cues: readonly Cue[];
}

export type TagRule = LabelRule<Exclude<TagGroup, 'budget'>, string>;
export type ObjectionRule = LabelRule<'objection', ObjectionName>;
export type IntentRule = LabelRule<'intent', IntentName>;

/** Words and patterns the miner's sentence rules need (see lexicon-grammar.ts). */
export interface Grammar {
  /** Negators looked for just before a cue in the same clause. */
  readonly negator: RegExp;
  /** How many characters before a cue a negator may stand. */
  readonly negationWindow: number;
  /** Words with 不/没 inside that negate nothing (差不多, 不错) and A-not-A questions (能不能). */
  readonly notNegation: RegExp;
  /** People a clause can be about, by kind; `self` is 我/我们/自己. */
  readonly persons: Readonly<Record<'self' | 'spouse' | 'child' | 'other', RegExp>>;
  /** A clause starting so continues the previous clause's subject (也在推重疾). */
  readonly continuesSubject: RegExp;
  /** Markers before a person that make them the beneficiary or companion, not the subject (给她买). */
  readonly beneficiaryBefore: RegExp;
  /** An utterance addressed to the customer (您 other than 您好): an agent speaking, so no profile or objection. */
  readonly addressedToCustomer: RegExp;
  /** Having cover already: 已经买了 / 买过 / 已经有 … before a product, or 惠民保买了 after it. */
  readonly possessionBefore: RegExp;
  readonly possessionAfter: RegExp;
  /** Wanting more on top of what one has (加保): the products one has are needs again. */
  readonly topUp: RegExp;
  /** Clause separators (a dot between digits is a decimal point, not a separator). */
  readonly clauseSeparator: RegExp;
}

export interface BudgetGrammar {
  /** Words that make an amount a budget (预算, 以内, 左右, 能接受 …). */
  readonly budgetWords: RegExp;
  /** Words near an amount that make it something else: income, cover, a loan, a quoted price. */
  readonly notBudgetBefore: RegExp;
  readonly notBudgetAfter: RegExp;
  /** An amount that is a ceiling (最多/不超过 before it, 以内/以下 after it). */
  readonly upperBoundBefore: RegExp;
  readonly upperBoundAfter: RegExp;
  readonly perMonth: RegExp;
  readonly perYear: RegExp;
  /** One-off payment (趸交): counted as one year's budget. */
  readonly oneOff: RegExp;
  /** Budget bands, lower bound inclusive, in yuan per year. */
  readonly bands: ReadonlyArray<{ name: string; from: number; to: number }>;
}

export interface InsuranceLexicon {
  /** Extra jieba dictionary lines: word, frequency, part-of-speech tag. */
  readonly dictionaryWords: ReadonlyArray<readonly [word: string, freq: number, tag: string]>;
  readonly tagRules: readonly TagRule[];
  readonly objectionRules: readonly ObjectionRule[];
  readonly intentRules: readonly IntentRule[];
  readonly grammar: Grammar;
  readonly budget: BudgetGrammar;
  /** Words that are never candidate phrases. */
  readonly stopWords: ReadonlySet<string>;
}

const F = 200_000; // high enough that the word always wins over splitting it (jieba picks the likeliest path)

/** Insurance words jieba's default dictionary splits (重疾险 → 重/疾/险 in precise mode). */
export const insuranceDictionaryWords: InsuranceLexicon['dictionaryWords'] = [
  ...[
    '重疾险', '重疾', '重急险', '重大疾病', '防癌险', '百万医疗', '医疗险', '少儿医疗', '中端医疗', '高端医疗',
    '住院医疗', '补充医疗', '意外险', '综合意外', '年金险', '年金', '养老险', '养老金', '增额终身寿', '增额寿',
    '终身寿险', '终身寿', '定期寿险', '定寿', '寿险', '教育金', '教育基金', '储蓄险', '惠民保', '好医保', '团险',
    '商业险', '商业保险', '社保', '医保', '等待期', '免赔额', '保费', '保额', '计划书', '核保', '理赔', '拒赔',
    '续保', '退保', '投保', '健康告知', '现金价值', '多次赔付', '轻症', '身故', '全残', '趸交', '年缴', '月缴',
    '年交', '月交', '出险', '宝宝', '二胎', '三胎', '预产期', '孕早期', '孕中期', '孕晚期', '试用期', '自由职业',
    '个体户', '灵活就业', '自媒体', '老两口', '超预算', '智商税', '性价比', '顶梁柱', '甲状腺结节', '乳腺结节',
  ].map((w) => [w, F, 'n'] as const),
  ...['考虑考虑', '商量商量', '再想想', '回头再说'].map((w) => [w, F, 'v'] as const),
];

/** The lexicon the product ships with. */
export const defaultLexicon: InsuranceLexicon = {
  dictionaryWords: insuranceDictionaryWords,
  tagRules: [...needRules, ...profileRules],
  objectionRules,
  intentRules,
  grammar,
  budget: budgetGrammar,
  stopWords,
};
