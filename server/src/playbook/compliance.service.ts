import type { ComplianceAlert, ComplianceRuleInput, ComplianceRuleView } from '@lodestar/shared';
import { DomainError, notFound } from '../platform/errors';
import type { Clock } from '../platform/clock';
import type { IdGenerator } from '../platform/ids';
import type { Principal } from '../platform/http/principal';
import type { ComplianceAlertRow } from './compliance-alert.entity';
import type { ComplianceRuleRow } from './compliance-rule.entity';
import type { ComplianceRepository } from './compliance.repository';
import { checkCompliance, validateCustomRule, type ComplianceHit, type ComplianceRule } from './compliance.plan';
import { defaultComplianceRules } from './default-compliance-rules';

export interface ComplianceDeps {
  repo: ComplianceRepository;
  clock: Clock;
  ids: IdGenerator;
  /** Names of staff and customers for the alert list. */
  names: (staffIds: readonly string[], customerIds: readonly string[]) => Promise<Map<string, string>>;
  /** The team a team lead leads (null for others). */
  teamOf: (principal: Principal) => Promise<string | null>;
}

const view = (r: ComplianceRuleRow): ComplianceRuleView => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  value: r.value,
  category: r.category as ComplianceRuleView['category'],
  severity: r.severity,
  enabled: r.enabled,
  builtin: r.builtin,
  updatedAt: r.updatedAt.toISOString(),
});

/** The compliance word list (built in and admin-added), the check, and the alerts it raises. */
export class ComplianceService {
  private readonly cache = new Map<string, { at: number; rules: ComplianceRule[] }>();

  constructor(private readonly d: ComplianceDeps) {}

  /** Puts the built-in rules in a corp's list once (admins may switch them off, not change them). */
  async ensureDefaults(corpId: string): Promise<void> {
    const now = this.d.clock.now();
    const rows = defaultComplianceRules.map((r) => ({ id: this.d.ids.next(), corpId, name: r.name, kind: r.kind, value: r.value, category: r.category, severity: r.severity, enabled: true, builtin: true, updatedAt: now }));
    await this.d.repo.insertMissing(rows);
  }

  async list(corpId: string): Promise<ComplianceRuleView[]> {
    return (await this.d.repo.rules(corpId)).map(view);
  }

  async create(corpId: string, input: ComplianceRuleInput): Promise<ComplianceRuleView> {
    this.validate(input);
    if (await this.d.repo.rule(corpId, { name: input.name })) throw new DomainError('conflict', `A compliance rule named "${input.name}" exists already`);
    const row: ComplianceRuleRow = { id: this.d.ids.next(), corpId, ...input, builtin: false, updatedAt: this.d.clock.now() };
    await this.d.repo.saveRule(row);
    this.cache.delete(corpId);
    return view(row);
  }

  async update(corpId: string, id: string, input: ComplianceRuleInput): Promise<ComplianceRuleView> {
    const row = await this.d.repo.rule(corpId, { id });
    if (!row) throw notFound('Compliance rule');
    if (row.builtin && (input.value !== row.value || input.kind !== row.kind || input.name !== row.name))
      throw new DomainError('bad_request', 'A built-in rule can only be switched on or off, or change its severity', [{ path: 'body.value', message: 'built-in' }]);
    this.validate(input);
    Object.assign(row, input, { updatedAt: this.d.clock.now() });
    await this.d.repo.saveRule(row);
    this.cache.delete(corpId);
    return view(row);
  }

  async remove(corpId: string, id: string): Promise<void> {
    const row = await this.d.repo.rule(corpId, { id });
    if (!row) throw notFound('Compliance rule');
    if (row.builtin) throw new DomainError('conflict', 'A built-in rule cannot be deleted; switch it off instead');
    await this.d.repo.deleteRule(id);
    this.cache.delete(corpId);
  }

  /** Checks a text against the corp's enabled rules (the sidebar calls it before anything is sent). */
  async check(corpId: string, text: string): Promise<ComplianceHit[]> {
    return checkCompliance(text, await this.rules(corpId));
  }

  /** Records the alerts of one agent message (once per message and rule); returns those that are new. */
  async raise(input: { corpId: string; messageId: string; staffId: string; teamId: string | null; customerId: string | null; text: string; hits: readonly ComplianceHit[] }, at: Date): Promise<ComplianceAlertRow[]> {
    if (!input.hits.length) return [];
    const rows: ComplianceAlertRow[] = input.hits.map((h) => ({
      id: this.d.ids.next(),
      corpId: input.corpId,
      messageId: input.messageId,
      staffId: input.staffId,
      teamId: input.teamId,
      customerId: input.customerId,
      ruleId: h.ruleId,
      ruleName: h.name.slice(0, 60),
      category: h.category,
      severity: h.severity,
      matched: h.match.slice(0, 100),
      text: input.text.slice(0, 500),
      status: 'open',
      acknowledgedBy: null,
      acknowledgedAt: null,
      at,
    }));
    return this.d.repo.insertAlerts(rows);
  }

  /** Alerts for an admin (all) or a team lead (their team), newest first. */
  async alerts(principal: Principal, status: 'open' | 'acknowledged' | 'all', limit: number): Promise<{ items: ComplianceAlert[]; open: number }> {
    const teamId = principal.role === 'team_lead' ? ((await this.d.teamOf(principal)) ?? '-') : undefined;
    const rows = await this.d.repo.alerts(principal.corpId, teamId, status, limit);
    const open = await this.d.repo.openAlerts(principal.corpId, teamId);
    const names = await this.d.names(
      rows.map((r) => r.staffId),
      rows.flatMap((r) => (r.customerId ? [r.customerId] : [])),
    );
    const items = rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      staff: { id: r.staffId, name: names.get(r.staffId) ?? r.staffId },
      customer: r.customerId ? { id: r.customerId, name: names.get(r.customerId) ?? r.customerId } : null,
      messageId: r.messageId,
      text: r.text,
      rule: { id: r.ruleId, name: r.ruleName, category: r.category, severity: r.severity },
      match: r.matched,
      status: r.status,
      acknowledgedBy: r.acknowledgedBy,
    }));
    return { items, open };
  }

  async acknowledge(principal: Principal, id: string): Promise<void> {
    const row = await this.d.repo.alert(principal.corpId, id);
    if (!row || (principal.role === 'team_lead' && row.teamId !== (await this.d.teamOf(principal)))) throw notFound('Compliance alert');
    await this.d.repo.acknowledge(id, principal.id, this.d.clock.now());
  }

  private validate(input: ComplianceRuleInput): void {
    const v = validateCustomRule(input);
    if (!v.ok) throw new DomainError('bad_request', `The rule "${input.name}" cannot be used: ${v.reason}`, [{ path: 'body.value', message: v.reason }]);
  }

  /** The enabled rules, read at most every 10 s per process (an admin's edit applies at once here). */
  private async rules(corpId: string): Promise<ComplianceRule[]> {
    const cached = this.cache.get(corpId);
    const now = this.d.clock.now().getTime();
    if (cached && now - cached.at < 10_000 && now >= cached.at) return cached.rules;
    const rows = await this.d.repo.rules(corpId, true);
    const rules = rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, value: r.value, category: r.category as ComplianceRule['category'], severity: r.severity, enabled: r.enabled }));
    this.cache.set(corpId, { at: now, rules });
    return rules;
  }
}
