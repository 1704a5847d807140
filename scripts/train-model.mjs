#!/usr/bin/env node
/**
 * Trains the high-intent model of the corp on the database `npm start` uses (DATABASE_URL, default
 * sqlite:.data/lodestar.sqlite; the sandbox corp unless WECOM_CORP_ID names another), with a
 * progress bar, then prints how it did on held-out customers against the scoring rules alone (AUC,
 * Brier, calibration), its strongest features, and the version it saved. The version becomes the
 * active one only when it ranks better than the rules.
 *
 *   npm run model:train
 *   DATABASE_URL=mysql://root@127.0.0.1:3306/lodestar npm run model:train
 *
 * The sandbox's demo data has closed leads whose outcomes follow a hidden rule
 * (server/src/sandbox/demo-lead-history.ts), so the numbers mean something on a fresh machine.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import cliProgress from 'cli-progress';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'server', 'dist');
const require = createRequire(import.meta.url);

function fail(message) {
  process.stderr.write(`model:train: ${message}\n`);
  process.exit(1);
}

if (!existsSync(join(dist, 'leads', 'intent-model.service.js'))) fail('the server is not built: run `npm run build` first (npm run model:train does)');

const { loadConfig } = require(join(dist, 'platform', 'config.js'));
const { openDatabase } = require(join(dist, 'db', 'data-source.js'));
const { systemClock } = require(join(dist, 'platform', 'clock.js'));
const { UuidV7Generator } = require(join(dist, 'platform', 'ids.js'));
const { LeadFactsRepository } = require(join(dist, 'leads', 'lead-facts.repository.js'));
const { LeadSettingsRepository } = require(join(dist, 'leads', 'lead-settings.repository.js'));
const { LeadSettingsService } = require(join(dist, 'leads', 'lead-settings.service.js'));
const { IntentModelRepository } = require(join(dist, 'leads', 'intent-model.repository.js'));
const { IntentModelService } = require(join(dist, 'leads', 'intent-model.service.js'));

const phases = { facts: 'Reading customers', train: 'Training (epochs)', evaluate: 'Evaluating' };
const pct = (n) => `${(n * 100).toFixed(1)}%`;
const fixed = (n, d = 3) => (n === null || n === undefined ? '—' : n.toFixed(d));

let config;
try {
  config = loadConfig(process.env);
} catch (error) {
  fail(`configuration: ${error.message}`);
}

const ds = await openDatabase(config.databaseUrl).catch((error) => fail(`cannot open ${config.databaseUrl}: ${error.message}`));
let exitCode = 0;
let bar;
try {
  const [corp] = await ds.query('SELECT id, name FROM corp WHERE wecom_corp_id = ?', [config.wecom.corpId]);
  if (!corp) throw new Error(`no corp ${config.wecom.corpId} in ${config.databaseUrl}: run \`npm start\` once first (in sandbox mode it loads the demo data)`);
  const settings = new LeadSettingsService({
    repo: new LeadSettingsRepository(ds),
    clock: systemClock,
    directory: async () => ({ teamIds: new Set(), staffIds: new Set() }),
  });
  const models = new IntentModelService({
    repo: new IntentModelRepository(ds),
    facts: new LeadFactsRepository(ds),
    scoringModel: async (corpId) => (await settings.get(corpId)).scoring,
    clock: systemClock,
    ids: new UuidV7Generator(systemClock),
  });

  process.stdout.write(`Training the high-intent model of ${corp.name} (${config.databaseUrl})\n`);
  let phase = null;
  const result = await models
    .train(String(corp.id), {
      onProgress(p, done, total) {
        if (p !== phase) {
          bar?.stop();
          phase = p;
          bar = new cliProgress.SingleBar({ format: `${phases[p].padEnd(20)} [{bar}] {value}/{total}`, hideCursor: true }, cliProgress.Presets.shades_classic);
          bar.start(Math.max(total, 1), 0);
        }
        bar.setTotal(Math.max(total, 1));
        bar.update(done);
      },
    })
    .finally(() => bar?.stop());

  const m = result.metrics;
  const lines = [
    '',
    `Examples          ${m.examples} customers with a closed lead (latest one: ${pct(m.positiveRate)} won)`,
    `Train / held out  ${m.train} / ${m.test} (by a hash of the customer id)`,
    `AUC, rules alone  ${fixed(m.auc.rules)}   (the corp's scoring rules, their score as the predictor)`,
    `AUC, model        ${fixed(m.auc.model)}   (${m.features} features, L2 ${m.l2}, ${m.epochs} epochs)`,
    `Brier score       ${fixed(m.brier)}   (always guessing the base rate: ${fixed(m.positiveRate * (1 - m.positiveRate))})`,
    `Log loss          ${fixed(m.logLoss)}`,
    `High intent at    ${fixed(m.threshold, 2)} or more`,
    '',
    'Calibration on the held-out customers',
    '  bin          n   mean predicted   observed',
    ...m.calibration.map((b) => `  ${b.from.toFixed(1)}–${b.to.toFixed(1)}  ${String(b.n).padStart(5)}   ${fixed(b.meanPredicted).padStart(14)}   ${fixed(b.observed).padStart(8)}`),
    '',
    'Strongest features (weight per standard deviation)',
    ...m.topFeatures.map((f) => `  ${(f.weight >= 0 ? '+' : '') + f.weight.toFixed(3)}  ${f.name}`),
    '',
    result.active
      ? `Saved version ${result.version}: ACTIVE (it beats the rules; scoring uses it from the next rescore)`
      : `Saved version ${result.version}: inactive — ${m.reason}`,
    '',
  ];
  process.stdout.write(lines.join('\n'));
} catch (error) {
  bar?.stop();
  const hint = /no closed leads/.test(error.message) ? ' (in sandbox mode, start the server once on an empty database: `npm start` loads demo data with closed leads)' : '';
  process.stderr.write(`model:train: ${error.message}${hint}\n`);
  exitCode = 1;
} finally {
  await ds.destroy();
}
process.exit(exitCode);
