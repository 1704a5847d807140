import type { CounterDefinition } from '../customers';

/**
 * The filtered counters the corp's rules need (behaviour rules, segments, stage rules, the scoring
 * model, journeys). Every
 * ingest flush asks; a cheap version query (row counts and latest edits of the rule tables) tells
 * whether any process changed a rule since, and only then are the definitions read again.
 */
export class CounterRegistry {
  private readonly cache = new Map<string, { defs: CounterDefinition[]; version: string }>();

  constructor(
    private readonly version: (corpId: string) => Promise<string>,
    private readonly load: (corpId: string) => Promise<CounterDefinition[]>,
  ) {}

  async get(corpId: string): Promise<CounterDefinition[]> {
    const version = await this.version(corpId);
    const hit = this.cache.get(corpId);
    if (hit && hit.version === version) return hit.defs;
    const seen = new Set<string>();
    const defs = (await this.load(corpId)).filter((d) => !seen.has(d.key) && seen.add(d.key));
    this.cache.set(corpId, { defs, version });
    return defs;
  }
}

/** Row counts and the latest edit of every table whose rules may define counters (the scoring model's event rules too). */
export const ruleTablesVersionSql = ['segment', 'stage_rule', 'behaviour_rule', 'lead_settings', 'journey']
  .map((t) => `SELECT '${t}' AS t, COUNT(*) AS n, MAX(updated_at) AS m FROM ${t} WHERE corp_id = ?`)
  .join(' UNION ALL ');
