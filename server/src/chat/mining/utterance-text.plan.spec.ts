import { defaultLexicon } from './insurance-lexicon';
import { isNegatedAt, locateTokens, normalizeChat, splitClauses, subjectAllowed, subjectAt } from './utterance-text.plan';

const g = defaultLexicon.grammar;

describe('normalizeChat', () => {
  it('makes full-width ASCII half-width and lower case, keeping offsets', () => {
    const s = 'ＯＫ，１Ｗ以内';
    expect(normalizeChat(s)).toBe('ok,1w以内');
    expect(normalizeChat(s)).toHaveLength(s.length);
  });
});

describe('splitClauses', () => {
  it('splits at punctuation and spaces, keeps the closing mark, not at a decimal point', () => {
    expect(splitClauses('一年预算1.5w左右，给全家配齐', g).map((c) => c.text)).toEqual(['一年预算1.5w左右，', '给全家配齐']);
    expect(splitClauses('行 就这个吧 怎么付款？', g).map((c) => [c.start, c.text, c.bodyLength])).toEqual([
      [0, '行 ', 1],
      [2, '就这个吧 ', 4],
      [7, '怎么付款？', 4],
    ]);
  });
});

describe('locateTokens', () => {
  it('places tokens in order and skips blanks and strays', () => {
    expect(locateTokens('想买重疾险', ['想', '买', ' ', '重疾险', '不在'])).toEqual([
      { token: '想', start: 0, end: 1 },
      { token: '买', start: 1, end: 2 },
      { token: '重疾险', start: 2, end: 5 },
    ]);
  });
});

describe('isNegatedAt', () => {
  it('sees a negator shortly before', () => {
    expect(isNegatedAt('不需要重疾险', 3, g)).toBe(true);
    expect(isNegatedAt('我不需要什么意外险', 6, g)).toBe(true);
  });

  it('not an A-not-A question, nor 差不多, nor a negator too far away', () => {
    expect(isNegatedAt('能不能发个计划书', 5, g)).toBe(false);
    expect(isNegatedAt('百万医疗是不是都差不多', 0, g)).toBe(false);
    expect(isNegatedAt('差不多想买重疾', 5, g)).toBe(false);
    expect(isNegatedAt('不知道为什么大家都说要买重疾', 12, g)).toBe(false);
  });
});

describe('subjectAt', () => {
  it.each([
    ['我妈去年退休了', 4, 'other'],
    ['给她买医疗险', 3, 'self'],
    ['我老婆怀孕了', 3, 'spouse'],
    ['我和老公开了家小工厂', 4, 'self'],
    ['孩子多大可以买重疾', 7, 'child'],
    ['我哥说他们公司有团险', 5, 'other'],
    ['家里就我跟她爸', 7, 'self'],
    ['想买重疾', 2, 'self'],
  ] as const)('%s at %d → %s', (clause, at, kind) => {
    expect(subjectAt(clause, at, g)).toBe(kind);
  });

  it('policies say which subjects a label accepts', () => {
    expect(subjectAllowed('self', 'spouse')).toBe(false);
    expect(subjectAllowed('household', 'spouse')).toBe(true);
    expect(subjectAllowed('household', 'child')).toBe(false);
    expect(subjectAllowed('family', 'child')).toBe(true);
    expect(subjectAllowed('family', 'other')).toBe(false);
    expect(subjectAllowed('any', 'other')).toBe(true);
  });
});
