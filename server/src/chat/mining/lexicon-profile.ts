/**
 * Cues for the customer's profile: employment (the customer's own; a spouse's job does not count)
 * and family stage (the household's: 老婆怀孕了 → 孕期, 孩子刚上小学 → 子女上学).
 *
 * Decisions: 空巢 comes from the customer's own household only (孩子都成家了, 就剩我们老两口);
 * 我妈退休了 gives neither 退休 nor 空巢. 还没结婚 is a 单身 cue (a negated marriage is not
 * 新婚). 还没退休，明年退 says the customer still works (在职). A child's age decides between
 * 有幼儿 (up to 6, 幼儿园) and 子女上学 (小学 to 大学).
 */
import type { TagRule } from './insurance-lexicon';

const CHILD = '(?:孩子|娃|宝宝|宝贝|儿子|女儿|闺女|儿女|子女|小朋友|男孩|女孩|老大|老二|大宝|二宝|小宝|大的|小的|小孩|baby)';
const SMALL_NUMBER = '(?:[1-6]|[一二两三四五六])';
const MONTHS = '(?:\\d{1,2}|[一二两三四五六七八九十]{1,2}|几)个?月';

export const profileRules: readonly TagRule[] = [
  {
    group: 'employment',
    name: '在职',
    subjects: 'self',
    cues: [
      { match: /上班(?!族)|上下班|下班/, strength: 'strong' },
      { match: /上班族|打工人|朝九晚五|五险一金/, strength: 'strong' },
      { match: /(?<!你们|他们|她们|保险)(公司|单位)(每年|每个月|都|也){0,2}(有|给|交|买|发|呢)/, strength: 'medium' },
      { match: /(?<!你们|他们|她们|保险)(公司|单位)不给/, strength: 'medium', negatable: false },
      { match: /在(公司|单位)|在.{0,4}公司(做|上班|工作)/, strength: 'medium' },
      { match: /工资|月薪|年薪/, strength: 'medium' },
      { match: /国企|央企|外企|私企|民企|事业单位|体制内|公务员|加班|产假/, strength: 'medium' },
      { match: /工地|厂里|干活/, strength: 'weak' },
      { match: /(明年|今年|快|马上|过两年|还有.{1,3}年)(就)?(要)?退(?!休?了)/, strength: 'weak' },
    ],
  },
  {
    group: 'employment',
    name: '新入职',
    subjects: 'self',
    cues: [
      { match: /(刚|新|正式|下周.{0,2}|下个月)入职|入职.{0,2}(天|周|个月|不久)/, strength: 'strong' },
      { match: /试用期|转正/, strength: 'strong' },
      { match: /新工作|新单位|第一份工作|换了?(个|份)?(新)?工作|刚找到工作|刚来(这家|新)?(公司|单位)|报到/, strength: 'strong' },
      { match: /刚毕业|今年.{0,4}毕业/, strength: 'medium' },
    ],
  },
  {
    group: 'employment',
    name: '自由职业',
    subjects: 'self',
    cues: [
      { match: '自由职业', strength: 'strong' },
      { match: /freelancer|freelance|灵活就业|自由撰稿/, strength: 'strong' },
      { match: /自媒体|主播|带货|微商|代购|兼职|跑(滴滴|外卖|网约车|快递)|开网约车|送外卖/, strength: 'medium' },
      { match: /没(有)?(单位|固定工作)|接.{0,4}单|私活|接活|在家办公/, strength: 'medium' },
      { match: '收入不(固定|稳定)', strength: 'weak' },
    ],
  },
  {
    group: 'employment',
    name: '个体经营',
    subjects: 'self',
    cues: [
      { match: /个体户|个体经营|个体工商/, strength: 'strong' },
      { match: /做(点|些)?(小)?生意|摆摊|摊位|档口/, strength: 'strong' },
      { match: /(?<!离|打|召)开了?(个|家|一家|一个)?.{0,4}(店|厂|工厂|公司|工作室|饭店|餐馆|超市|诊所)/, strength: 'medium' },
      { match: /(自己)?当老板|小老板|做外贸|做买卖|搞批发|自己家?做.{1,4}的/, strength: 'medium' },
      { match: '个体', strength: 'weak', token: true },
    ],
  },
  {
    group: 'employment',
    name: '退休',
    subjects: 'self',
    cues: [
      { match: /(?<!离|快|要)退休(?!后|以后|之后|以前|前)/, strength: 'strong' },
      { match: /已经退了|退下来|(领|拿)(养老金|退休金|退休工资)/, strength: 'strong' },
    ],
  },
  {
    group: 'employment',
    name: '待业',
    subjects: 'self',
    cues: [
      { match: /待业|失业|被裁|裁员|下岗/, strength: 'strong' },
      { match: /没(有)?工作|辞(了)?职|离(了)?职|在找工作|找工作|闲着|赋闲|备考/, strength: 'medium' },
      { match: /没(有)?找到(合适的)?工作|没(有)?收入/, strength: 'medium', negatable: false },
      { match: /(没|不)上班|在家待着|闲在家/, strength: 'medium', negatable: false },
    ],
  },
  {
    group: 'family_stage',
    name: '单身',
    subjects: 'self',
    cues: [
      { match: /单身|单着|母胎solo|光棍/, strength: 'strong' },
      { match: /(还|也)?没(有)?(结婚|成家|对象|男朋友|女朋友)|未婚/, strength: 'strong', negatable: false },
      { match: /一个人(过|住|生活)|就我自己|一个人吃饱|谈恋爱|还没到结婚/, strength: 'medium' },
    ],
  },
  {
    group: 'family_stage',
    name: '新婚',
    subjects: 'self',
    cues: [
      { match: /新婚|刚结婚|刚领证|领证/, strength: 'strong' },
      { match: /结婚(才|刚|不到|没多久)|(下个月|下月|明年|年底|马上|快|准备|打算)(要)?结婚/, strength: 'strong' },
      { match: /婚礼|婚宴|办酒|喜酒|度蜜月|蜜月|结婚(才)?(一|1|半|两|2)(周)?年/, strength: 'medium' },
      { match: '结婚', strength: 'weak' },
    ],
  },
  {
    group: 'family_stage',
    name: '孕期',
    subjects: 'household',
    cues: [
      { match: /怀孕|怀了|怀上|孕妇|孕期|孕[早中晚]期|预产期|待产/, strength: 'strong' },
      { match: /((宝宝|孩子|娃|baby).{0,5})?(要|快)(出生|生了)|怀(二胎|三胎|老二)/, strength: 'strong' },
    ],
  },
  {
    group: 'family_stage',
    name: '有幼儿',
    subjects: 'family',
    cues: [
      { match: new RegExp(`${CHILD}.{0,4}(${MONTHS}|${SMALL_NUMBER}岁半?(?!以上)|半岁)`), strength: 'strong' },
      { match: new RegExp(`${SMALL_NUMBER}岁(半)?的?${CHILD}`), strength: 'strong' },
      { match: /幼儿园|满月|半岁|刚生了?|婴儿|新生儿|带娃/, strength: 'strong' },
      { match: '宝宝', strength: 'weak', token: true },
    ],
  },
  {
    group: 'family_stage',
    name: '子女上学',
    subjects: 'family',
    cues: [
      { match: /小学|初中|高中|中学|小升初/, strength: 'strong' },
      { match: /(读|在读|在上|上)大学(?!的)|考大学|高考|中考|研究生|读研|读博/, strength: 'strong' },
      { match: /年级/, strength: 'medium' },
      { match: '初一', strength: 'strong', token: true },
      { match: '初二', strength: 'strong', token: true },
      { match: '初三', strength: 'strong', token: true },
      { match: '高一', strength: 'strong', token: true },
      { match: '高二', strength: 'strong', token: true },
      { match: '高三', strength: 'strong', token: true },
      { match: new RegExp(`(?<!到|等)${CHILD}.{0,4}([7-9]|1[0-8]|[七八九]|十[一二三四五六七八]?)岁`), strength: 'medium' },
      { match: /[一两二三四五六七八九十\d]+个孩子.{0,6}一个(7|8|9|1\d|[七八九]|十.?)岁/, strength: 'medium' },
      { match: new RegExp(`${CHILD}.{0,2}(上学|读书|念书)(?!用|的钱)`), strength: 'medium' },
    ],
  },
  {
    group: 'family_stage',
    name: '空巢',
    subjects: 'family',
    cues: [
      { match: /空巢|老两口|就剩我们|就我们(俩|两个)|家里就我(跟|和)/, strength: 'strong' },
      { match: /(孩子|儿子|女儿|闺女|儿女|子女)(们)?(也|都){0,2}(工作|成家|结婚|在外地|在外面|出去|不在身边|在外面打拼|在外地打拼|有自己的家)/, strength: 'strong' },
      { match: /搬出去|不在身边|(孩子|儿女|子女)(大了)?都?不回家/, strength: 'medium' },
      { match: /(孩子|儿子|女儿|闺女)都?在(?!读|念|家|身边|上学|上小学|上初中|上高中|上大学|上幼儿园)[\u4e00-\u9fa5]{2}/, strength: 'weak' },
    ],
  },
];
