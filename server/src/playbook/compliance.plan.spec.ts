import { checkCompliance, nestedQuantifier, normaliseForMatching, validateCustomRule, type ComplianceRule } from './compliance.plan';

const rule = (id: string, kind: ComplianceRule['kind'], value: string, extra: Partial<ComplianceRule> = {}): ComplianceRule => ({
  id,
  name: id,
  kind,
  value,
  category: 'custom',
  severity: 'high',
  enabled: true,
  ...extra,
});

describe('normaliseForMatching', () => {
  it('turns full-width digits, letters and punctuation half-width and maps each unit back to its character', () => {
    const n = normaliseForMatching('😀年化３％ＡＢ');
    expect(n.text).toBe('😀年化3%AB');
    // The emoji is two UTF-16 units, both from original 0..2; '3' comes from the full-width digit at 4.
    expect(n.start.slice(0, 5)).toEqual([0, 0, 2, 3, 4]);
    expect(n.end.slice(0, 5)).toEqual([2, 2, 3, 4, 5]);
  });

  it('maps a character that NFKC expands to several units back to the one original character', () => {
    const n = normaliseForMatching('a㎏b');
    expect(n.text).toBe('akgb');
    expect(n.start).toEqual([0, 1, 1, 2]);
    expect(n.end).toEqual([1, 2, 2, 3]);
  });
});

describe('checkCompliance', () => {
  it('returns one hit per rule, at its first match, in reading order', () => {
    const rules = [rule('r-late', 'word', '稳赚'), rule('r-early', 'word', '保本')];
    const hits = checkCompliance('保本，稳赚，还是保本', rules);
    expect(hits).toEqual([
      { ruleId: 'r-early', name: 'r-early', category: 'custom', severity: 'high', match: '保本', index: 0 },
      { ruleId: 'r-late', name: 'r-late', category: 'custom', severity: 'high', match: '稳赚', index: 3 },
    ]);
  });

  it('ignores disabled rules', () => {
    expect(checkCompliance('保本', [rule('off', 'word', '保本', { enabled: false })])).toEqual([]);
  });

  it('matches Latin letters case-insensitively, for words and patterns', () => {
    const hits = checkCompliance('我们是NO.1，Top Seller', [rule('w', 'word', 'no.1'), rule('p', 'pattern', 'top\\s+seller')]);
    expect(hits.map((h) => [h.ruleId, h.match])).toEqual([
      ['w', 'NO.1'],
      ['p', 'Top Seller'],
    ]);
  });

  it('treats a word as literal text, not as a pattern', () => {
    expect(checkCompliance('收益a+b', [rule('w', 'word', 'a+b')]).map((h) => h.match)).toEqual(['a+b']);
    expect(checkCompliance('收益aab', [rule('w', 'word', 'a+b')])).toEqual([]);
  });

  it('matches full-width digits and percent signs (NFKC) and reports the original characters and index', () => {
    const hits = checkCompliance('😀您好，年化４．５％保证', [rule('p', 'pattern', '年化\\d+(?:\\.\\d+)?%保证')]);
    expect(hits).toEqual([expect.objectContaining({ match: '年化４．５％保证', index: 5 })]);
    // A full-width word an admin typed matches half-width text too.
    expect(checkCompliance('保证收益5%', [rule('w', 'word', '收益５％')]).map((h) => h.index)).toEqual([2]);
  });

  it('skips a stored pattern that does not compile, and still checks the other rules', () => {
    const hits = checkCompliance('保本', [rule('bad', 'pattern', '(保本'), rule('good', 'word', '保本')]);
    expect(hits.map((h) => h.ruleId)).toEqual(['good']);
  });

  it('never reports an empty match', () => {
    expect(checkCompliance('随便说说', [rule('empty', 'pattern', 'x*')])).toEqual([]);
  });

  it('returns nothing for an empty message or no rules', () => {
    expect(checkCompliance('', [rule('w', 'word', '保本')])).toEqual([]);
    expect(checkCompliance('保本', [])).toEqual([]);
  });
});

describe('validateCustomRule', () => {
  it('accepts an ordinary word and an ordinary pattern', () => {
    expect(validateCustomRule({ kind: 'word', value: '躺赚' })).toEqual({ ok: true });
    expect(validateCustomRule({ kind: 'pattern', value: '(?:保证|确保)\\s*收益\\d+%' })).toEqual({ ok: true });
    expect(validateCustomRule({ kind: 'pattern', value: '(?:ab){2,5}c+' })).toEqual({ ok: true });
  });

  it('rejects an empty or whitespace value, and one over 200 characters', () => {
    expect(validateCustomRule({ kind: 'word', value: '   ' })).toEqual({ ok: false, reason: 'The rule is empty.' });
    expect(validateCustomRule({ kind: 'word', value: '字'.repeat(200) })).toEqual({ ok: true });
    expect(validateCustomRule({ kind: 'word', value: '字'.repeat(201) })).toEqual({ ok: false, reason: 'The rule is longer than 200 characters.' });
  });

  it('rejects a pattern that does not compile with the flags iu', () => {
    const unclosed = validateCustomRule({ kind: 'pattern', value: '(保本' });
    expect(unclosed.ok).toBe(false);
    expect(!unclosed.ok && unclosed.reason).toMatch(/does not compile/);
    // `\-` outside a class is fine without flags but a syntax error with `u`: the checker's flags count.
    expect(validateCustomRule({ kind: 'pattern', value: '保本\\-保息' }).ok).toBe(false);
    // As a word the same text is just text.
    expect(validateCustomRule({ kind: 'word', value: '(保本' })).toEqual({ ok: true });
  });

  it.each(['(a+)+', '(.*)*', '(\\w+\\s?)*', '(?:\\d{1,3},?)+', '((ab)*c)+', '(?<n>x+y){2,}', '([^,]+,)*end'])('rejects the backtracking pattern %s with a clear reason', (value) => {
    const result = validateCustomRule({ kind: 'pattern', value });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/catastrophically/);
  });

  it('rejects a pattern that matches empty text', () => {
    const result = validateCustomRule({ kind: 'pattern', value: '(?:保本)?' });
    expect(result).toEqual({ ok: false, reason: 'The pattern matches empty text, so it would flag every message.' });
  });
});

describe('nestedQuantifier', () => {
  it('names the offending group', () => {
    expect(nestedQuantifier('收益(\\d+\\.?)+%')).toBe('(\\d+\\.?)+');
  });

  it('does not see quantifiers inside a class, escaped parentheses, a group repeated at most once or a fixed inner count', () => {
    expect(nestedQuantifier('[(a+)+]')).toBeNull();
    expect(nestedQuantifier('\\(a+\\)+')).toBeNull();
    expect(nestedQuantifier('(a+)?b')).toBeNull();
    expect(nestedQuantifier('(ab{2})+')).toBeNull();
    expect(nestedQuantifier('(?<=a+)b(?:c|d)+')).toBeNull();
    expect(nestedQuantifier('\\p{Script=Han}+(?:\\u{4E00}x)+')).toBeNull();
  });
});
