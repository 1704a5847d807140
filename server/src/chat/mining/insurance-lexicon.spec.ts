import { defaultTagDictionary } from '@lodestar/shared';
import { defaultLexicon } from './insurance-lexicon';

const dictionary = new Map(defaultTagDictionary.map((g) => [g.key, new Set(g.tags)]));

describe('defaultLexicon', () => {
  it('every tag and objection it can give is in the shipped tag dictionary', () => {
    const given = [
      ...defaultLexicon.tagRules.map((r) => [r.group, r.name] as const),
      ...defaultLexicon.objectionRules.map((r) => [r.group, r.name] as const),
      ...defaultLexicon.budget.bands.map((b) => ['budget', b.name] as const),
    ];
    const missing = given.filter(([group, name]) => !dictionary.get(group)?.has(name));
    expect(missing).toEqual([]);
  });

  it('covers every tag of the groups it mines', () => {
    for (const group of ['insurance_need', 'employment', 'family_stage', 'objection']) {
      const names = [...defaultLexicon.tagRules, ...defaultLexicon.objectionRules].filter((r) => r.group === group).map((r) => r.name);
      expect(names.sort()).toEqual([...(dictionary.get(group) ?? [])].sort());
    }
    expect(defaultLexicon.budget.bands.map((b) => b.name).sort()).toEqual([...(dictionary.get('budget') ?? [])].sort());
  });

  it('has the four intents, and a cue in every rule', () => {
    expect(defaultLexicon.intentRules.map((r) => r.name)).toEqual(['asks_price', 'asks_claims', 'asks_proposal', 'ready_to_buy']);
    const empty = [...defaultLexicon.tagRules, ...defaultLexicon.objectionRules, ...defaultLexicon.intentRules].filter((r) => r.cues.length === 0);
    expect(empty).toEqual([]);
  });

  it('budget bands tile the line from 0 with no gap', () => {
    const bands = defaultLexicon.budget.bands;
    expect(bands[0]?.from).toBe(0);
    bands.slice(1).forEach((b, i) => expect(b.from).toBe(bands[i]?.to));
    expect(bands[bands.length - 1]?.to).toBe(Number.POSITIVE_INFINITY);
  });

  it('dictionary words are single words, once each', () => {
    const words = defaultLexicon.dictionaryWords.map(([w]) => w);
    expect(new Set(words).size).toBe(words.length);
    expect(words.filter((w) => /\s/.test(w) || !w)).toEqual([]);
  });
});
