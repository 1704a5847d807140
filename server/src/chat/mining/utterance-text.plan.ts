/**
 * Sentence mechanics for the miner: normalising chat text, splitting it into clauses, placing
 * jieba tokens, and the two questions a keyword matcher gets wrong: is this cue negated, and
 * whom is the clause about. Pure.
 */
import type { Grammar, SubjectPolicy } from './insurance-lexicon';

/** Full-width ASCII to half-width and ASCII to lower case, one character for one (offsets stay valid). */
export function normalizeChat(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    const half = code >= 0xff01 && code <= 0xff5e ? String.fromCodePoint(code - 0xfee0) : ch;
    out += half.length === ch.length ? half.toLowerCase() : ch;
  }
  return out;
}

export interface Clause {
  /** Offset of the clause in the normalised text. */
  start: number;
  /** The clause with its closing punctuation (so patterns can see a question mark). */
  text: string;
  /** Length without the closing punctuation. */
  bodyLength: number;
}

/** Splits at punctuation and spaces; a dot between digits (1.5w) is a decimal point. */
export function splitClauses(text: string, grammar: Grammar): Clause[] {
  const isSeparator = (i: number): boolean => {
    const ch = text[i] ?? '';
    if (ch === '.') return !(/\d/.test(text[i - 1] ?? '') && /\d/.test(text[i + 1] ?? ''));
    return grammar.clauseSeparator.test(ch);
  };
  const out: Clause[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && isSeparator(i)) i += 1;
    const start = i;
    while (i < text.length && !isSeparator(i)) i += 1;
    const bodyEnd = i;
    while (i < text.length && isSeparator(i)) i += 1;
    if (bodyEnd > start) out.push({ start, text: text.slice(start, i), bodyLength: bodyEnd - start });
  }
  return out;
}

export interface TokenSpan {
  token: string;
  start: number;
  end: number;
}

/** Where each token stands in the text (tokens not found in order are left out). */
export function locateTokens(text: string, tokens: readonly string[]): TokenSpan[] {
  const out: TokenSpan[] = [];
  let cursor = 0;
  for (const raw of tokens) {
    const token = normalizeChat(raw);
    if (!token.trim()) continue;
    const at = text.indexOf(token, cursor);
    if (at < 0) continue;
    out.push({ token, start: at, end: at + token.length });
    cursor = at + token.length;
  }
  return out;
}

/** All matches of a pattern in a string (the pattern's own flags are kept, `g` is added). */
export function allMatches(pattern: RegExp, text: string): Array<{ index: number; text: string }> {
  const flags = pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`;
  const re = new RegExp(pattern.source, flags);
  const out: Array<{ index: number; text: string }> = [];
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0] === '') {
      re.lastIndex += 1;
      continue;
    }
    out.push({ index: m.index, text: m[0] });
  }
  return out;
}

/** The clause with words that contain 不/没 without negating (差不多, 不错) blanked out. */
function maskNonNegation(clause: string, grammar: Grammar): string {
  let masked = clause;
  for (const m of allMatches(grammar.notNegation, clause)) {
    masked = masked.slice(0, m.index) + ' '.repeat(m.text.length) + masked.slice(m.index + m.text.length);
  }
  return masked;
}

/**
 * Whether a negator stands within `negationWindow` characters before position `at` of the
 * clause: 不需要重疾险, 没有社保, 还没结婚. A-not-A questions (能不能, 有没有, 赔不赔) and words like
 * 差不多 are not negations.
 */
export function isNegatedAt(clause: string, at: number, grammar: Grammar): boolean {
  const masked = maskNonNegation(clause, grammar);
  const from = Math.max(0, at - grammar.negationWindow);
  for (const m of allMatches(grammar.negator, masked.slice(from, at))) {
    const p = from + m.index;
    const aNotA = m.text.length === 1 && p > 0 && clause[p - 1] === clause[p + 1];
    if (!aNotA) return true;
  }
  return false;
}

export type SubjectKind = 'self' | 'spouse' | 'child' | 'other';

const kindsInOrder: ReadonlyArray<Exclude<SubjectKind, 'self'>> = ['spouse', 'child', 'other'];

/**
 * Whom the clause is about at position `at`: the last person named before it who is not a
 * beneficiary or companion (给她买, 跟老婆商量, 跟她爸), with 我 before a kin word read as "my" (我妈 → other).
 * No one named means the customer.
 */
export function subjectAt(clause: string, at: number, grammar: Grammar): SubjectKind {
  const prefix = clause.slice(0, at);
  const mentions: Array<{ index: number; end: number; kind: SubjectKind }> = [];
  for (const kind of kindsInOrder) {
    for (const m of allMatches(grammar.persons[kind], prefix)) {
      const overlaps = mentions.some((x) => m.index < x.end && x.index < m.index + m.text.length);
      if (!overlaps) mentions.push({ index: m.index, end: m.index + m.text.length, kind });
    }
  }
  for (const m of allMatches(grammar.persons.self, prefix)) {
    const overlaps = mentions.some((x) => m.index < x.end && x.index < m.index + m.text.length);
    if (!overlaps) mentions.push({ index: m.index, end: m.index + m.text.length, kind: 'self' });
  }
  mentions.sort((a, b) => a.index - b.index);
  let subject: SubjectKind = 'self';
  for (const m of mentions) {
    if (m.kind === 'self') {
      const next = mentions.find((x) => x.index === m.end);
      if ((next && next.kind !== 'self') || clause[m.end] === '家') continue; // 我妈, 我家老二: "my"
      subject = 'self';
    } else {
      let phraseStart = m.index; // 她爸, 我妈: the marker stands before the whole phrase
      for (let before = mentions.find((x) => x.end === phraseStart); before; before = mentions.find((x) => x.end === phraseStart)) phraseStart = before.index;
      if (grammar.beneficiaryBefore.test(clause.slice(Math.max(0, phraseStart - 3), phraseStart))) continue;
      subject = m.kind;
    }
  }
  return subject;
}

const allowedSubjects: Readonly<Record<SubjectPolicy, readonly SubjectKind[]>> = {
  self: ['self'],
  household: ['self', 'spouse'],
  family: ['self', 'spouse', 'child'],
  any: ['self', 'spouse', 'child', 'other'],
};

export function subjectAllowed(policy: SubjectPolicy, subject: SubjectKind): boolean {
  return allowedSubjects[policy].includes(subject);
}
