import { defaultLexicon } from './insurance-lexicon';
import { createSegmenter, dictionaryLines } from './segmenter';

describe('dictionaryLines', () => {
  it('writes jieba lines: word freq tag', () => {
    const lines = dictionaryLines(defaultLexicon).trim().split('\n');
    expect(lines).toHaveLength(defaultLexicon.dictionaryWords.length);
    expect(lines).toContain('重疾险 200000 n');
  });
});

describe('createSegmenter', () => {
  const seg = createSegmenter();

  it('keeps insurance words whole', () => {
    expect(seg.cut('想了解下重疾险和百万医疗，等待期多久')).toEqual(expect.arrayContaining(['重疾险', '百万医疗', '等待期']));
    expect(seg.cut('增额终身寿现在收益多少')).toContain('增额终身寿');
  });

  it('loses no character (the miner places tokens in the text)', () => {
    const text = '一年预算1.5w左右 ok👌，宝宝8个月';
    expect(seg.cut(text).join('')).toBe(text);
  });

  it('cuts the same way every time (no HMM guessing)', () => {
    const text = '我在菜市场有个摊位，小本生意';
    expect(seg.cut(text)).toEqual(seg.cut(text));
    expect(seg.cut('')).toEqual([]);
  });
});
