/**
 * Budget amounts in chat: 一年五千, 每年3000块, 两万左右, 月缴500 (→ 6000 a year), 一年预算1.5w,
 * 两三千 (→ 2500), 三万到四万 (→ 35000), 10来万. An amount is a budget when a period or a budget
 * word (预算, 以内, 左右, 能接受 …) goes with it, and not when it is an income, a sum insured, a
 * loan, a claim paid, a price someone quoted (一年要七八千, 别家才两千多) or a price complained about
 * (6000一年划不来). An upper bound (两万以内, 最多2万, 不超过800) falls in the band it tops: 两万以内 is
 * 年缴5千-2万, while 两万左右 is 年缴2万-5万 (bands include their lower bound). Pure.
 */
import type { BudgetGrammar } from './insurance-lexicon';
import { allMatches } from './utterance-text.plan';

export interface AmountMention {
  /** Yuan; the middle of a range. */
  value: number;
  /** Offsets in the string searched. */
  start: number;
  end: number;
}

const DIGIT: Readonly<Record<string, number>> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 几: 5 };
const UNIT: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/** A Chinese numeral below 10000: 三千五 → 3500, 两三千 → 2500, 几十 → 50, 十二 → 12. */
function section(s: string): number | null {
  let total = 0;
  let current: number | null = null;
  let lastUnit = 0;
  for (const ch of s) {
    if (ch in DIGIT) {
      const d = DIGIT[ch] ?? 0;
      current = current === null ? d : (current + d) / 2; // 两三 → 2.5
    } else if (ch in UNIT) {
      const u = UNIT[ch] ?? 1;
      total += (current ?? 1) * u;
      lastUnit = u;
      current = null;
    } else {
      return null;
    }
  }
  if (current !== null) total += lastUnit ? (current * lastUnit) / 10 : current; // 三千五: the 五 is hundreds
  return total;
}

/** Chinese numerals with 十/百/千/万: 两万五 → 25000, 一百多万 → 1000000. Null when not a numeral. */
export function chineseNumber(s: string): number | null {
  if (!s) return null;
  const at = s.indexOf('万');
  if (at < 0) return section(s);
  const high = at === 0 ? 1 : section(s.slice(0, at));
  const rest = s.slice(at + 1);
  if (high === null) return null;
  if (!rest) return high * 10_000;
  const low = section(rest);
  if (low === null) return null;
  return high * 10_000 + (/^[零一二两三四五六七八九]$/.test(rest) ? low * 1000 : low);
}

const UNIT_FACTOR: Readonly<Record<string, number>> = { w: 10_000, 万: 10_000, k: 1000, 千: 1000, 百: 100 };
const DIGITS_AMOUNT = /(\d+(?:\.\d+)?)(来|多)?(w|万|k|千|百)?(来|多)?(块钱?|元|rmb)?/g;
const CHINESE_AMOUNT = /([零一二两三四五六七八九十百千万几]+)(来|多)?(万)?(块钱?|元)?/g;
const RANGE_NEXT = /^\s*(到|至|-|~|～)\s*\d/;
/** What a number without a money unit counts when it is followed by one of these. */
const NOT_MONEY_AFTER = /^(岁|年(?!缴|交)|个|月(?!缴|交)|天|次|%|号|点|周|期|份|口|人|倍|年级|斤|公斤|cm|kg)/;

/** Money amounts in a string, ranges (三万到四万, 3-4万) merged into their middle. */
export function parseAmounts(s: string): AmountMention[] {
  const found: Array<AmountMention & { unit: boolean }> = [];
  for (const m of allMatches(DIGITS_AMOUNT, s)) {
    const parts = /^(\d+(?:\.\d+)?)(来|多)?(w|万|k|千|百)?(来|多)?(块钱?|元|rmb)?$/.exec(m.text);
    if (!parts) continue;
    const unit = parts[3] ? (UNIT_FACTOR[parts[3]] ?? 1) : 1;
    const hasUnit = Boolean(parts[3] || parts[5]);
    const end = m.index + m.text.length;
    const rangeStart = RANGE_NEXT.test(s.slice(end));
    if (!hasUnit && !rangeStart && (Number(parts[1]) < 100 || NOT_MONEY_AFTER.test(s.slice(end)))) continue;
    found.push({ value: Number(parts[1]) * unit, start: m.index, end, unit: hasUnit });
  }
  for (const m of allMatches(CHINESE_AMOUNT, s)) {
    const parts = /^([零一二两三四五六七八九十百千万几]+)(来|多)?(万)?(块钱?|元)?$/.exec(m.text);
    if (!parts?.[1]) continue;
    const hasMagnitude = /[十百千万]/.test(parts[1]) || Boolean(parts[3]);
    const end = m.index + m.text.length;
    if (!parts[4] && (!hasMagnitude || NOT_MONEY_AFTER.test(s.slice(end)))) continue;
    const base = chineseNumber(parts[1]);
    const value = base === null ? null : base * (parts[3] ? 10_000 : 1);
    if (value === null || found.some((f) => m.index < f.end && f.start < end)) continue;
    found.push({ value, start: m.index, end, unit: Boolean(parts[4]) || hasMagnitude });
  }
  found.sort((a, b) => a.start - b.start);
  const out: AmountMention[] = [];
  for (let i = 0; i < found.length; i += 1) {
    const a = found[i];
    const b = found[i + 1];
    if (!a) continue;
    if (b && /^\s*(到|至|-|~|～)\s*$/.test(s.slice(a.end, b.start))) {
      // 3-4万: the first number takes the second's unit
      const low = a.unit ? a.value : a.value * (b.value >= 10_000 ? 10_000 : b.value >= 1000 ? 1000 : 1);
      out.push({ value: (low + b.value) / 2, start: a.start, end: b.end });
      i += 1;
    } else {
      out.push({ value: a.value, start: a.start, end: a.end });
    }
  }
  return out;
}

/** The band a yearly amount falls in (lower bound inclusive). */
export function budgetBand(yearly: number, grammar: BudgetGrammar): string | null {
  return grammar.bands.find((b) => yearly >= b.from && yearly < b.to)?.name ?? null;
}

function nearest(pattern: RegExp, before: string, after: string): number {
  let best = Number.POSITIVE_INFINITY;
  for (const m of allMatches(pattern, before)) best = Math.min(best, before.length - (m.index + m.text.length));
  for (const m of allMatches(pattern, after)) best = Math.min(best, m.index);
  return best;
}

export interface BudgetReading {
  band: string;
  yearly: number;
  confidence: number;
  /** The words read: the amount with what made it a budget. */
  cue: string;
  /** Offset of the amount in the clause. */
  start: number;
}

/**
 * The budget a clause states, if any. `priceComplaint` says where the utterance complains about a
 * price: in this clause (then its amount is that price, not a budget), elsewhere in the utterance
 * (then only an amount with a budget word, 预算/以内/能接受 …, is a budget: 一年两千多的意外，太贵了 is
 * not), or nowhere.
 */
export function readBudget(clause: string, grammar: BudgetGrammar, priceComplaint: 'clause' | 'utterance' | 'none'): BudgetReading | null {
  if (priceComplaint === 'clause') return null;
  let best: BudgetReading | null = null;
  for (const a of parseAmounts(clause)) {
    const before = clause.slice(Math.max(0, a.start - 8), a.start);
    const after = clause.slice(a.end, a.end + 4);
    if (grammar.notBudgetBefore.test(before) || grammar.notBudgetAfter.test(after)) continue;
    const near = { before: clause.slice(Math.max(0, a.start - 6), a.start), after: clause.slice(a.end, a.end + 4) };
    const month = nearest(grammar.perMonth, near.before, near.after);
    const year = Math.min(nearest(grammar.perYear, near.before, near.after), nearest(grammar.oneOff, near.before, near.after));
    const hasPeriod = Number.isFinite(month) || Number.isFinite(year);
    const budgetWord = grammar.budgetWords.exec(clause);
    if (!budgetWord && (!hasPeriod || priceComplaint === 'utterance')) continue;
    const ceiling = grammar.upperBoundBefore.test(near.before) || grammar.upperBoundAfter.test(after);
    const yearly = (month < year ? a.value * 12 : a.value) - (ceiling ? 1 : 0);
    const band = budgetBand(yearly, grammar);
    if (!band) continue;
    const confidence = /预算/.test(clause) ? 0.9 : hasPeriod ? 0.8 : 0.6;
    const reading = { band, yearly: yearly + (ceiling ? 1 : 0), confidence, cue: clause.slice(Math.max(0, a.start - 4), a.end + 2).trim(), start: a.start };
    if (!best || reading.confidence > best.confidence) best = reading;
  }
  return best;
}
