import { newLeadRecord, systemMove } from './lead-record';
import { leadSourceDefinitionSchema, type LeadMiningRun, type LeadSourceDefinition } from '@lodestar/shared';
import { chunk } from '../db/sql-lists';
import type { Clock } from '../platform/clock';
import { DomainError, notFound } from '../platform/errors';
import type { IdGenerator } from '../platform/ids';
import { REST_DAYS, cleanLead, type CleaningFacts } from './cleaning.plan';
import { miningQuery, type MiningCandidate, type MiningContext } from './lead-mining.query';
import { MINING_CHUNK, pairKey, type LeadMiningRepository } from './lead-mining.repository';
import type { LeadMoveRecord } from './lead-move.entity';
import type { LeadSourceRecord } from './lead-source.entity';
import type { LeadSourceRepository } from './lead-source.repository';
import type { LeadRecord } from './lead.entity';

/** Told, after the leads are committed, of new leads that are ready for assignment. */
export type ReadyHook = (corpId: string, leadIds: string[]) => Promise<void>;

export interface LeadMiningDeps {
  sources: LeadSourceRepository;
  repo: LeadMiningRepository;
  clock: Clock;
  ids: IdGenerator;
  onReady?: ReadyHook;
}

/** Counts over several sources (mineCustomers). */
export interface MiningTotals {
  sources: number;
  found: number;
  created: number;
  rejected: number;
  skipped: number;
}

export interface SourceRun {
  sourceId: string;
  name: string;
  run: LeadMiningRun;
}

type Counts = Omit<LeadMiningRun, 'at'>;
const zero = (): Counts => ({ found: 0, created: 0, rejected: 0, skipped: 0 });

/**
 * Mining: each enabled lead source's query over the corp's customers, then cleaning (cleaning.plan)
 * and new leads with their moves. A customer has at most one open lead per product line: the open
 * key's unique index decides between processes, the loser counts the candidate as skipped.
 *
 * found = created + skipped; rejected counts the created leads that cleaning dropped.
 */
export class LeadMiningService {
  constructor(private readonly d: LeadMiningDeps) {}

  /** Runs one source over the whole corp (the console's "run now"); the counts become its lastRun. */
  async runSource(corpId: string, sourceId: string): Promise<LeadMiningRun> {
    const source = await this.d.sources.find(corpId, sourceId);
    if (!source) throw notFound('Lead source');
    if (!source.enabled) throw new DomainError('conflict', `Lead source "${source.name}" is disabled: enable it to run it`);
    try {
      return await this.runAndRecord(corpId, source, await this.d.repo.corpTimezone(corpId));
    } catch (error) {
      if (error instanceof BrokenDefinition) throw new DomainError('conflict', `The stored definition no longer holds, save the source again: ${error.message}`);
      throw error;
    }
  }

  /** Runs every enabled source over the whole corp (the schedule). A source whose stored definition no longer parses is reported after the others ran. */
  async runAll(corpId: string): Promise<SourceRun[]> {
    const timezone = await this.d.repo.corpTimezone(corpId);
    const runs: SourceRun[] = [];
    const broken: string[] = [];
    for (const source of await this.d.sources.list(corpId)) {
      if (!source.enabled) continue;
      try {
        runs.push({ sourceId: source.id, name: source.name, run: await this.runAndRecord(corpId, source, timezone) });
      } catch (error) {
        if (!(error instanceof BrokenDefinition)) throw error;
        broken.push(error.message);
      }
    }
    if (broken.length) throw new Error(`Lead sources that could not run: ${broken.join('; ')}`);
    return runs;
  }

  /**
   * Every enabled source, for just these customers (after ingest or a tag change, so a form left a
   * moment ago becomes a lead within seconds). Sources run in their order: a later one finds the
   * lead an earlier one made and skips it.
   */
  async mineCustomers(corpId: string, customerIds: readonly string[]): Promise<MiningTotals> {
    const ids = [...new Set(customerIds)];
    const totals: MiningTotals = { sources: 0, ...zero() };
    if (ids.length === 0) return totals;
    const sources = (await this.d.sources.list(corpId)).filter((s) => s.enabled);
    totals.sources = sources.length;
    if (sources.length === 0) return totals;
    const timezone = await this.d.repo.corpTimezone(corpId);
    const broken: string[] = [];
    for (const part of chunk(ids, MINING_CHUNK)) {
      for (const source of sources) {
        try {
          const c = await this.mine(corpId, source, timezone, part);
          totals.found += c.found;
          totals.created += c.created;
          totals.rejected += c.rejected;
          totals.skipped += c.skipped;
        } catch (error) {
          if (!(error instanceof BrokenDefinition)) throw error;
          if (!broken.includes(error.message)) broken.push(error.message);
        }
      }
    }
    if (broken.length) throw new Error(`Lead sources that could not run: ${broken.join('; ')}`);
    return totals;
  }

  private async runAndRecord(corpId: string, source: LeadSourceRecord, timezone: string): Promise<LeadMiningRun> {
    const at = this.d.clock.now();
    const run: LeadMiningRun = { at: at.toISOString(), ...(await this.mine(corpId, source, timezone)) };
    await this.d.sources.saveLastRun(corpId, source.id, JSON.stringify(run));
    return run;
  }

  /** One source over the corp, or over `customerIds` (at most MINING_CHUNK). */
  private async mine(corpId: string, source: LeadSourceRecord, timezone: string, customerIds?: readonly string[]): Promise<Counts> {
    const definition = parseDefinition(source);
    const ctx: MiningContext = { corpId, now: this.d.clock.now(), timezone };
    const candidates = await this.d.repo.candidates(miningQuery({ productLine: source.productLine, definition }, ctx, customerIds));
    const counts = zero();
    counts.found = candidates.length;
    for (const part of chunk(candidates, MINING_CHUNK)) {
      const c = await this.clean(corpId, source, part, ctx.now);
      counts.created += c.created;
      counts.rejected += c.rejected;
      counts.skipped += c.skipped;
    }
    return counts;
  }

  /** Cleans a part of the candidates and writes the leads it keeps, with the customers locked; then tells of the ready ones. */
  private async clean(corpId: string, source: LeadSourceRecord, candidates: readonly MiningCandidate[], now: Date): Promise<Counts> {
    const { repo } = this.d;
    const { counts, ready } = await repo.lockingCustomers(
      candidates.map((c) => c.customerId),
      async (tx) => {
        const facts = await repo.cleaningFacts(tx, corpId, candidates, new Date(now.getTime() - REST_DAYS * 86_400_000));
        const { leads, moves, skipped } = this.plan(corpId, source, candidates, facts, now);
        const written = await repo.insertLeads(tx, leads, moves);
        const kept = leads.filter((l) => written.has(l.id));
        const c: Counts = {
          found: 0,
          created: kept.length,
          rejected: kept.filter((l) => l.status === 'rejected').length,
          // A lead that did not go in found its open key taken: the customer has an open lead of the line.
          skipped: skipped + leads.length - kept.length,
        };
        return { counts: c, ready: kept.filter((l) => l.status === 'ready').map((l) => l.id) };
      },
    );
    if (ready.length && this.d.onReady) await this.d.onReady(corpId, ready);
    return counts;
  }

  /** The leads and moves cleaning makes of the candidates, and how many it skips. */
  private plan(corpId: string, source: LeadSourceRecord, candidates: readonly MiningCandidate[], facts: ReadonlyMap<string, CleaningFacts>, now: Date): { leads: LeadRecord[]; moves: LeadMoveRecord[]; skipped: number } {
    const { ids } = this.d;
    const leads: LeadRecord[] = [];
    const moves: LeadMoveRecord[] = [];
    let skipped = 0;
    // The cleaning move follows the created move by a millisecond, so the two always sort in order.
    const cleanedAt = new Date(now.getTime() + 1);
    for (const cand of candidates) {
      const f = facts.get(pairKey(cand.customerId, cand.productLine));
      const decision = f ? cleanLead(f, source) : null;
      if (!decision || decision.action === 'skip') {
        skipped += 1;
        continue;
      }
      const rejected = decision.status === 'rejected';
      const lead = newLeadRecord(
        {
          id: ids.next(),
          corpId,
          customerId: cand.customerId,
          productLine: cand.productLine,
          sourceId: source.id,
          detail: cand.detail,
          status: decision.status,
          openKey: rejected ? null : pairKey(cand.customerId, cand.productLine),
          seatGroupId: decision.status === 'calling' ? source.seatGroupId : null,
          rejectReason: rejected ? decision.verdict : null,
          closedAt: rejected ? now : null,
        },
        now,
      );
      leads.push(lead);
      const move = (kind: LeadMoveRecord['kind'], reason: string, at: Date): LeadMoveRecord => systemMove(ids.next(), lead, kind, reason, at);
      moves.push(move('created', `${source.name}: ${cand.detail}`, now), move(decision.move, decision.reason, cleanedAt));
    }
    return { leads, moves, skipped };
  }
}

class BrokenDefinition extends Error {}

/** Definitions were checked when saved; one that no longer parses (the schema moved on) stops that source only. */
function parseDefinition(source: LeadSourceRecord): LeadSourceDefinition {
  try {
    return leadSourceDefinitionSchema.parse(JSON.parse(source.definition));
  } catch (error) {
    throw new BrokenDefinition(`${source.name} (${source.id}): ${error instanceof Error ? error.message : String(error)}`);
  }
}
