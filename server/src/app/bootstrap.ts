import { isUniqueViolation } from '../db/transaction';
import type { Container } from './container';
import { loadDemoData } from '../sandbox/demo-data.repository';
import { sandboxDefaults } from '../platform/config';
import { predictiveTag } from '../leads';
import { defaultTargets } from '../analytics';


/**
 * First-start work: the corp row, the demo tenant in sandbox mode, the first admin account.
 * Returns the corp id.
 */
export async function bootstrap(c: Container, opts: { demoCustomers?: number } = {}): Promise<{ corpId: string; demo: Record<string, number> | null }> {
  const { config, staff, clock, ids, logger } = c;
  let demo: Record<string, number> | null = null;
  let corp = await staff.findCorpByWecomId(config.wecom.corpId);
  if (!corp && config.sandbox) {
    const started = Date.now();
    const result = await loadDemoData(c.ds, {
      clock,
      ids,
      corpWecomId: config.wecom.corpId,
      staffPassword: sandboxDefaults.adminPassword,
      protectPhone: (phone) => c.phoneVault.protect(phone),
      ...(opts.demoCustomers !== undefined ? { customers: opts.demoCustomers } : {}),
    });
    // Another process may have loaded it first: then this one has nothing to add.
    if (result.created) {
      demo = result.counts;
      logger.info({ counts: result.counts, ms: Date.now() - started }, 'demo data loaded');
    }
    corp = await staff.findCorpByWecomId(config.wecom.corpId);
  }
  if (!corp) {
    const fresh = { id: ids.next(), wecomCorpId: config.wecom.corpId, name: config.wecom.corpId, timezone: 'Asia/Shanghai', createdAt: clock.now() };
    // Several processes may start at once: whoever inserts first wins, the others read it back.
    await staff.insertCorp(fresh).catch((error: unknown) => {
      if (!isUniqueViolation(error)) throw error;
    });
    corp = await staff.findCorpByWecomId(config.wecom.corpId);
    if (!corp) throw new Error(`corp ${config.wecom.corpId} could not be created`);
  }
  // The default tag dictionary and behaviour rules, for a corp that has none yet.
  await c.tagDictionary.ensureDefaults(corp.id, clock.now());
  await c.behaviourRules.ensureDefaults(corp.id, clock.now());
  await c.compliance.ensureDefaults(corp.id);
  // Lead settings, with orphan policies going to the first team; and the model's predictive tag.
  const [serviceTeam] = await c.staff.teams(corp.id);
  await c.leadSettings.ensureDefaults(corp.id, serviceTeam?.id ?? null);
  await c.leadSources.ensureDefaults(corp.id, clock.now());
  await c.tagDictionary.ensureGroup(corp.id, { key: predictiveTag.groupKey, name: predictiveTag.groupName, source: 'model', tags: [predictiveTag.name] }, clock.now());
  // The demo tenant is scored before anyone looks; a real corp's first scores come from the worker.
  if (demo) await c.leadScoring.rescoreAll(corp.id, 'initial');
  // Some demo customers carry an ID number (encrypted, shown masked) so reveals and PIPL exports have one.
  if (demo) await c.personalData.seedDemoIdNumbers(corp.id);
  // …and its lead sources are mined once, so agents open the sidebar to leads already assigned.
  if (demo) await c.leadMining.runAll(corp.id);
  // Sensors SDKs send to project "default" unless told otherwise; the sandbox also has a Segment key.
  await c.trackingSources.ensure(corp.id, 'sensors', sandboxDefaults.sensorsProject, 'Sensors default project');
  if (config.sandbox) await c.trackingSources.ensure(corp.id, 'segment', sandboxDefaults.segmentWriteKey, 'Sandbox Segment source');
  // The sandbox's evaluation targets (only those the corp has not set), so its reports have rows.
  if (config.sandbox) await c.evaluations.seedTargets(corp.id, defaultTargets());
  if (config.admin) {
    const outcome = await c.auth.ensureAdmin(corp.id, config.admin.username, config.admin.password);
    if (outcome === 'created') logger.info({ username: config.admin.username }, 'admin account created');
  }
  return { corpId: corp.id, demo };
}
