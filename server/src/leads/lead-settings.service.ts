import { assignmentRuleSetSchema, scoringModelSchema, slaSettingsSchema, type AssignmentRuleSet, type LeadSettings, type ScoringModel, type SlaSettings } from '@lodestar/shared';
import type { Clock } from '../platform/clock';
import { DomainError } from '../platform/errors';
import { defaultAssignmentRules, defaultSlaSettings } from './default-lead-settings';
import { defaultScoringModel } from './default-scoring-model';
import type { LeadSettingsRepository } from './lead-settings.repository';

export interface LeadSettingsDeps {
  repo: LeadSettingsRepository;
  clock: Clock;
  /** Team and staff ids of the corp, to refuse assignment rules that name someone else's. */
  directory: (corpId: string) => Promise<{ teamIds: ReadonlySet<string>; staffIds: ReadonlySet<string> }>;
  /** Told after the scoring model changed: every customer is rescored. */
  onScoringChanged?: (corpId: string) => Promise<void>;
}

/** Settings as stored are re-read through their schemas, so an old row never feeds bad data in. */
function parse(row: { scoring: string; assignment: string; sla: string }): LeadSettings {
  return {
    scoring: scoringModelSchema.parse(JSON.parse(row.scoring)),
    assignment: assignmentRuleSetSchema.parse(JSON.parse(row.assignment)),
    sla: slaSettingsSchema.parse(JSON.parse(row.sla)),
  };
}

/** A corp's scoring model, assignment rules and SLA: read, replaced whole, and created on first start. */
export class LeadSettingsService {
  constructor(private readonly d: LeadSettingsDeps) {}

  /** Parsed settings per corp, by their last edit: every rescore reads them, few change them. */
  private readonly parsed = new Map<string, { at: number; settings: LeadSettings }>();

  async get(corpId: string): Promise<LeadSettings> {
    const row = await this.d.repo.find(corpId);
    if (!row) return { scoring: defaultScoringModel, assignment: defaultAssignmentRules(null), sla: defaultSlaSettings };
    const hit = this.parsed.get(corpId);
    if (hit && hit.at === row.updatedAt.getTime()) return hit.settings;
    const settings = parse(row);
    this.parsed.set(corpId, { at: row.updatedAt.getTime(), settings });
    return settings;
  }

  /** Creates the defaults for a corp without settings; orphan policies go to `serviceTeamId`. */
  async ensureDefaults(corpId: string, serviceTeamId: string | null): Promise<boolean> {
    if (await this.d.repo.find(corpId)) return false;
    return this.d.repo.insert({
      corpId,
      scoring: JSON.stringify(defaultScoringModel),
      assignment: JSON.stringify(defaultAssignmentRules(serviceTeamId)),
      sla: JSON.stringify(defaultSlaSettings),
      updatedBy: null,
      updatedAt: this.d.clock.now(),
    });
  }

  async replaceScoring(corpId: string, by: string | null, model: ScoringModel): Promise<LeadSettings> {
    await this.save(corpId, by, { scoring: JSON.stringify(model) });
    await this.d.onScoringChanged?.(corpId);
    return this.get(corpId);
  }

  async replaceAssignment(corpId: string, by: string | null, rules: AssignmentRuleSet): Promise<LeadSettings> {
    const { teamIds, staffIds } = await this.d.directory(corpId);
    rules.rules.forEach((r, i) => {
      const unknownTeam = [...(r.pool.teamIds ?? []), ...(r.when.teamIds ?? [])].find((t) => !teamIds.has(t));
      if (unknownTeam) throw invalid(`body.rules.${i}`, `rule "${r.name}" names team ${unknownTeam}, which is not a team of this corp`);
      const weights = r.strategy.type === 'weighted' ? Object.keys(r.strategy.weights) : [];
      const unknownStaff = [...(r.pool.staffIds ?? []), ...weights].find((s) => !staffIds.has(s));
      if (unknownStaff) throw invalid(`body.rules.${i}`, `rule "${r.name}" names staff member ${unknownStaff}, who is not in this corp`);
    });
    await this.save(corpId, by, { assignment: JSON.stringify(rules) });
    return this.get(corpId);
  }

  async replaceSla(corpId: string, by: string | null, sla: SlaSettings): Promise<LeadSettings> {
    await this.save(corpId, by, { sla: JSON.stringify(sla) });
    return this.get(corpId);
  }

  private async save(corpId: string, by: string | null, patch: { scoring?: string; assignment?: string; sla?: string }): Promise<void> {
    if (!(await this.d.repo.find(corpId))) {
      const current = await this.get(corpId);
      await this.d.repo.insert({
        corpId,
        scoring: JSON.stringify(current.scoring),
        assignment: JSON.stringify(current.assignment),
        sla: JSON.stringify(current.sla),
        updatedBy: by,
        updatedAt: this.d.clock.now(),
      });
    }
    await this.d.repo.update(corpId, { ...patch, updatedBy: by, updatedAt: this.d.clock.now() });
  }
}

const invalid = (path: string, message: string): DomainError => new DomainError('validation_failed', `${path}: ${message}`, [{ path, message }]);
