/**
 * Frequent phrases customers use that neither the tag dictionary nor the miner's cues cover: what
 * an admin may accept as new tags (or new cues). Pure.
 *
 * Phrases are single content words and two adjacent tokens (bigrams) within a clause. Dropped: stop
 * words, one-character words, numbers, punctuation and emoji, and phrases covered by a known term
 * (equal to one, inside one, or containing one of two characters or more) or matched by a cue of
 * the lexicon (literal or pattern; a person word like 老公 alone counts as known), so `known` needs
 * only the dictionary's tag names. Counted by distinct
 * customers (one chatty customer does not make a trend), then by occurrences; examples are the
 * first three distinct sentences, in input order.
 */
import { defaultLexicon, type InsuranceLexicon } from './insurance-lexicon';
import { normalizeChat } from './utterance-text.plan';

export interface CandidatePhrase {
  phrase: string;
  customers: number;
  count: number;
  examples: string[];
}

const MAX_EXAMPLES = 3;

/** A token that can be (part of) a phrase: two characters or more, some letter, not a stop word. */
export function isContentToken(token: string, stopWords: ReadonlySet<string>): boolean {
  const t = normalizeChat(token).trim();
  if (t.length < 2 || stopWords.has(t)) return false;
  if (/^[\d.,%]+$/.test(t)) return false; // numbers
  if (/^\d+(\.\d+)?[wk万千百块元岁年月天个]?$/.test(t)) return false; // 1w, 3000块, 30岁
  if (/^[一二两三四五六七八九十百千万几每半多整上下这那]+个?[年月天周个岁次份块元口]?$/.test(t)) return false; // 一年, 两个, 一个月, 下个月
  if (/^[不没别][\p{Script=Han}]$/u.test(t)) return false; // 不能, 没有, 不想: negated function words
  return /[\p{Script=Han}a-z]/u.test(t);
}

/** True when a known term says the same thing as the phrase. */
function coveredByTerms(phrase: string, terms: Iterable<string>): boolean {
  for (const term of terms) {
    if (term === phrase || (term.length >= 2 && (phrase.includes(term) || term.includes(phrase)))) return true;
  }
  return false;
}

/** A test for "a cue of the lexicon (a word or a pattern) or one of its dictionary words already covers this phrase". */
function lexiconCovers(lexicon: InsuranceLexicon): (phrase: string) => boolean {
  const patterns: RegExp[] = [];
  const terms = new Set(lexicon.dictionaryWords.map(([w]) => w));
  for (const rule of [...lexicon.tagRules, ...lexicon.objectionRules, ...lexicon.intentRules]) {
    for (const cue of rule.cues) {
      if (typeof cue.match === 'string') terms.add(cue.match);
      else patterns.push(new RegExp(cue.match.source, cue.match.flags.replace('g', '')));
    }
  }
  for (const p of Object.values(lexicon.grammar.persons)) patterns.push(new RegExp(`^(${p.source})$`));
  return (phrase) => coveredByTerms(phrase, terms) || patterns.some((p) => p.test(phrase));
}

/** Tokens of one utterance split into runs that do not cross punctuation or spaces. */
function runs(tokens: readonly string[]): string[][] {
  const out: string[][] = [[]];
  for (const raw of tokens) {
    const t = normalizeChat(raw).trim();
    if (!t || /^[\p{P}\p{S}\s]+$/u.test(t)) out.push([]);
    else out[out.length - 1]?.push(t);
  }
  return out.filter((r) => r.length > 0);
}

export function candidatePhrases(
  utterances: ReadonlyArray<{ customerId: string; text: string; tokens: readonly string[] }>,
  known: ReadonlySet<string>,
  opts: { minCustomers: number; limit: number },
  lexicon: InsuranceLexicon = defaultLexicon,
): CandidatePhrase[] {
  const stats = new Map<string, { customers: Set<string>; count: number; examples: string[] }>();
  const note = (phrase: string, customerId: string, text: string) => {
    const s = stats.get(phrase) ?? { customers: new Set<string>(), count: 0, examples: [] };
    s.customers.add(customerId);
    s.count += 1;
    if (s.examples.length < MAX_EXAMPLES && !s.examples.includes(text)) s.examples.push(text);
    stats.set(phrase, s);
  };
  for (const u of utterances) {
    for (const run of runs(u.tokens)) {
      run.forEach((token, i) => {
        const content = isContentToken(token, lexicon.stopWords);
        if (content) note(token, u.customerId, u.text);
        const next = run[i + 1];
        if (content && next !== undefined && isContentToken(next, lexicon.stopWords)) note(`${token}${next}`, u.customerId, u.text);
      });
    }
  }
  const byLexicon = lexiconCovers(lexicon);
  const out: CandidatePhrase[] = [];
  for (const [phrase, s] of stats) {
    if (s.customers.size < opts.minCustomers || coveredByTerms(phrase, known) || byLexicon(phrase)) continue;
    out.push({ phrase, customers: s.customers.size, count: s.count, examples: s.examples });
  }
  out.sort((a, b) => b.customers - a.customers || b.count - a.count || (a.phrase < b.phrase ? -1 : a.phrase > b.phrase ? 1 : 0));
  return out.slice(0, Math.max(0, opts.limit));
}

/** The tag names of a tag dictionary (`shared`'s defaultTagDictionary, or a corp's), for `known`. */
export function dictionaryTagNames(groups: ReadonlyArray<{ tags: readonly string[] }>): Set<string> {
  return new Set(groups.flatMap((g) => g.tags));
}
