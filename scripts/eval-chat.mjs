#!/usr/bin/env node
/**
 * Evaluates the conversation miner on the labelled chat set (scripts/data/chat-eval.jsonl): per
 * label precision, recall, F1 and support, then micro and macro averages, then the worst misses.
 * Exits 1 when micro-F1 is below 0.85.
 *
 *   npm run build && node scripts/eval-chat.mjs
 *   node scripts/eval-chat.mjs --misses 20            more misses
 *   node scripts/eval-chat.mjs --min-confidence 0.6   count only detections at or above 0.6
 *   node scripts/eval-chat.mjs --data scripts/data/chat-eval-holdout.jsonl   another labelled set
 *
 * It runs the compiled miner (server/dist/chat/mining, or the folder in CHAT_EVAL_DIST) and the
 * scoring in label-metrics.plan.js, so what it reports is what the product ships.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = process.env.CHAT_EVAL_DIST ? resolve(process.env.CHAT_EVAL_DIST) : join(root, 'server', 'dist');
const mining = join(dist, 'chat', 'mining');
const dataAt = process.argv.indexOf('--data');
const dataFile = dataAt >= 0 && process.argv[dataAt + 1] ? resolve(process.argv[dataAt + 1]) : join(root, 'scripts', 'data', 'chat-eval.jsonl');
const THRESHOLD = 0.85;
const require = createRequire(import.meta.url);

function fail(message) {
  process.stderr.write(`eval:chat: ${message}\n`);
  process.exit(1);
}

function option(name, fallback) {
  const at = process.argv.indexOf(name);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isFinite(value)) fail(`${name} needs a number`);
  return value;
}

if (!existsSync(join(mining, 'conversation-miner.js'))) fail(`the server is not built (${mining} has no conversation-miner.js): run \`npm run build\` first`);

const { mineText } = require(join(mining, 'conversation-miner.js'));
const { insightLabels } = require(join(mining, 'conversation-miner.plan.js'));
const { scoreLabels, worstCases } = require(join(mining, 'label-metrics.plan.js'));

const minConfidence = option('--min-confidence', 0);
const missCount = option('--misses', 10);

const cases = readFileSync(dataFile, 'utf8')
  .split('\n')
  .map((line, i) => [line.trim(), i + 1])
  .filter(([line]) => line)
  .map(([line, lineNo]) => {
    let row;
    try {
      row = JSON.parse(line);
    } catch (e) {
      fail(`${dataFile}:${lineNo}: not JSON (${e.message})`);
    }
    if (typeof row.text !== 'string' || !Array.isArray(row.labels)) fail(`${dataFile}:${lineNo}: needs "text" and "labels"`);
    return { text: row.text, expected: row.labels, got: insightLabels(mineText(row.text), minConfidence) };
  });

const report = scoreLabels(cases);
const pct = (x) => (x * 100).toFixed(1).padStart(6);
/** Terminal columns: a Chinese character takes two. */
const columns = (s) => [...s].reduce((n, ch) => n + ((ch.codePointAt(0) ?? 0) > 0xff ? 2 : 1), 0);
const width = Math.max(...report.perLabel.map((l) => columns(l.label)), 10);
const pad = (s) => s + ' '.repeat(Math.max(0, width - columns(s)));

const lines = [];
lines.push(`Conversation miner on ${report.cases} utterances (${dataFile.slice(root.length + 1)})${minConfidence ? `, confidence ≥ ${minConfidence}` : ''}`);
lines.push('');
lines.push(`${pad('label')}  ${'P%'.padStart(6)}  ${'R%'.padStart(6)}  ${'F1%'.padStart(6)}  support   tp   fp   fn`);
for (const l of report.perLabel) {
  lines.push(`${pad(l.label)}  ${pct(l.precision)}  ${pct(l.recall)}  ${pct(l.f1)}  ${String(l.support).padStart(7)}  ${String(l.tp).padStart(3)}  ${String(l.fp).padStart(3)}  ${String(l.fn).padStart(3)}`);
}
lines.push('');
lines.push(`${pad('micro')}  ${pct(report.micro.precision)}  ${pct(report.micro.recall)}  ${pct(report.micro.f1)}  ${String(report.micro.tp + report.micro.fn).padStart(7)}  ${String(report.micro.tp).padStart(3)}  ${String(report.micro.fp).padStart(3)}  ${String(report.micro.fn).padStart(3)}`);
lines.push(`${pad('macro')}  ${pct(report.macro.precision)}  ${pct(report.macro.recall)}  ${pct(report.macro.f1)}`);
lines.push('');
const worst = worstCases(cases, missCount);
if (worst.length) {
  lines.push(`Worst ${worst.length} misses:`);
  for (const w of worst) {
    lines.push(`  ${w.item.text}`);
    lines.push(`      expected: ${JSON.stringify(w.item.expected)}  got: ${JSON.stringify(w.item.got)}`);
    lines.push(`      missing: ${w.missing.join(', ') || '-'}   extra: ${w.extra.join(', ') || '-'}`);
  }
  lines.push('');
}
process.stdout.write(lines.join('\n') + '\n');

if (report.micro.f1 < THRESHOLD) {
  fail(`micro-F1 ${(report.micro.f1 * 100).toFixed(1)}% is below ${THRESHOLD * 100}% (${report.micro.fp} false and ${report.micro.fn} missed labels; see the misses above)`);
}
process.stdout.write(`micro-F1 ${(report.micro.f1 * 100).toFixed(1)}% ≥ ${THRESHOLD * 100}%: ok\n`);
