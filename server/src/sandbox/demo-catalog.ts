import type { ProductLine } from '../customers';

/** Fixed demo content: products, activities, articles and talk scripts of a fictional insurer. */
export const demoProducts: { code: string; name: string; line: ProductLine; minCover: number; maxCover: number; premiumFrom: number; description: string }[] = [
  { code: 'CI-ANXIN', name: '安心重疾险（2026版）', line: 'critical_illness', minCover: 100_000, maxCover: 1_000_000, premiumFrom: 2_800, description: '覆盖120种重疾、50种中症、40种轻症，确诊即赔。' },
  { code: 'CI-YOUTH', name: '青春无忧重疾险', line: 'critical_illness', minCover: 100_000, maxCover: 500_000, premiumFrom: 900, description: '为18-35岁年轻人设计的高性价比重疾保障。' },
  { code: 'MED-BAIWAN', name: '百万医疗险', line: 'medical', minCover: 2_000_000, maxCover: 6_000_000, premiumFrom: 300, description: '一般医疗200万、重疾医疗400万，住院医疗费用报销。' },
  { code: 'ACC-QUANJIA', name: '全家意外险', line: 'accident', minCover: 100_000, maxCover: 1_000_000, premiumFrom: 150, description: '意外身故伤残、意外医疗，一人投保全家共享。' },
  { code: 'TRV-JIAOTONG', name: '综合交通意外险', line: 'travel_accident', minCover: 500_000, maxCover: 2_000_000, premiumFrom: 99, description: '飞机、火车、轮船、汽车、网约车出行意外全覆盖。' },
  { code: 'LIFE-DINGQI', name: '守护定期寿险', line: 'life', minCover: 500_000, maxCover: 3_000_000, premiumFrom: 600, description: '家庭经济支柱的定期寿险，保障至60或70岁。' },
  { code: 'ANN-YANGLAO', name: '福享养老年金', line: 'annuity', minCover: 100_000, maxCover: 5_000_000, premiumFrom: 10_000, description: '60岁起按年领取养老金，锁定终身现金流。' },
  { code: 'ANN-ZENGE', name: '稳盈增额终身寿', line: 'annuity', minCover: 100_000, maxCover: 5_000_000, premiumFrom: 20_000, description: '有效保额逐年复利递增，兼顾养老与传承。' },
  { code: 'EDU-CHENGZHANG', name: '成长教育金', line: 'education', minCover: 50_000, maxCover: 1_000_000, premiumFrom: 5_000, description: '高中、大学阶段按约定领取教育金。' },
];

export const demoActivities: { kind: 'online' | 'offline'; type: 'lottery' | 'quiz' | 'checkin_challenge' | 'seminar' | 'health_talk'; title: string; description: string; startsInDays: number; days: number; location: string | null; capacity: number | null }[] = [
  { kind: 'online', type: 'checkin_challenge', title: '连续签到7天领好礼', description: '每天签到攒积分，连续7天即可领取定制保温杯。', startsInDays: -3, days: 30, location: null, capacity: null },
  { kind: 'online', type: 'lottery', title: '周五幸运大抽奖', description: '完成7天签到的用户可参与，奖品含体检卡、出行礼包。', startsInDays: 0, days: 7, location: null, capacity: null },
  { kind: 'online', type: 'quiz', title: '保险知识挑战赛', description: '10道题测一测你的保障知识，答对8题得积分。', startsInDays: 0, days: 14, location: null, capacity: null },
  { kind: 'offline', type: 'seminar', title: '养老规划沙龙：退休后的现金流', description: '资深规划师讲解养老金、年金与增额寿的搭配。', startsInDays: 30, days: 1, location: '上海市浦东新区世纪大道100号 12楼报告厅', capacity: 80 },
  { kind: 'offline', type: 'health_talk', title: '三甲医生健康讲座：心脑血管早筛', description: '心内科主任医师讲解早筛要点，现场提供血压检测。', startsInDays: 21, days: 1, location: '广州市天河区珠江新城华夏路8号 3楼多功能厅', capacity: 120 },
  { kind: 'offline', type: 'seminar', title: '子女教育金规划分享会', description: '从幼儿园到大学，教育费用怎么提前准备。', startsInDays: 45, days: 1, location: '北京市朝阳区建国路88号 5楼', capacity: 60 },
];

/** What the mini-program's online activities play with: the quiz's questions (with answers) and the lottery's prizes. */
export const demoQuiz: ReadonlyArray<{ question: string; options: string[]; answer: number }> = [
  { question: '重疾险确诊后通常怎么赔付？', options: ['一次性给付保额', '按发票报销', '按住院天数补贴'], answer: 0 },
  { question: '百万医疗险主要解决什么问题？', options: ['身故保障', '大额医疗费用', '养老现金流'], answer: 1 },
  { question: '家庭投保一般先给谁买？', options: ['孩子', '老人', '家庭经济支柱'], answer: 2 },
  { question: '意外险保障哪类风险？', options: ['疾病住院', '外来、突发、非本意的伤害', '重大疾病'], answer: 1 },
  { question: '重疾险保额通常建议覆盖几年收入？', options: ['1年', '3到5年', '20年'], answer: 1 },
];
export const demoPrizes: ReadonlyArray<{ name: string; points: number; weight: number }> = [
  { name: '体检卡', points: 0, weight: 1 },
  { name: '出行礼包', points: 0, weight: 2 },
  { name: '50 积分', points: 50, weight: 10 },
  { name: '10 积分', points: 10, weight: 30 },
];

export const demoArticles: { title: string; category: 'knowledge' | 'local_news' | 'product' | 'retirement' | 'claims'; summary: string; productLine: ProductLine | null }[] = [
  { title: '重疾险和医疗险有什么区别？一文讲清', category: 'knowledge', summary: '一个给付、一个报销，两者搭配才完整。', productLine: 'critical_illness' },
  { title: '年轻人第一份保险该怎么买', category: 'knowledge', summary: '意外险+医疗险打底，预算充足再加重疾。', productLine: 'accident' },
  { title: '出行高峰，交通意外险值得买吗', category: 'knowledge', summary: '一年不到一百元，覆盖各种交通工具。', productLine: 'travel_accident' },
  { title: '保额80万够不够？重疾保额测算方法', category: 'knowledge', summary: '收入×5年+治疗费用，算出你的保障缺口。', productLine: 'critical_illness' },
  { title: '退休后每月需要多少钱？养老缺口计算', category: 'retirement', summary: '社保替代率约40%，缺口靠商业养老补。', productLine: 'annuity' },
  { title: '年金险和增额终身寿怎么选', category: 'retirement', summary: '确定领取还是灵活减保，看你的需求。', productLine: 'annuity' },
  { title: '教育金要从孩子几岁开始准备', category: 'knowledge', summary: '越早准备，年缴越轻松。', productLine: 'education' },
  { title: '理赔指南：重疾确诊后如何快速申请', category: 'claims', summary: '准备好这5份材料，最快3天到账。', productLine: 'critical_illness' },
  { title: '本市医保新政：门诊报销比例提高', category: 'local_news', summary: '2026年起职工医保门诊报销比例上调5个百分点。', productLine: null },
  { title: '本周末地铁线路调整提示', category: 'local_news', summary: '部分线路夜间延长运营，出行请注意。', productLine: null },
  { title: '定期寿险：给家人的一份承诺', category: 'product', summary: '用小保费撬动大保额，守护家庭责任期。', productLine: 'life' },
  { title: '百万医疗险续保要注意什么', category: 'knowledge', summary: '保证续保、免赔额和健康告知一次看懂。', productLine: 'medical' },
];

export const demoScripts: { trigger: string; title: string; body: string; productLine: ProductLine | null }[] = [
  { trigger: 'objection:价格', title: '价格异议：拆到每天', body: '理解您的考虑。这份保障折算下来每天不到一杯奶茶钱，但万一发生风险，能拿到几十万的确定赔付。我们也可以先从保额低一点的方案开始。', productLine: null },
  { trigger: 'objection:价格', title: '价格异议：对比治疗费用', body: '重疾平均治疗费用在30万左右，还不算康复期的收入损失。用每年几千元转移这部分风险，是把不确定变成确定。', productLine: 'critical_illness' },
  { trigger: 'objection:信任', title: '信任异议：公司与理赔数据', body: '我们公司去年理赔获赔率超过98%，小额理赔平均1天到账。您可以在官方小程序上查到公开的理赔年报。', productLine: null },
  { trigger: 'objection:信任', title: '信任异议：合同与犹豫期', body: '合同条款都可以先发您仔细看，投保后还有15天犹豫期，不满意可以全额退保，没有任何损失。', productLine: null },
  { trigger: 'objection:已有保障', title: '已有保障：做一次保障检视', body: '您已经有保障意识非常好！我可以免费帮您做一次保障缺口评估，看看现有保额是否跟得上收入和家庭责任的变化。', productLine: null },
  { trigger: 'objection:已有保障', title: '已有保障：单位团险的局限', body: '单位的团险离职后就失效了，而且保额一般不高。个人的长期保障才是自己能掌控的。', productLine: 'medical' },
  { trigger: 'objection:再考虑', title: '再考虑：明确顾虑', body: '没问题，慎重是对的。方便说说主要在考虑哪方面吗？是预算、保障内容还是想和家人商量？我可以针对性准备资料。', productLine: null },
  { trigger: 'objection:再考虑', title: '再考虑：健康告知时效', body: '建议在身体健康的时候尽早锁定保障，因为一旦体检出现异常，可能就只能除外承保或加费了。', productLine: 'critical_illness' },
  { trigger: 'need:重疾险', title: '重疾需求：保额建议', body: '重疾保额建议至少覆盖3-5年收入，我帮您按现在的收入测算一下合适的保额？', productLine: 'critical_illness' },
  { trigger: 'need:养老/年金', title: '养老需求：缺口测算', body: '您可以先告诉我期望的退休年龄和每月生活费，我帮您算算社保之外的养老缺口，再看年金怎么补。', productLine: 'annuity' },
  { trigger: 'need:教育金', title: '教育金需求：时间表', body: '按孩子现在的年龄，我们可以把高中和大学的费用拆成几个领取节点，提前规划不会有压力。', productLine: 'education' },
  { trigger: 'need:意外险', title: '意外需求：出行保障', body: '您经常出差的话，综合交通意外险性价比很高，飞机高铁网约车都保，一年不到一百元。', productLine: 'travel_accident' },
  { trigger: 'intent:asks_price', title: '询价：先问三个问题', body: '价格和年龄、保额、缴费年限有关。方便告诉我您的出生年份和想要的保额吗？我马上给您出一份计划书。', productLine: null },
  { trigger: 'intent:asks_claims', title: '询问理赔：流程说明', body: '理赔很简单：小程序上传病历和发票，材料齐全最快当天审核。需要的话我全程协助您。', productLine: null },
  { trigger: 'intent:asks_proposal', title: '索要计划书：确认信息', body: '好的，我根据您的情况做两版方案：一版基础保障、一版全面保障，您对比着看。', productLine: null },
  { trigger: 'stage:interest', title: '破冰：签到有礼', body: '最近我们小程序有连续签到7天领好礼的活动，每天花10秒就能参加，给您发个入口？', productLine: null },
];

export const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
export const givenChars = '伟芳娜秀敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕梅兰凤洁琳素云莲真环雪荣爱妹霞香月莺媛瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽';
/**
 * The subscription messages a subscribed demo customer agreed to in the mini-program, with how many
 * one-time consents are left (the check-in page asks again each day, so reminders have a stock).
 * The template ids are the ones the shipped journeys send (server/src/journeys/templates).
 */
export const demoSubscriptionConsents: ReadonlyArray<{ templateId: string; remaining: number }> = [
  { templateId: 'TPL_CHECKIN_7', remaining: 1 },
  { templateId: 'TPL_CHECKIN_REMIND', remaining: 14 },
  { templateId: 'TPL_LOTTERY', remaining: 1 },
  { templateId: 'TPL_TRAVEL_ACCIDENT', remaining: 1 },
];

export const cities = ['上海', '北京', '广州', '深圳', '杭州', '南京', '苏州', '成都', '武汉', '西安', '天津', '重庆'];
export const evidenceByTag: Record<string, string> = {
  重疾险: '客户说：“身边朋友得了大病，想了解一下重疾险。”',
  医疗险: '客户说：“住院的钱能报销吗？单位医保不太够。”',
  意外险: '客户说：“经常出差开车，想买个意外险。”',
  寿险: '客户说：“房贷还有二十年，怕万一有什么事家里扛不住。”',
  '养老/年金': '客户说：“快退休了，想给自己存一笔养老钱。”',
  教育金: '客户说：“孩子刚上小学，想了解一下教育金。”',
  新入职: '客户说：“我刚入职新公司，五险一金刚交上。”',
  有幼儿: '客户说：“宝宝刚满一岁，想给他配齐保障。”',
  价格: '客户说：“感觉有点贵，一年要好几千。”',
  信任: '客户说：“保险都是买的时候好说，理赔的时候难。”',
  已有保障: '客户说：“单位已经给我们买过保险了。”',
  再考虑: '客户说：“我再考虑考虑，回头和家里人商量一下。”',
};
