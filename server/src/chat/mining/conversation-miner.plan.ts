/**
 * Mines one chat utterance (a customer's, in Chinese, about insurance) for profile tags,
 * objections and intents. Pure: it takes the text and its jieba tokens (segmenter.ts) and a
 * lexicon (insurance-lexicon.ts). Every detection names the cue that fired.
 *
 * What a naive keyword matcher gets wrong, and what this does about it:
 * - Negation: a negator shortly before a cue in the same clause cancels it (不需要重疾险, 没有社保),
 *   except in A-not-A questions (有没有, 能不能). Cues that are negative themselves (还没结婚 → 单身,
 *   没钱 → 价格) carry their negation.
 * - Other people: each label says whose situation it may describe (insurance-lexicon.ts,
 *   SubjectPolicy). 我妈退休了 gives no 退休 (nor 空巢: that comes only from the customer's own
 *   household, 孩子都成家了); 老婆怀孕了 gives 孕期; 给爸妈买医疗险 is the customer's need; 我朋友买了
 *   重疾险 is nobody's need here. Objections the customer relays (我同事说保险是智商税) count.
 * - Having cover: a product the customer already has (已经有百万医疗了, 惠民保买了) is 已有保障, not a
 *   need, unless they want more (加保).
 * - Questions: a customer's question about a product shows a need (重疾险多少钱); an utterance
 *   addressed to the customer with 您 (an agent: 请问您有社保吗) yields intents at most.
 * - Budgets: see budget.plan.ts (periods, Chinese numerals, income and quoted prices are not budgets).
 * - Specific beats general: 新入职/自由职业/个体经营/退休/待业 drop 在职, 退休 drops 待业, and a bare
 *   宝宝 in a pregnancy (孕期) is not 有幼儿.
 *
 * Confidence: the strongest cue's strength (strong 0.9, medium 0.7, weak 0.5), times 0.85 when the
 * clause is about the spouse or a child; each further cue for the same label closes a third of the
 * remaining gap (at most 0.98).
 */
import { readBudget } from './budget.plan';
import {
  cueConfidence,
  defaultLexicon,
  type Cue,
  type InsuranceLexicon,
  type IntentName,
  type LabelRule,
  type ObjectionName,
  type SubjectPolicy,
} from './insurance-lexicon';
import {
  allMatches,
  isNegatedAt,
  locateTokens,
  normalizeChat,
  splitClauses,
  subjectAllowed,
  subjectAt,
  type Clause,
  type SubjectKind,
  type TokenSpan,
} from './utterance-text.plan';

export interface Detected {
  /** `group/name`: insurance_need/重疾险, objection/价格, intent/asks_price. */
  label: string;
  confidence: number;
  /** The word or phrase that fired. */
  cue: string;
}

export interface UtteranceInsights {
  tags: Array<Detected & { group: string; name: string }>;
  objections: Array<Detected & { name: ObjectionName }>;
  intents: Array<Detected & { name: IntentName }>;
}

interface Hit {
  group: string;
  name: string;
  confidence: number;
  cue: string;
  /** Start of the clause it was found in. */
  clause?: number;
}

const GENERAL_EMPLOYMENT = '在职';
const SPECIFIC_EMPLOYMENT = ['新入职', '自由职业', '个体经营', '退休', '待业'];

function cueMatches(cue: Cue, clause: Clause, spans: readonly TokenSpan[]): Array<{ index: number; text: string }> {
  if (cue.match instanceof RegExp) return allMatches(cue.match, clause.text);
  const word = cue.match;
  if (cue.token) {
    const end = clause.start + clause.text.length;
    return spans.filter((s) => s.token === word && s.start >= clause.start && s.end <= end).map((s) => ({ index: s.start - clause.start, text: word }));
  }
  const out: Array<{ index: number; text: string }> = [];
  for (let at = clause.text.indexOf(word); at >= 0; at = clause.text.indexOf(word, at + word.length)) out.push({ index: at, text: word });
  return out;
}

/**
 * The subject at a position of a clause; a clause that names nobody before the cue and goes on
 * with 也/还/又/一直 (我同学在做保险，也在推重疾) keeps the previous clause's subject.
 */
function subjectOf(clauses: readonly Clause[], clause: Clause, at: number, g: InsuranceLexicon['grammar']): SubjectKind {
  const own = subjectAt(clause.text, at, g);
  const i = clauses.indexOf(clause);
  const previous = clauses[i - 1];
  if (own !== 'self' || !previous || !g.continuesSubject.test(clause.text) || namesSomeone(clause.text.slice(0, at), g)) return own;
  return subjectAt(previous.text, previous.bodyLength, g);
}

function namesSomeone(text: string, g: InsuranceLexicon['grammar']): boolean {
  return Object.values(g.persons).some((p) => p.test(text));
}

type Possession = { possessed: false } | { possessed: true; cue: string; negated: boolean };

/** Whether the product named at `at..end` of the clause is one the speaker already has. */
function possessionAt(clause: string, at: number, end: number, lexicon: InsuranceLexicon): Possession {
  const g = lexicon.grammar;
  const windowStart = Math.max(0, at - 10);
  const before = allMatches(g.possessionBefore, clause.slice(windowStart, at)).pop();
  if (before) {
    const p = windowStart + before.index;
    const negated = /(没|没有|未)$/.test(clause.slice(Math.max(0, p - 2), p)) || /^(没|未)/.test(before.text);
    const between = clause.slice(p + before.text.length, at);
    if (!/(想|要|打算|准备|再)买/.test(between)) return { possessed: true, cue: clause.slice(p, end), negated };
  }
  const after = g.possessionAfter.exec(clause.slice(end));
  if (after) return { possessed: true, cue: clause.slice(at, end + after[0].length), negated: false };
  return { possessed: false };
}

/** Whose cover counts as 已有保障: the policy of that objection's rule. */
function coverPolicy(lexicon: InsuranceLexicon): SubjectPolicy {
  return lexicon.objectionRules.find((r) => r.name === '已有保障')?.subjects ?? 'self';
}

function ruleHits(rule: LabelRule, clauses: readonly Clause[], spans: readonly TokenSpan[], lexicon: InsuranceLexicon, possessed: Hit[]): Hit[] {
  const g = lexicon.grammar;
  const hits: Hit[] = [];
  for (const clause of clauses) {
    for (const cue of rule.cues) {
      for (const m of cueMatches(cue, clause, spans)) {
        const forMe = /(给|帮)我/.test(m.text); // 我妈给我买过: the customer is covered
        const subject = forMe ? 'self' : subjectOf(clauses, clause, m.index, g);
        if (!subjectAllowed(rule.subjects, subject)) continue;
        let negationChecked = false;
        if (rule.group === 'insurance_need') {
          const own = possessionAt(clause.text, m.index, m.index + m.text.length, lexicon);
          if (own.possessed && !own.negated) {
            if (subjectAllowed(coverPolicy(lexicon), subject)) possessed.push({ group: rule.group, name: rule.name, confidence: cueConfidence.strong, cue: own.cue });
            continue;
          }
          negationChecked = own.possessed; // 没买过重疾: the negation belongs to the having
        }
        if (!negationChecked && cue.negatable !== false && isNegatedAt(clause.text, m.index, g)) continue;
        const base = cueConfidence[cue.strength];
        hits.push({ group: rule.group, name: rule.name, confidence: subject === 'self' || subject === 'other' ? base : base * 0.85, cue: m.text, clause: clause.start });
      }
    }
  }
  return hits;
}

/** One detection per label: the strongest cue, strengthened a little by each further cue. */
function merge(hits: readonly Hit[]): Hit[] {
  const byLabel = new Map<string, Hit[]>();
  for (const h of hits) byLabel.set(`${h.group}/${h.name}`, [...(byLabel.get(`${h.group}/${h.name}`) ?? []), h]);
  const out: Hit[] = [];
  for (const group of byLabel.values()) {
    const sorted = [...group].sort((a, b) => b.confidence - a.confidence);
    const best = sorted[0];
    if (!best) continue;
    let confidence = best.confidence;
    const seen = new Set([best.cue]);
    for (const h of sorted.slice(1)) {
      if (seen.has(h.cue)) continue;
      seen.add(h.cue);
      confidence += (1 - confidence) / 3;
    }
    out.push({ ...best, confidence: Math.round(Math.min(0.98, confidence) * 100) / 100 });
  }
  return out;
}

/** Specific beats general (see the file comment). */
function resolve(hits: readonly Hit[]): Hit[] {
  const has = (group: string, name: string) => hits.some((h) => h.group === group && h.name === name);
  return hits.filter((h) => {
    if (h.group === 'employment' && h.name === GENERAL_EMPLOYMENT) return !SPECIFIC_EMPLOYMENT.some((n) => has('employment', n));
    if (h.group === 'employment' && h.name === '待业') return !has('employment', '退休');
    if (h.group === 'family_stage' && h.name === '有幼儿') return !(has('family_stage', '孕期') && h.confidence <= cueConfidence.weak);
    return true;
  });
}

/** The tags, objections and intents one utterance shows. */
export function mineUtterance(input: { text: string; tokens: readonly string[] }, lexicon: InsuranceLexicon = defaultLexicon): UtteranceInsights {
  const text = normalizeChat(input.text);
  const clauses = splitClauses(text, lexicon.grammar);
  const spans = locateTokens(text, input.tokens);
  const possessed: Hit[] = [];
  const raw: Hit[] = [];
  for (const rule of [...lexicon.tagRules, ...lexicon.objectionRules, ...lexicon.intentRules]) raw.push(...ruleHits(rule, clauses, spans, lexicon, possessed));

  if (possessed.length) {
    for (const p of possessed) raw.push({ group: 'objection', name: '已有保障', confidence: p.confidence, cue: p.cue });
    if (lexicon.grammar.topUp.test(text)) raw.push(...possessed.map((p) => ({ ...p, confidence: cueConfidence.medium })));
  }

  const complains = new Set(raw.filter((h) => h.group === 'objection' && h.name === '价格').map((h) => h.clause));
  for (const clause of clauses) {
    const complaint = complains.has(clause.start) ? 'clause' : complains.size ? 'utterance' : 'none';
    const reading = readBudget(clause.text, lexicon.budget, complaint);
    if (!reading || !subjectAllowed('household', subjectOf(clauses, clause, reading.start, lexicon.grammar))) continue;
    raw.push({ group: 'budget', name: reading.band, confidence: reading.confidence, cue: reading.cue });
  }

  let hits = resolve(merge(raw));
  const budgets = hits.filter((h) => h.group === 'budget');
  if (budgets.length > 1) {
    const keep = budgets.reduce((a, b) => (b.confidence > a.confidence ? b : a));
    hits = hits.filter((h) => h.group !== 'budget' || h === keep);
  }
  if (lexicon.grammar.addressedToCustomer.test(text)) hits = hits.filter((h) => h.group === 'intent');

  const detected = (h: Hit): Detected => ({ label: `${h.group}/${h.name}`, confidence: h.confidence, cue: h.cue });
  return {
    tags: hits.filter((h) => h.group !== 'objection' && h.group !== 'intent').map((h) => ({ ...detected(h), group: h.group, name: h.name })),
    objections: hits.filter((h) => h.group === 'objection').map((h) => ({ ...detected(h), name: h.name as ObjectionName })),
    intents: hits.filter((h) => h.group === 'intent').map((h) => ({ ...detected(h), name: h.name as IntentName })),
  };
}

/** All labels of an insights result, as `group/name` strings, tags then objections then intents. */
export function insightLabels(insights: UtteranceInsights, minConfidence = 0): string[] {
  return [...insights.tags, ...insights.objections, ...insights.intents].filter((d) => d.confidence >= minConfidence).map((d) => d.label);
}
