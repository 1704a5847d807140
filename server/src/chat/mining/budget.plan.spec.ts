import { budgetBand, chineseNumber, parseAmounts, readBudget } from './budget.plan';
import { defaultLexicon } from './insurance-lexicon';

const g = defaultLexicon.budget;

describe('chineseNumber', () => {
  it.each([
    ['五千', 5000],
    ['两万五', 25_000],
    ['三千五', 3500],
    ['一千', 1000],
    ['十万', 100_000],
    ['十五万', 150_000],
    ['一百', 100],
    ['几十', 50],
    ['两三千', 2500],
    ['三四百', 350],
    ['七八千', 7500],
    ['一百多', null],
  ])('%s → %s', (s, n) => {
    expect(chineseNumber(s)).toBe(n);
  });
});

describe('parseAmounts', () => {
  it('reads digits with units, Chinese numerals and ranges', () => {
    expect(parseAmounts('一年预算1.5w左右').map((a) => a.value)).toEqual([15_000]);
    expect(parseAmounts('每年3000块以内').map((a) => a.value)).toEqual([3000]);
    expect(parseAmounts('一年10来万吧').map((a) => a.value)).toEqual([100_000]);
    expect(parseAmounts('预算在三万到四万之间').map((a) => a.value)).toEqual([35_000]);
    expect(parseAmounts('3-4万').map((a) => a.value)).toEqual([35_000]);
    expect(parseAmounts('房贷还有一百多万').map((a) => a.value)).toEqual([1_000_000]);
  });

  it('leaves out ages, years, counts and small bare numbers', () => {
    expect(parseAmounts('30岁男的，交20年，两个孩子，一年，十年，男 35 非吸烟')).toEqual([]);
  });

  it('keeps a bare number of 100 or more', () => {
    expect(parseAmounts('月缴500可以吗')).toEqual([{ value: 500, start: 2, end: 5 }]);
  });
});

describe('budgetBand', () => {
  it('bands include their lower bound', () => {
    expect(budgetBand(4999, g)).toBe('年缴5千以下');
    expect(budgetBand(5000, g)).toBe('年缴5千-2万');
    expect(budgetBand(20_000, g)).toBe('年缴2万-5万');
    expect(budgetBand(50_000, g)).toBe('年缴5万以上');
  });
});

describe('readBudget', () => {
  it('turns a monthly amount into a yearly one', () => {
    expect(readBudget('月缴500可以吗', g, 'none')).toMatchObject({ band: '年缴5千-2万', yearly: 6000, confidence: 0.8 });
  });

  it('a ceiling falls in the band it tops', () => {
    expect(readBudget('一年最多2万', g, 'none')).toMatchObject({ band: '年缴5千-2万', yearly: 20_000 });
    expect(readBudget('两万以内', g, 'none')?.band).toBe('年缴5千-2万');
    expect(readBudget('两万左右', g, 'none')?.band).toBe('年缴2万-5万');
  });

  it('needs a period or a budget word', () => {
    expect(readBudget('那个5000的', g, 'none')).toBeNull();
    expect(readBudget('5000左右', g, 'none')).toMatchObject({ band: '年缴5千-2万', confidence: 0.6 });
  });

  it('a complaint in the clause makes the amount a price; elsewhere only a budget word keeps it', () => {
    expect(readBudget('6000一年划不来吧', g, 'clause')).toBeNull();
    expect(readBudget('一年两千多的意外和医疗', g, 'utterance')).toBeNull();
    expect(readBudget('预算一年两千', g, 'utterance')?.band).toBe('年缴5千以下');
  });
});
