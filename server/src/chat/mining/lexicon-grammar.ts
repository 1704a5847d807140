/**
 * The sentence-level words the miner needs besides the cues: negation, people, having cover,
 * budget amounts, stop words. Data only; how they are used is in conversation-miner.plan.ts and
 * budget.plan.ts.
 */
import type { BudgetGrammar, Grammar } from './insurance-lexicon';

const CHILD = '孩子|小孩|娃|宝宝|宝贝|儿子|女儿|闺女|儿女|子女|小朋友|男孩|女孩|老大|老二|大宝|二宝|baby';
const SPOUSE = '孩子他爸|孩子他妈|孩子爸|孩子妈|老公|老婆|老头子|老伴|老太婆|爱人|媳妇|丈夫|妻子|先生|太太';
const OTHER = '朋友|同事|闺蜜|同学|邻居|亲戚|领导|哥们|爸妈|父母|爷爷|奶奶|外公|外婆|公公|婆婆|岳父|岳母|哥|姐(?!姐)|弟|妹|爸|(?<!宝)妈|他们|她们|(?<!其)他|她';

export const grammar: Grammar = {
  negator: /不|没|别|未|无需|无须/g,
  negationWindow: 6,
  notNegation: /差不多|不错|不少|不好意思|没事|不管|不然|不过|要不|不一定|不太懂|忍不住|了不起|来不及|不到|没多久|不久|不同|不知道/g,
  persons: {
    spouse: new RegExp(SPOUSE),
    child: new RegExp(CHILD),
    other: new RegExp(OTHER),
    self: /我们|我|咱们|咱|自己|俺/,
  },
  continuesSubject: /^(也|又|一直)/,
  beneficiaryBefore: /(给|帮|替|为|跟|和|与|同|陪|让|问问|问|带)我?$/,
  addressedToCustomer: /您(?!好)/,
  possessionBefore: /(已经|早就|早已|去年|之前|以前)[^，,。]{0,8}(买|有|配|办)(了|过)?|买(了|过)|已经有|有(一|两)?份|(公司|单位|家里|都|也|我)有(?!没|点|些|什么|个)|(公司|单位).{0,6}(给|帮)(我们|我)?(上|买|交)(了)?/g,
  possessionAfter: /^[^，,。]{0,2}(买(了|过)|有了)(?![吗么没])|^[^，,。买]{0,3}(就)?够(了|用)(?![吗么])/,
  topUp: /加保|加一份|再买一份|再加一|还要不要(买|加)|还需要(买|加)?/,
  clauseSeparator: /[，,。！!？?；;~～、…\s]/,
};

export const budgetGrammar: BudgetGrammar = {
  budgetWords: /预算|以内|之内|左右|上下|能接受|可以接受|最多|不超过|能拿出|拿出|可以吗|的话|能配|能买|加起来|之间|以上|存/,
  notBudgetBefore: /方案|这款|产品|工资|月薪|年薪|收入|到手|退休金|养老金|保额|赔|贷款|房贷|车贷|房子|别家|保费|报价|花了|欠|赚|挣|医药费|住院费|看病|领|才$|要交?$/,
  notBudgetAfter: /^(的)?(保额|房子|房|车|贷款|工资|收入|赔|额度|的保障)/,
  upperBoundBefore: /(最多|不超过|顶多|至多|封顶)[^，,。]{0,3}$/,
  upperBoundAfter: /^(块钱?|元)?(以内|之内|以下|内)/,
  perMonth: /月缴|月交|每月|每个月|一个月|按月/g,
  perYear: /年缴|年交|每年|一年|按年/g,
  oneOff: /一次性|趸交/g,
  bands: [
    { name: '年缴5千以下', from: 0, to: 5_000 },
    { name: '年缴5千-2万', from: 5_000, to: 20_000 },
    { name: '年缴2万-5万', from: 20_000, to: 50_000 },
    { name: '年缴5万以上', from: 50_000, to: Number.POSITIVE_INFINITY },
  ],
};

/** Function words, chat fillers and words too generic to become a tag. */
export const stopWords: ReadonlySet<string> = new Set(
  (
    '的 了 吗 呢 吧 啊 呀 哦 哈 嗯 嘛 么 啦 呗 哇 喔 噢 诶 额 嗷 我 你 他 她 它 您 我们 你们 他们 她们 咱们 自己 ' +
    '是 在 有 就 都 也 还 和 跟 与 及 或 这 那 这个 那个 这些 那些 这种 那种 这款 那款 这样 那样 一下 一个 个 ' +
    '什么 怎么 怎么样 怎样 多少 哪 哪个 哪些 哪里 为什么 可以 能 会 要 想 给 把 被 让 没 不 很 太 好 好的 挺 ' +
    '谢谢 请问 您好 你好 在吗 可能 应该 觉得 知道 现在 已经 一些 有点 比较 还是 或者 然后 但是 因为 所以 如果 ' +
    '的话 大概 左右 感觉 问问 看看 哈哈 哈哈哈 嗯嗯 好吧 好滴 ok 之前 以后 时候 里 上 下 些 吗吗 收到 ' +
    '没有 不是 是不是 能不能 有没有 要不要 一样 一点 一起 主要 其实 真的 特别 非常 还有 再 又 才 刚 都是 ' +
    '保险 买 问 说 看 做 交 来 去 过 得 地 着 吧吧 多 少 老师 顾问 朋友 东西 事 事情 情况 问题 需要 不用 ' +
    '准备 了解 想要 打算 考虑 知道 告诉 推荐 咨询 选择 适合 合适 建议 一般 平时 最近 目前 今年 明年 去年 ' +
    '以前 之后 后来 现在 刚刚 已经 马上 时间 家里 在家 公司 单位 工作 家人 全家 自己 大家 别人 身边 那边 这边 ' +
    '可以吗 行吗 好吗 对吗 是吗 谢谢你 辛苦 麻烦 不好意思 一下子 一次 一份 一款 几款 哪款 产品 保障 之类 ' +
    '以内 以上 以下 左右 暂时 直接 多久 开了个 有个 这么 那么 怎么办 还能 能够 应该'
  ).split(/\s+/),
);
