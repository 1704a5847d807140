/**
 * CI guard for the conversation miner: runs it (with jieba) on the labelled chat sets in
 * scripts/data and asserts micro-F1 ≥ 0.85 on each. See scripts/data/chat-eval.md for what the
 * sets are and what their first-run figures were; `node scripts/eval-chat.mjs` prints the table.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultTagDictionary } from '@lodestar/shared';
import { mineText } from './conversation-miner';
import { insightLabels } from './conversation-miner.plan';
import { scoreLabels, worstCases } from './label-metrics.plan';
import { normalizeChat } from './utterance-text.plan';

const dataDir = join(__dirname, '..', '..', '..', '..', 'scripts', 'data');
const sets = ['chat-eval.jsonl', 'chat-eval-holdout.jsonl', 'chat-eval-holdout2.jsonl', 'chat-eval-holdout3.jsonl'];
const MIN_MICRO_F1 = 0.85;

const load = (file: string): Array<{ text: string; labels: string[] }> =>
  readFileSync(join(dataDir, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { text: string; labels: string[] });

const validLabels = new Set([
  ...defaultTagDictionary.filter((g) => ['insurance_need', 'employment', 'family_stage', 'budget', 'objection'].includes(g.key)).flatMap((g) => g.tags.map((t) => `${g.key}/${t}`)),
  ...['asks_price', 'asks_claims', 'asks_proposal', 'ready_to_buy'].map((n) => `intent/${n}`),
]);

describe('the labelled chat sets', () => {
  it('use only real labels; the main set has 220+ lines and every label 5+ times', () => {
    const main = load('chat-eval.jsonl');
    expect(main.length).toBeGreaterThanOrEqual(220);
    const counts = new Map<string, number>();
    for (const row of main) for (const l of row.labels) counts.set(l, (counts.get(l) ?? 0) + 1);
    expect([...validLabels].filter((l) => (counts.get(l) ?? 0) < 5)).toEqual([]);
    const unknown = sets.flatMap(load).flatMap((r) => r.labels).filter((l) => !validLabels.has(l));
    expect(unknown).toEqual([]);
  });
});

describe.each(sets)('conversation miner on %s', (file) => {
  const rows = load(file);
  const cases = rows.map((r) => {
    const insights = mineText(r.text);
    return { text: r.text, insights, expected: r.labels, got: insightLabels(insights) };
  });

  it(`reaches micro-F1 ≥ ${MIN_MICRO_F1}`, () => {
    const report = scoreLabels(cases);
    if (report.micro.f1 < MIN_MICRO_F1) {
      const misses = worstCases(cases, 10).map((w) => `${w.item.text}  missing ${w.missing.join(',') || '-'}  extra ${w.extra.join(',') || '-'}`);
      throw new Error(`micro-F1 ${report.micro.f1.toFixed(3)} < ${MIN_MICRO_F1}; worst:\n${misses.join('\n')}`);
    }
    expect(report.micro.f1).toBeGreaterThanOrEqual(MIN_MICRO_F1);
  });

  it('explains every detection: a cue found in the text and a confidence in (0, 1]', () => {
    const bad = cases.flatMap((c) =>
      [...c.insights.tags, ...c.insights.objections, ...c.insights.intents]
        .filter((d) => !d.cue || !normalizeChat(c.text).includes(d.cue) || !(d.confidence > 0 && d.confidence <= 1))
        .map((d) => `${c.text}: ${d.label} ${d.cue} ${d.confidence}`),
    );
    expect(bad).toEqual([]);
  });
});
