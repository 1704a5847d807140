/**
 * Insurance-marketing compliance (合规词) for agent messages: the wording China's regulator
 * (CBIRC, now NFRA) treats as misleading sales — promised returns, principal guarantees, comparing
 * a policy with a bank deposit, superlatives, "everything is covered", sales pressure. A rule is a
 * literal word or a JS regular expression; the built-in set is default-compliance-rules.ts, an
 * admin adds the corp's own (validated by validateCustomRule). Pure: no I/O, no clock.
 */

export type ComplianceCategory = 'guaranteed_return' | 'principal_guarantee' | 'deposit_comparison' | 'superlative' | 'misleading_claim' | 'custom';
export type ComplianceSeverity = 'high' | 'medium';
export type ComplianceRuleKind = 'word' | 'pattern';

export interface ComplianceRule {
  /** Stable: `builtin:<name>` for the built-in rules, the admin's id otherwise. */
  id: string;
  name: string;
  /** `word`: a literal substring. `pattern`: a JS RegExp source, run with the flags `iu`. */
  kind: ComplianceRuleKind;
  value: string;
  category: ComplianceCategory;
  severity: ComplianceSeverity;
  enabled: boolean;
}

export interface ComplianceHit {
  ruleId: string;
  name: string;
  category: ComplianceCategory;
  severity: ComplianceSeverity;
  /** The matched text as the agent wrote it (the original, not the normalised, characters). */
  match: string;
  /** Where `match` starts in the original text (UTF-16 index, as String.prototype.slice counts). */
  index: number;
}

export type RuleValidation = { ok: true } | { ok: false; reason: string };

/** Longest value an admin may save: a rule is a phrase or a short pattern, not a document. */
export const maxRuleLength = 200;

const FLAGS = 'iu';

/**
 * The text the rules see: NFKC, code point by code point, so full-width digits, letters and
 * punctuation (３．５％, ＡＢＣ, ，) become their half-width forms (3.5%, ABC, ,). `start[k]`/`end[k]`
 * give, for each UTF-16 unit k of the normalised text, the span of the original character it came
 * from, so a hit is reported in the agent's own characters.
 */
export function normaliseForMatching(text: string): { text: string; start: number[]; end: number[] } {
  let out = '';
  const start: number[] = [];
  const end: number[] = [];
  let i = 0;
  for (const ch of text) {
    const n = ch.normalize('NFKC');
    for (let k = 0; k < n.length; k++) {
      start.push(i);
      end.push(i + ch.length);
    }
    out += n;
    i += ch.length;
  }
  return { text: out, start, end };
}

const escapeRegExp = (s: string): string => s.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');

/** Compiled rules by kind and value; null when a stored pattern does not compile. Bounded. */
const compiled = new Map<string, RegExp | null>();

function ruleRegExp(rule: Pick<ComplianceRule, 'kind' | 'value'>): RegExp | null {
  const cacheKey = `${rule.kind}\u0000${rule.value}`;
  const cached = compiled.get(cacheKey);
  if (cached !== undefined) return cached;
  let re: RegExp | null;
  if (rule.kind === 'word') {
    const word = rule.value.trim().normalize('NFKC');
    re = word ? new RegExp(escapeRegExp(word), FLAGS) : null;
  } else {
    try {
      re = rule.value.trim() ? new RegExp(rule.value, FLAGS) : null;
    } catch {
      re = null;
    }
  }
  if (compiled.size >= 1000) compiled.clear();
  compiled.set(cacheKey, re);
  return re;
}

/**
 * The rules `text` breaks: one hit per enabled rule (its first match), in reading order (then rule
 * order). Matching is on the NFKC text, case-insensitive for Latin letters; `match` and `index`
 * point into the original text. A disabled rule, a pattern that does not compile (stored before
 * validation existed) and an empty match are ignored rather than thrown: one bad rule must not
 * stop the others from checking the message.
 */
export function checkCompliance(text: string, rules: readonly ComplianceRule[]): ComplianceHit[] {
  if (!text) return [];
  const norm = normaliseForMatching(text);
  const hits: Array<ComplianceHit & { order: number }> = [];
  rules.forEach((rule, order) => {
    if (!rule.enabled) return;
    const re = ruleRegExp(rule);
    const m = re?.exec(norm.text);
    if (!m || m[0] === '') return;
    const from = norm.start[m.index]!;
    const to = norm.end[m.index + m[0].length - 1]!;
    hits.push({ ruleId: rule.id, name: rule.name, category: rule.category, severity: rule.severity, match: text.slice(from, to), index: from, order });
  });
  hits.sort((a, b) => a.index - b.index || a.order - b.order);
  return hits.map(({ order: _order, ...hit }) => hit);
}

/**
 * Whether an admin may save this rule: a non-empty value of at most 200 characters; a pattern must
 * compile as a JS RegExp with the flags `iu` (the checker adds them: don't write `/…/i`), must not
 * match the empty text (it would flag every message), and must not nest quantifiers (see
 * nestedQuantifier), the shape that backtracks catastrophically on a long message.
 */
export function validateCustomRule(input: { kind: ComplianceRuleKind; value: string }): RuleValidation {
  const value = input.value ?? '';
  if (!value.trim()) return { ok: false, reason: 'The rule is empty.' };
  if (value.length > maxRuleLength) return { ok: false, reason: `The rule is longer than ${maxRuleLength} characters.` };
  if (input.kind === 'word') return { ok: true };
  let re: RegExp;
  try {
    re = new RegExp(value, FLAGS);
  } catch (e) {
    return { ok: false, reason: `The pattern does not compile as a JavaScript regular expression (flags "iu" are added): ${(e as Error).message}` };
  }
  const nested = nestedQuantifier(value);
  if (nested) {
    return {
      ok: false,
      reason:
        `The pattern repeats a group that itself contains a variable repetition (${nested}), like (a+)+, (.*)* or (\\w+\\s?)*: ` +
        'such a pattern can backtrack catastrophically and hang the checker. Repeat the inner part only, or bound it, e.g. (?:\\w\\s?){1,20}.',
    };
  }
  if (re.test('')) return { ok: false, reason: 'The pattern matches empty text, so it would flag every message.' };
  return { ok: true };
}

interface Quantifier {
  length: number;
  min: number;
  max: number;
}

function readQuantifier(src: string, i: number): Quantifier | null {
  const c = src[i];
  let q: Quantifier | null = null;
  if (c === '*') q = { length: 1, min: 0, max: Infinity };
  else if (c === '+') q = { length: 1, min: 1, max: Infinity };
  else if (c === '?') q = { length: 1, min: 0, max: 1 };
  else if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i));
    if (m) {
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] ? Number(m[3]) : Infinity;
      q = { length: m[0].length, min, max };
    }
  }
  if (q && src[i + q.length] === '?') q.length += 1; // lazy
  return q;
}

/** Index just past an escape starting at `i` (a backslash), including \u{…}, \p{…}, \k<…>. */
function skipEscape(src: string, i: number): number {
  const letter = src[i + 1];
  const open = src[i + 2];
  if ((letter === 'u' || letter === 'p' || letter === 'P') && open === '{') return src.indexOf('}', i) + 1 || src.length;
  if (letter === 'k' && open === '<') return src.indexOf('>', i) + 1 || src.length;
  return i + 2;
}

/**
 * A heuristic for catastrophic backtracking (star height ≥ 2): a group repeated more than once
 * (`*`, `+`, `{n,}`, `{n,m}` with m > 1) that contains a quantifier of variable count (`*`, `+`,
 * `?`, `{n,m}` with n < m) anywhere inside it. Returns the offending group, or null. It is
 * deliberately conservative (it also refuses the harmless `(ab?)+`) and it does not see
 * overlapping alternatives such as `(a|aa)+`.
 */
export function nestedQuantifier(src: string): string | null {
  const stack: Array<{ variable: boolean; from: number }> = [{ variable: false, from: 0 }];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    let group: { variable: boolean; from: number } | null = null;
    if (c === '\\') {
      i = skipEscape(src, i);
    } else if (c === '[') {
      i += 1;
      while (i < src.length && src[i] !== ']') i = src[i] === '\\' ? skipEscape(src, i) : i + 1;
      i += 1;
    } else if (c === '(') {
      stack.push({ variable: false, from: i });
      i += 1;
      if (src[i] === '?') {
        if (src[i + 1] === '<' && src[i + 2] !== '=' && src[i + 2] !== '!') i = src.indexOf('>', i) + 1 || src.length;
        else i += src[i + 1] === '<' ? 3 : 2;
      }
      continue;
    } else if (c === ')') {
      group = stack.length > 1 ? stack.pop()! : { variable: false, from: i };
      i += 1;
    } else {
      i += 1;
    }
    const top = stack[stack.length - 1]!;
    const q = readQuantifier(src, i);
    if (q) {
      if (group && group.variable && q.max > 1) return src.slice(group.from, i + q.length);
      if (q.min !== q.max) top.variable = true;
      i += q.length;
    }
    if (group?.variable) top.variable = true;
  }
  return null;
}
