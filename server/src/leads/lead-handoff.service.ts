import type { LeadProductLine, LeadStatus } from '@lodestar/shared';
import type { Clock } from '../platform/clock';
import { clip, MOVE_REASON_MAX as REASON_MAX, newLeadRecord, systemMove } from './lead-record';
import { DomainError, notFound } from '../platform/errors';
import type { IdGenerator } from '../platform/ids';
import { REST_DAYS, type CleaningFacts } from './cleaning.plan';
import type { LeadAssignmentService } from './lead-assignment.service';
import { DETAIL_MAX } from './lead-mining.query';
import { pairKey, type LeadMiningRepository } from './lead-mining.repository';
import type { LeadMoveRecord } from './lead-move.entity';
import type { LeadSourceRecord } from './lead-source.entity';
import type { LeadSourceService } from './lead-source.service';
import type { LeadRecord } from './lead.entity';
import type { LeadRepository, LeadRow } from './lead.repository';

export interface HandoffRequest {
  corpId: string;
  customerId: string;
  productLine: LeadProductLine;
  reason: string;
  /** e.g. the journey's name, recorded on the lead's detail and move */
  origin: string;
}

export interface HandoffResult {
  leadId: string;
  status: LeadStatus;
  /** The agent who has the lead now; null when nobody could take it (it waits in the pool). */
  staffId: string | null;
  /** True when the hand-off made a new lead; false when the customer had an open one of the line. */
  created: boolean;
}

export interface LeadHandoffDeps {
  leads: LeadRepository;
  /** The miner's writes: the customer lock, the facts cleaning reads (noted here, not applied), the insert the open key guards. */
  mining: LeadMiningRepository;
  /** Makes the corp's built-in hand-off source on first use. */
  sources: LeadSourceService;
  assignment: LeadAssignmentService;
  clock: Clock;
  ids: IdGenerator;
}

const DAY_MS = 86_400_000;
/** An insert that loses the open key to another writer rereads that writer's lead; three tries is plenty. */
const ATTEMPTS = 3;

/**
 * How a customer journey hands a customer to an agent: through a lead and the corp's assignment
 * rules, so the rules (not the journey) decide who takes it, and the agent hears of it the usual way
 * ('lead.assigned' from LeadAssignmentService).
 *
 * A customer has at most one open lead per product line, so a hand-off first looks for that lead:
 * one with an agent stays with the agent (the hand-off is written on its history); one waiting
 * (ready, in the pool, or queued for a seat group's call) goes through the rules now. Only without
 * an open lead is a new one made, from the built-in hand-off source (kind `handoff`, so rules can
 * single these leads out). Cleaning is skipped on purpose, since a hand-off is an explicit
 * operations decision, but never silently: what cleaning would have objected to (do-not-contact,
 * a recently closed lead, no way to reach them) is written on the lead's first moves.
 */
export class LeadHandoffService {
  constructor(private readonly d: LeadHandoffDeps) {}

  handOff(req: HandoffRequest): Promise<HandoffResult> {
    return this.one(req, new Map());
  }

  /** One result per request, in order; the hand-off source is looked up once per corp. */
  async handOffMany(reqs: HandoffRequest[]): Promise<HandoffResult[]> {
    const sources = new Map<string, LeadSourceRecord>();
    const out: HandoffResult[] = [];
    for (const req of reqs) out.push(await this.one(req, sources));
    return out;
  }

  private async one(req: HandoffRequest, sources: Map<string, LeadSourceRecord>): Promise<HandoffResult> {
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const open = await this.openLead(req);
      if (open) return this.again(open, req);
      const id = await this.create(req, await this.source(req.corpId, sources));
      if (id) return this.assign(req.corpId, id, true);
    }
    throw new DomainError('conflict', `The customer's ${req.productLine} lead kept changing during the hand-off; try again`);
  }

  /** The customer's open lead of the line (the open key allows one at most). */
  private async openLead(req: HandoffRequest): Promise<LeadRow | null> {
    const page = await this.d.leads.list({ kind: 'corp', corpId: req.corpId }, { customerId: req.customerId, productLine: req.productLine, open: 'true', limit: 1, offset: 0 });
    return page.items[0] ?? null;
  }

  private async source(corpId: string, cache: Map<string, LeadSourceRecord>): Promise<LeadSourceRecord> {
    const known = cache.get(corpId);
    if (known) return known;
    const source = await this.d.sources.ensureHandoffSource(corpId, this.d.clock.now());
    cache.set(corpId, source);
    return source;
  }

  /** A hand-off of a customer who has an open lead of the line already. */
  private async again(lead: LeadRow, req: HandoffRequest): Promise<HandoffResult> {
    const { leads, ids } = this.d;
    const now = this.d.clock.now();
    const note = clip(`${req.origin} 再次转交客户：${req.reason}`, REASON_MAX);
    switch (lead.status) {
      case 'assigned':
        // The agent keeps the customer; the SLA is theirs to keep, so this move is not their activity.
        await leads.inTransaction((em) => leads.addMove(em, ids.next(), lead, { kind: 'activity', reason: note, actor: 'system' }, now));
        return { leadId: lead.id, status: 'assigned', staffId: lead.ownerStaffId, created: false };
      case 'calling':
        // Out of the seat group's call queue: the journey has decided the customer needs an agent now.
        await leads.inTransaction(async (em) => {
          if (!(await leads.transition(em, lead.id, ['calling'], { status: 'ready', callbackAt: null, updatedAt: now }))) return;
          await leads.addMove(em, ids.next(), lead, { kind: 'ready', reason: clip(`${note}（不再等待外呼，转分配）`, REASON_MAX), actor: 'system' }, now);
        });
        return this.assign(lead.corpId, lead.id, false);
      case 'ready':
      case 'pool':
        await leads.inTransaction((em) => leads.addMove(em, ids.next(), lead, { kind: 'activity', reason: note, actor: 'system' }, now));
        return this.assign(lead.corpId, lead.id, false);
      case 'won':
      case 'lost':
      case 'rejected':
        // The open-lead query never returns a closed lead.
        throw new Error(`lead ${lead.id} is ${lead.status}, not open`);
      default: {
        const never: never = lead.status;
        throw new Error(`unknown lead status ${String(never)}`);
      }
    }
  }

  /**
   * A new ready lead from the hand-off source, written with the customer locked like the miner
   * writes; null when the customer has an open lead of the line after all (another writer won).
   */
  private async create(req: HandoffRequest, source: LeadSourceRecord): Promise<string | null> {
    const { mining } = this.d;
    const now = this.d.clock.now();
    const candidate = { customerId: req.customerId, productLine: req.productLine, detail: '' };
    return mining.lockingCustomers([req.customerId], async (tx) => {
      const facts = (await mining.cleaningFacts(tx, req.corpId, [candidate], new Date(now.getTime() - REST_DAYS * DAY_MS))).get(pairKey(req.customerId, req.productLine));
      if (!facts) throw notFound('Customer');
      if (facts.openLead) return null;
      const { lead, moves } = handoffLead(req, source, facts, now, () => this.d.ids.next());
      const written = await mining.insertLeads(tx, [lead], moves);
      return written.has(lead.id) ? lead.id : null;
    });
  }

  /** Runs the assignment rules on the lead and reads where it ended up. */
  private async assign(corpId: string, leadId: string, created: boolean): Promise<HandoffResult> {
    await this.d.assignment.assignWaiting(corpId, [leadId]);
    const lead = await this.d.leads.get(corpId, leadId);
    if (!lead) throw notFound('Lead');
    return { leadId, status: lead.status, staffId: lead.ownerStaffId, created };
  }
}

/** What cleaning would have objected to, for the record: a hand-off overrides it, it does not hide it. */
export function cleaningOverridden(f: CleaningFacts): string {
  const noted: string[] = [];
  if (f.doNotContact) noted.push('the customer’s number is on the do-not-contact list');
  if (f.recentlyClosed) noted.push(`a lead of this line was closed within the last ${REST_DAYS} days`);
  if (f.phone !== 'valid' && !f.wecom) noted.push(f.phone === 'none' ? 'no phone number and no WeCom relationship' : 'no valid mobile number and no WeCom relationship');
  if (f.lastRejection) noted.push(`the last lead of this line was rejected (${f.lastRejection})`);
  const head = 'handoff: cleaning skipped, a journey hand-off is an operations decision; ready for assignment';
  return noted.length ? `${head}; note: ${noted.join('; ')}` : head;
}

/**
 * The new lead and its two moves, created then ready, at the same instant: the history sorts by (at, id)
 * and ids count up, so they keep their order, and the assignment that follows at once (same
 * millisecond, later id) sorts after them. (Ready a millisecond later put it after such an assignment.)
 */
export function handoffLead(req: HandoffRequest, source: LeadSourceRecord, facts: CleaningFacts, now: Date, nextId: () => string): { lead: LeadRecord; moves: LeadMoveRecord[] } {
  const detail = clip(`${req.origin}：${req.reason}`, DETAIL_MAX);
  const lead = newLeadRecord(
    { id: nextId(), corpId: req.corpId, customerId: req.customerId, productLine: req.productLine, sourceId: source.id, detail, status: 'ready', openKey: pairKey(req.customerId, req.productLine) },
    now,
  );

  const move = (kind: LeadMoveRecord['kind'], reason: string, at: Date): LeadMoveRecord => systemMove(nextId(), lead, kind, reason, at);
  return { lead, moves: [move('created', `${source.name}: ${detail}`, now), move('ready', cleaningOverridden(facts), now)] };
}
