/**
 * Cues for objections (the dictionary's objection group) and for intents. Patterns see one clause
 * with its closing punctuation, so `[?？]` marks a question. Objections and intents count whoever
 * the sentence is about (我同事说保险是智商税 is the customer relaying a trust objection), except
 * 已有保障, which is the cover of the customer's household (孩子学校已经有了 counts; 我哥说他们公司有团险
 * does not).
 *
 * Having a product already (已经有百万医疗了, 惠民保买了) is also found by the miner's possession
 * rule, which turns a need into 已有保障.
 */
import type { IntentRule, ObjectionRule } from './insurance-lexicon';

const END = '(?=[，,。.！!？?\\s~～]|$)';

export const objectionRules: readonly ObjectionRule[] = [
  {
    group: 'objection',
    name: '价格',
    subjects: 'any',
    cues: [
      { match: /(?<!(看病|药费|医药费|住院费|看病也)(太|好|真|有点|这么|那么)?)(太贵|好贵|真贵|有点(小)?贵|小贵|贵了|这么贵|那么贵|贵死)/, strength: 'strong' },
      { match: /超(出)?(了)?(我的)?预(算|期)/, strength: 'strong' },
      { match: /便宜(一)?点|便宜些|便宜的|更便宜|低配/, strength: 'strong' },
      { match: /(价格|价钱|保费).{0,4}(接受不了|不能接受|不太能接受|太高|高了|偏高|有点高)/, strength: 'strong' },
      { match: /打(个)?折|有(没有)?折扣|优惠(点|一点|吗)/, strength: 'medium' },
      { match: /性价比(一般|不高|太低|低|差|不行)/, strength: 'medium' },
      { match: /划不来|不划算|不值(得|当)?(?!得买吗)/, strength: 'medium', negatable: false },
      { match: /买不起|交不起|没钱|钱不够|手头.{0,2}紧|经济压力|哪有钱|开销(大|太大)|钱(有点|太)多|少点钱|吃力|负担(太|有点)?重|(万|千|块|钱|费|交|缴)压力(有点|太|挺|很)?大/, strength: 'medium', negatable: false },
      { match: /别家(才|只要)|别(人)?家.{0,8}便宜/, strength: 'medium' },
    ],
  },
  {
    group: 'objection',
    name: '信任',
    subjects: 'any',
    cues: [
      { match: /骗人|骗子|骗钱|忽悠|智商税|套路|割韭菜|收割/, strength: 'strong', negatable: false },
      { match: /理赔.{0,4}难|赔(钱)?的时候(就)?难|拒赔|(?<!赔)不赔|没赔下来|不给赔|找理由|扯皮|推诿|拖(很久|好久|着)|找不到人|哪会(真的)?赔|(交|等).{0,10}倒闭/, strength: 'strong', negatable: false },
      { match: /靠谱吗|靠不靠谱|正规吗|正不正规|可靠吗|安全吗|稳定吗|会不会倒闭|倒闭(吗|怎么办|了怎么办)|跑路/, strength: 'strong' },
      { match: /(?<!不是)不(太)?(相信|信任)|不靠谱|(?<!不是)不信|没(什么)?好感|反感/, strength: 'strong', negatable: false },
      { match: /大公司吗/, strength: 'medium' },
      { match: '坑', strength: 'medium', token: true },
      { match: /没(怎么)?听(说|过)过/, strength: 'weak' },
    ],
  },
  {
    group: 'objection',
    name: '已有保障',
    subjects: 'family',
    cues: [
      { match: /已经.{0,6}(买|配|上|办)(了|过)|早就买了|买过了|(去年|之前|以前)(就)?.{0,4}买(过|了)(?!.{0,2}(房|车))/, strength: 'strong' },
      { match: /有(社保|医保|团险|补充医疗|惠民保|商业险|合作医疗|新农合)(?![吗么没])/, strength: 'strong' },
      { match: /(社保|医保|团险|医疗|惠民保|新农合|保险|险)(都|也)?(已经)?有了(?![吗么没])|(已经|都|也)有了(?![吗么没])/, strength: 'strong' },
      { match: /(?<!你们|他们|她们|保险)(公司|单位)(有|给(我们)?(买|交|上)了?)(团险|保险|补充医疗|医疗|商业险)/, strength: 'strong' },
      { match: /(给|帮)(我|我们|全家|家里|孩子)(都)?(买|配|上)(齐了|了|过)/, strength: 'strong' },
      { match: /重复了|不用再买|没必要再买/, strength: 'medium', negatable: false },
      { match: /(学校|单位|公司).{0,4}(统一)?(交|买|上)了/, strength: 'medium' },
    ],
  },
  {
    group: 'objection',
    name: '再考虑',
    subjects: 'any',
    cues: [
      { match: /再想想|想一想|想一下|我想想|琢磨|斟酌|掂量|合计合计|犹豫/, strength: 'strong' },
      { match: /(后|以后|之后|明年|下次|回头)再买/, strength: 'strong' },
      { match: /考虑考虑|考虑一下|考虑下|再考虑/, strength: 'strong' },
      { match: '商量', strength: 'strong' },
      { match: /回头(再)?(说|聊|看|联系)|再说|以后再|下次再|改天再|过段时间|过阵子|过两天再|(下个月|下周|过几天|过两天)再(联系|聊|说|看)/, strength: 'strong' },
      { match: /等.{1,8}再(说|看|买|考虑)/, strength: 'strong' },
      { match: /(问问|听听)(我)?.{0,3}(爸妈|老公|老婆|家里|家人|父母|媳妇|爱人|意见)|(要|得)问(问)?我?(老公|老婆|家里人?|家人|爸妈|父母|媳妇|爱人)|做不了主/, strength: 'strong' },
      { match: /(跟|和|同)我?(孩子他爸|孩子他妈|孩子爸|孩子妈|老公|老婆|老伴|家里人?|家人|爸妈|父母|媳妇|爱人)(说|讨论|聊|沟通)/, strength: 'medium' },
      { match: /等我?.{0,6}(忙完|有空|发工资|发了工资|年终奖|稳定|转正)/, strength: 'medium' },
      { match: /看看别家|(暂时|先|现在)不考虑|先不买|先不用|不急|不着急|先等等|再等等|等等吧|再看看|年后/, strength: 'medium', negatable: false },
      { match: /研究一下|研究研究/, strength: 'medium' },
      { match: /(明天|回头|晚点|过两天)给你(答复|回复)/, strength: 'medium' },
    ],
  },
];

export const intentRules: readonly IntentRule[] = [
  {
    group: 'intent',
    name: 'asks_price',
    subjects: 'any',
    cues: [
      { match: /多少钱|几多钱|啥价|什么价|价位|(价钱|价格)(是)?多少|贵不贵|报(个)?价|费率|保费.{0,6}(涨|固定|变)/, strength: 'strong' },
      { match: /交多少(?!年)|保费(怎么算|多少|是多少|大概多少)|怎么收费|费用(多少|怎么算)/, strength: 'strong' },
      { match: /多少一年|一年(得|要)?多少(?!年)|(得|要)多少(钱)?(?!年)[吗啊呀呢?？]?$/, strength: 'medium' },
    ],
  },
  {
    group: 'intent',
    name: 'asks_claims',
    subjects: 'any',
    cues: [
      { match: /怎么(理赔|赔|报销|报)|如何(理赔|赔|报销)|理赔(流程|材料|手续|步骤|要|需要|多久|怎么|大概|快|慢|速度|时效)/, strength: 'strong' },
      { match: /(能|可以|会)(赔|报销?|保)[^，,。]{0,6}(吗|么|[?？])|垫(付|钱)|赔(吗|么)|赔不赔|报不报|能不能(赔|报)|管不管|保不保/, strength: 'strong' },
      { match: /(报销?|赔)多少|报销比例|赔付比例|(多久|多长时间)(能|可以)?到账|一次性赔|分(几)?次赔/, strength: 'strong' },
      { match: /出险了?.{0,4}(打|找|怎么|联系)/, strength: 'strong' },
      { match: /(免赔额?|等待期)[^，,。]{0,6}(吗|么|多久|多少|多长|几天|[?？])/, strength: 'medium' },
    ],
  },
  {
    group: 'intent',
    name: 'asks_proposal',
    subjects: 'any',
    cues: [
      { match: /(发|给|出|做|来|整)(个|一个|一份|份|一下|我)[^，,。]{0,6}(计划书|方案|规划|plan)/, strength: 'strong' },
      { match: /(计划书|方案|plan)[^，,。]{0,4}(发我|给我|发一下|发过来)|发我一份|发一份给我/, strength: 'strong' },
      { match: /(帮|给|替)(我们家|我家|我们|我)?.{0,2}(配置|规划|算一下|算算|设计|搭配|出个)/, strength: 'strong' },
      { match: /配置建议|建议书|保障明细|方案明细|(做|出|整)(个)?表|对比(一)?下|推荐(一个|个)?(组合|方案|搭配)/, strength: 'medium' },
      { match: /有没有.{0,8}(方案|计划书)/, strength: 'medium' },
    ],
  },
  {
    group: 'intent',
    name: 'ready_to_buy',
    subjects: 'any',
    cues: [
      { match: /怎么(付款|付钱|支付|交钱|交费|缴费|投保|下单|操作)|在哪(里|儿)?(下单|付款|买|投保)/, strength: 'strong' },
      { match: /下单|付款|转账|转你|直接投保|我(想|要)投保|帮我投保|投保吧|发(个)?链接|链接(发|给)|投保链接|合同发我/, strength: 'strong' },
      { match: /(现在|马上|今天)就?(可以)?(交钱|付钱|付款|转账|办)|(就|那)办(了)?吧|就(选|要|买)(这|那|第)/, strength: 'strong' },
      { match: /我签|签字|今天就(办|买|签)|(?:^|就|那|我|决)定(了|这个|这款)|这么定了|帮我办|填好了|就这(款|个)(吧|了)|就按这个|就它了|买上吧|给我(办|上)(吧|了)/, strength: 'strong' },
      { match: new RegExp(`我(就)?买了?${END}`), strength: 'strong' },
      { match: '怎么买', strength: 'weak' },
    ],
  },
];
