/**
 * Key nodes of the sales process (销售关键节点): an admin describes a product line's sales SOP as
 * ordered nodes (needs probing, coverage gap, proposal, objection handled, closing); each archived
 * conversation is marked with the nodes it reached; reach rates are compared per agent and team.
 * The built-in SOPs are default-sales-sops.ts. Pure: no I/O, no clock.
 */

export type ProductLineOrAny = 'critical_illness' | 'medical' | 'accident' | 'travel_accident' | 'life' | 'annuity' | 'any';

/**
 * Facts a node may be reached by besides its cues:
 * - objection_detected: a customer turn carrying an objection (from the miner);
 * - objection_handled: a customer objection, then an agent reply, then a customer turn with no
 *   objection (the customer keeps engaging); a new objection before that restarts the pattern;
 * - proposal_shared / proposal_viewed: the outside signals passed to markKeyNodes;
 * - asks_proposal / ready_to_buy: a turn whose intents (from the miner) include that intent.
 */
export type KeyNodeSignal = 'objection_detected' | 'objection_handled' | 'proposal_shared' | 'proposal_viewed' | 'asks_proposal' | 'ready_to_buy';

export interface KeyNodeDefinition {
  /** Stable key, e.g. `needs_probing`; reach rates are keyed by it. */
  key: string;
  name: string;
  /** Whose turns the cues are looked for in (signals are not limited by it). */
  by: 'agent' | 'customer' | 'either';
  /**
   * Phrases that reach the node when a turn contains one: literal text, matched on NFKC text and
   * case-insensitively, where `*` stands for up to 6 characters inside one clause (`收入*多少`
   * matches 收入大概多少). Literal on purpose: admins edit them, and nothing they type can make
   * the matcher backtrack. An empty cue or one of only `*` is ignored.
   */
  cues: string[];
  signals?: KeyNodeSignal[];
}

export interface SalesSop {
  productLine: ProductLineOrAny;
  /** In the order the sales process expects them. */
  nodes: KeyNodeDefinition[];
}

export interface ConversationTurn {
  id: string;
  by: 'agent' | 'customer';
  text: string;
  at: Date;
  /** Objections the miner found in this turn (e.g. 价格, 信任); customer turns only matter. */
  objections: string[];
  /** Intents the miner found in this turn (e.g. asks_proposal, ready_to_buy). */
  intents: string[];
}

export interface OutsideSignals {
  proposalShared?: Date | null;
  proposalViewed?: Date | null;
}

export interface ReachedNode {
  key: string;
  name: string;
  /** The turn that reached it, or null when an outside signal did (proposal shared / viewed). */
  turnId: string | null;
  at: Date;
}

const CUE_GAP = '[^,，。.!！?？;；:：\\n]{0,6}';
const escapeRegExp = (s: string): string => s.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');

/** A cue as a RegExp, or null when it would match anything. */
export function cueRegExp(cue: string): RegExp | null {
  const parts = cue.normalize('NFKC').trim().split('*');
  if (!parts.some((p) => p.trim())) return null;
  return new RegExp(parts.map(escapeRegExp).join(CUE_GAP), 'iu');
}

/** The SOP for a product line: its own when the corp (or the defaults) has one, else the `any` one. */
export function pickSop(sops: readonly SalesSop[], productLine: ProductLineOrAny | null | undefined): SalesSop | null {
  return sops.find((s) => s.productLine === productLine) ?? sops.find((s) => s.productLine === 'any') ?? null;
}

interface Candidate {
  turnId: string | null;
  at: Date;
}

const earlier = (a: Candidate | null, b: Candidate | null): Candidate | null => {
  if (!a) return b;
  if (!b) return a;
  // On a tie the turn wins over an outside signal: it says where in the chat it happened.
  if (b.at.getTime() < a.at.getTime() || (b.at.getTime() === a.at.getTime() && a.turnId === null && b.turnId !== null)) return b;
  return a;
};

/** The customer turn that completes objection → agent reply → customer keeps engaging, if any. */
export function objectionHandledTurn(turns: readonly ConversationTurn[]): ConversationTurn | null {
  let state: 'idle' | 'objected' | 'replied' = 'idle';
  for (const t of turns) {
    if (t.by === 'customer') {
      if (t.objections.length) state = 'objected';
      else if (state === 'replied') return t;
    } else if (state === 'objected') {
      state = 'replied';
    }
  }
  return null;
}

function signalCandidate(signal: KeyNodeSignal, turns: readonly ConversationTurn[], outside: OutsideSignals, startsAt: number): Candidate | null {
  const fromTurn = (t: ConversationTurn | null | undefined): Candidate | null => (t ? { turnId: t.id, at: t.at } : null);
  const fromOutside = (at: Date | null | undefined): Candidate | null => (at && at.getTime() >= startsAt ? { turnId: null, at } : null);
  switch (signal) {
    case 'objection_detected':
      return fromTurn(turns.find((t) => t.by === 'customer' && t.objections.length > 0));
    case 'objection_handled':
      return fromTurn(objectionHandledTurn(turns));
    case 'proposal_shared':
      return fromOutside(outside.proposalShared);
    case 'proposal_viewed':
      return fromOutside(outside.proposalViewed);
    case 'asks_proposal':
    case 'ready_to_buy':
      return fromTurn(turns.find((t) => t.intents.includes(signal)));
    default: {
      const unknown: never = signal;
      throw new Error(`unknown key-node signal ${String(unknown)}`);
    }
  }
}

/**
 * The SOP nodes one conversation reached, in SOP order, each once, at its first reaching turn:
 * the earliest turn (by `by`) containing one of its cues, or the earliest of its signals. Outside
 * signals are the caller's for this conversation; one dated before the conversation's first turn
 * is ignored (it belongs to an earlier one), one after its last turn counts (a proposal viewed
 * the next morning). Turns are expected in time order (splitConversations gives them so).
 */
export function markKeyNodes(turns: readonly ConversationTurn[], sop: SalesSop, signals: OutsideSignals = {}): ReachedNode[] {
  if (!turns.length) return [];
  const startsAt = Math.min(...turns.map((t) => t.at.getTime()));
  const texts = turns.map((t) => t.text.normalize('NFKC'));
  const reached: ReachedNode[] = [];
  for (const node of sop.nodes) {
    if (reached.some((r) => r.key === node.key)) continue;
    const cues = node.cues.map(cueRegExp).filter((re): re is RegExp => re !== null);
    let best: Candidate | null = null;
    if (cues.length) {
      const i = turns.findIndex((t, k) => (node.by === 'either' || t.by === node.by) && cues.some((re) => re.test(texts[k]!)));
      if (i >= 0) best = { turnId: turns[i]!.id, at: turns[i]!.at };
    }
    for (const s of node.signals ?? []) best = earlier(best, signalCandidate(s, turns, signals, startsAt));
    if (best) reached.push({ key: node.key, name: node.name, turnId: best.turnId, at: best.at });
  }
  return reached;
}

/**
 * Cuts a customer's turns into conversations: a new one starts after a silence longer than
 * `gapMs` (a silence of exactly gapMs does not cut). The input should be in time order; a copy is
 * sorted stably anyway, so equal times keep their order.
 */
export function splitConversations(turns: readonly ConversationTurn[], gapMs: number): ConversationTurn[][] {
  const sorted = [...turns].sort((a, b) => a.at.getTime() - b.at.getTime());
  const conversations: ConversationTurn[][] = [];
  let current: ConversationTurn[] = [];
  for (const t of sorted) {
    const last = current[current.length - 1];
    if (last && t.at.getTime() - last.at.getTime() > gapMs) {
      conversations.push(current);
      current = [];
    }
    current.push(t);
  }
  if (current.length) conversations.push(current);
  return conversations;
}

export interface ReachRow {
  agentId: string;
  teamId: string | null;
  /** The node keys one conversation reached. */
  nodes: readonly string[];
}

export interface ReachStats {
  conversations: number;
  /** Conversations reaching each node (every key of nodeKeys present, 0 when none did). */
  reached: Record<string, number>;
  /** reached / conversations, per node. */
  rate: Record<string, number>;
  /** Conversations reaching every node. */
  fullReached: number;
  /** fullReached / conversations; 0 when there are no nodes to reach. */
  fullReach: number;
}

export interface ReachRates {
  agents: Array<{ agentId: string } & ReachStats>;
  /** Conversations without a team count for their agent and overall only. */
  teams: Array<{ teamId: string } & ReachStats>;
  overall: ReachStats;
}

function stats(rows: readonly ReachRow[], nodeKeys: readonly string[]): ReachStats {
  const reached: Record<string, number> = Object.fromEntries(nodeKeys.map((k) => [k, 0]));
  let fullReached = 0;
  for (const row of rows) {
    const got = new Set(row.nodes);
    for (const k of nodeKeys) if (got.has(k)) reached[k]! += 1;
    if (nodeKeys.length && nodeKeys.every((k) => got.has(k))) fullReached += 1;
  }
  const n = rows.length;
  const share = (x: number): number => (n ? x / n : 0);
  return { conversations: n, reached, rate: Object.fromEntries(nodeKeys.map((k) => [k, share(reached[k]!)])), fullReached, fullReach: share(fullReached) };
}

function groupBy(rows: readonly ReachRow[], key: (r: ReachRow) => string | null): Map<string, ReachRow[]> {
  const groups = new Map<string, ReachRow[]>();
  for (const r of rows) {
    const k = key(r);
    if (k === null) continue;
    const group = groups.get(k);
    if (group) group.push(r);
    else groups.set(k, [r]);
  }
  return new Map([...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Reach rates over conversations (one row each), per agent, per team and overall, for the given
 * node keys (a row's other keys are ignored, a repeated key counts once). Agents and teams are
 * sorted by id. Rates are plain fractions; rounding is the console's.
 */
export function reachRates(rows: readonly ReachRow[], nodeKeys: readonly string[]): ReachRates {
  const keys = [...new Set(nodeKeys)];
  return {
    agents: [...groupBy(rows, (r) => r.agentId)].map(([agentId, rs]) => ({ agentId, ...stats(rs, keys) })),
    teams: [...groupBy(rows, (r) => r.teamId)].map(([teamId, rs]) => ({ teamId, ...stats(rs, keys) })),
    overall: stats(rows, keys),
  };
}
