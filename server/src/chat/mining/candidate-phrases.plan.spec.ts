import { candidatePhrases, dictionaryTagNames, isContentToken } from './candidate-phrases.plan';
import { defaultLexicon } from './insurance-lexicon';

const u = (customerId: string, tokens: string[]) => ({ customerId, text: tokens.join(''), tokens });

const utterances = [
  u('c1', ['这个', '能', '保本', '吗']),
  u('c2', ['有', '没有', '保本', '的']),
  u('c2', ['保本', '分红', '型', '的']),
  u('c3', ['我', '想要', '保本', '分红']),
  u('c3', ['重疾险', '保本', '吗']),
  u('c4', ['分红', '险', '收益', '高', '吗']),
];

describe('candidatePhrases', () => {
  it('counts words and bigrams by distinct customers, then occurrences, with up to 3 examples', () => {
    expect(candidatePhrases(utterances, new Set(['重疾险']), { minCustomers: 2, limit: 10 })).toEqual([
      { phrase: '保本', customers: 3, count: 5, examples: ['这个能保本吗', '有没有保本的', '保本分红型的'] },
      { phrase: '分红', customers: 3, count: 3, examples: ['保本分红型的', '我想要保本分红', '分红险收益高吗'] },
      { phrase: '保本分红', customers: 2, count: 2, examples: ['保本分红型的', '我想要保本分红'] },
    ]);
  });

  it('drops known phrases and phrases holding a known term', () => {
    const out = candidatePhrases(utterances, new Set(['重疾险', '分红']), { minCustomers: 1, limit: 50 }).map((c) => c.phrase);
    expect(out).not.toContain('分红');
    expect(out).not.toContain('保本分红');
    expect(out).not.toContain('重疾险保本');
    expect(out).toContain('保本');
  });

  it('drops what the lexicon cues already cover, literal or pattern', () => {
    const out = candidatePhrases(
      [u('a', ['太贵', '了']), u('b', ['太贵', '啦']), u('a', ['商量', '一下']), u('b', ['商量', '下'])],
      new Set(),
      { minCustomers: 1, limit: 10 },
    );
    expect(out).toEqual([]);
  });

  it('drops stop words, single characters, numbers, punctuation and emoji; bigrams stop at punctuation', () => {
    const out = candidatePhrases(
      [u('a', ['3000', '块', '，', '保本', '，', '分红', '👌', '1w', '我们']), u('b', ['保本', '，', '分红'])],
      new Set(),
      { minCustomers: 1, limit: 10 },
    ).map((c) => c.phrase);
    expect(out.sort()).toEqual(['保本', '分红']);
  });

  it('respects minCustomers and limit, ties broken by phrase', () => {
    expect(candidatePhrases(utterances, new Set(), { minCustomers: 4, limit: 10 })).toEqual([]);
    expect(candidatePhrases(utterances, new Set(), { minCustomers: 1, limit: 1 }).map((c) => c.phrase)).toEqual(['保本']);
    const tie = candidatePhrases([u('a', ['返还']), u('a', ['保底'])], new Set(), { minCustomers: 1, limit: 5 });
    expect(tie.map((c) => c.phrase)).toEqual(['保底', '返还']);
  });
});

describe('isContentToken', () => {
  it.each([
    ['保本', true],
    ['ok', false],
    ['的', false],
    ['保', false],
    ['3000', false],
    ['1.5w', false],
    ['30岁', false],
    ['👌👌', false],
    ['plan', true],
  ])('%s → %s', (t, expected) => {
    expect(isContentToken(t, defaultLexicon.stopWords)).toBe(expected);
  });
});

describe('dictionaryTagNames', () => {
  it('collects tag names of every group', () => {
    expect([...dictionaryTagNames([{ tags: ['重疾险', '医疗险'] }, { tags: ['价格'] }])]).toEqual(['重疾险', '医疗险', '价格']);
  });
});
