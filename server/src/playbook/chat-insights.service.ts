import type { KeyNodeReach } from '@lodestar/shared';
import { candidatePhrases, createSegmenter, type ChatMessageRepository, type ConversationRepository } from '../chat';
import type { Clock } from '../platform/clock';
import { DomainError } from '../platform/errors';
import type { IdGenerator } from '../platform/ids';
import { defaultSalesSops } from './default-sales-sops';
import { reachRates, type KeyNodeDefinition, type SalesSop } from './key-node.plan';
import type { SalesSopRepository } from './sales-sop.repository';
import type { ScriptLibraryRepository } from './script-library.repository';
import { decideProgress, rankTalkTracks, type ObjectionReply, type ObjectionTalkTracks } from './talk-track.plan';
import type { TalkTrackRepository } from './talk-track.repository';

export interface CandidateTagStore {
  upsert(corpId: string, rows: Array<{ phrase: string; customers: number; count: number; examples: string[] }>, at: Date): Promise<void>;
}

export interface ChatInsightsDeps {
  sops: SalesSopRepository;
  conversations: ConversationRepository;
  messages: ChatMessageRepository;
  tracks: TalkTrackRepository;
  library: ScriptLibraryRepository;
  candidates: CandidateTagStore;
  /** Every tag name of the corp's dictionary (candidates leave them out). */
  dictionaryNames: (corpId: string) => Promise<Set<string>>;
  names: (corpId: string) => Promise<{ staff: Map<string, string>; teams: Map<string, string> }>;
  clock: Clock;
  ids: IdGenerator;
}

const DAY = 86_400_000;

/** The process side of conversation intelligence: SOPs and key-node reach, talk tracks, candidate tags. */
export class ChatInsightsService {
  constructor(private readonly d: ChatInsightsDeps) {}

  /** The corp's SOP per product line: its own where it wrote one, the built-in one otherwise. */
  async sops(corpId: string): Promise<Array<SalesSop & { custom: boolean }>> {
    const own = new Map((await this.d.sops.list(corpId)).map((r) => [r.productLine, JSON.parse(r.nodes) as KeyNodeDefinition[]]));
    const builtIn = defaultSalesSops.map((s) => ({ ...s, nodes: own.get(s.productLine) ?? s.nodes, custom: own.has(s.productLine) }));
    const extra = [...own].filter(([line]) => !defaultSalesSops.some((s) => s.productLine === line)).map(([line, nodes]) => ({ productLine: line as SalesSop['productLine'], nodes, custom: true }));
    return [...builtIn, ...extra];
  }

  async saveSop(corpId: string, productLine: string, nodes: KeyNodeDefinition[]): Promise<SalesSop & { custom: boolean }> {
    const keys = nodes.map((n) => n.key);
    if (new Set(keys).size !== keys.length) throw new DomainError('bad_request', 'Each key node needs its own key', [{ path: 'body.nodes', message: 'duplicate key' }]);
    if (nodes.some((n) => !n.cues.length && !n.signals?.length)) throw new DomainError('bad_request', 'A key node needs at least one cue or signal, or nothing can reach it', [{ path: 'body.nodes', message: 'no cue or signal' }]);
    await this.d.sops.upsert({ id: this.d.ids.next(), corpId, productLine, nodes: JSON.stringify(nodes), updatedAt: this.d.clock.now() });
    return { productLine: productLine as SalesSop['productLine'], nodes, custom: true };
  }

  /** Key-node reach per agent and team for conversations that started in [from, to). */
  async reach(corpId: string, from: Date, to: Date): Promise<KeyNodeReach> {
    const rows = await this.d.conversations.inPeriod(corpId, from, to);
    const nodes = (defaultSalesSops.find((s) => s.productLine === 'any') ?? defaultSalesSops[0]!).nodes.map((n) => ({ key: n.key, name: n.name }));
    const rates = reachRates(
      rows.map((r) => ({ agentId: r.staffId, teamId: r.teamId, nodes: (JSON.parse(r.nodes) as Array<{ key: string }>).map((n) => n.key) })),
      nodes.map((n) => n.key),
    );
    const { staff, teams } = await this.d.names(corpId);
    const row = (id: string, name: string, s: (typeof rates)['overall']) => ({ id, name, conversations: s.conversations, reached: s.reached, rate: s.rate, fullReach: s.fullReach });
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      nodes,
      overall: row('all', 'all', rates.overall),
      agents: rates.agents.map((a) => row(a.agentId, staff.get(a.agentId) ?? a.agentId, a)).sort((a, b) => b.fullReach - a.fullReach || b.conversations - a.conversations),
      teams: rates.teams.map((t) => row(t.teamId, teams.get(t.teamId) ?? t.teamId, t)),
    };
  }

  /**
   * Agent replies to each objection, ranked by how often the customer progressed afterwards
   * (wrote on without a new objection, viewed a proposal or bought within the window).
   */
  async talkTracks(corpId: string, days: number, windowMs = DAY, minUses = 2): Promise<ObjectionTalkTracks[]> {
    const to = this.d.clock.now();
    const from = new Date(to.getTime() - days * DAY);
    const objections = await this.d.tracks.objections(corpId, from, to);
    if (!objections.length) return [];
    const customers = objections.map((o) => o.customerId);
    const messages = await this.d.tracks.messages(corpId, customers, from, new Date(to.getTime() + 1));
    const outcomes = await this.d.tracks.outcomes(corpId, customers, from);
    const byPair = new Map<string, typeof messages>();
    for (const m of messages) byPair.set(`${m.staffId}\u0000${m.customerId}`, [...(byPair.get(`${m.staffId}\u0000${m.customerId}`) ?? []), m]);
    const replies: ObjectionReply[] = [];
    for (const o of objections) {
      const thread = byPair.get(`${o.staffId}\u0000${o.customerId}`) ?? [];
      const i = thread.findIndex((m) => m.id === o.messageId);
      // The agent's first message after the objection, before the customer writes again.
      const reply = thread.slice(i + 1).find((m, k, rest) => m.by === 'staff' && rest.slice(0, k).every((x) => x.by === 'staff'));
      if (i < 0 || !reply) continue;
      const after = thread.filter((m) => m.by === 'customer' && m.at.getTime() > reply.at.getTime());
      const out = outcomes.get(o.customerId);
      const firstAfter = (list: Date[] | undefined) => list?.filter((d) => d.getTime() > reply.at.getTime()).sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
      replies.push({
        objection: o.objection,
        replyText: reply.text,
        agentId: reply.staffId,
        progressed: decideProgress({ replyAt: reply.at, nextCustomerTurns: after, proposalViewedAt: firstAfter(out?.viewed), policyBoughtAt: firstAfter(out?.bought) }, windowMs),
      });
    }
    return rankTalkTracks(replies, { minUses, limit: 10 });
  }

  /** Makes a good reply a script of the library, found by the sidebar for that objection. */
  async promote(corpId: string, input: { objection: string; title: string; body: string; productLine?: string | undefined }) {
    const row = { id: this.d.ids.next(), corpId, trigger: `objection:${input.objection}`, title: input.title, body: input.body, productLine: input.productLine ?? null };
    await this.d.library.addScript(row);
    return row;
  }

  /** Frequent phrases of the last `days` days that no dictionary tag covers, stored for admins to review. */
  async refreshCandidates(corpId: string, days = 30, minCustomers = 3): Promise<number> {
    const since = new Date(this.d.clock.now().getTime() - days * DAY);
    const texts = await this.d.messages.customerTexts(corpId, since, 20_000);
    const segmenter = createSegmenter();
    const found = candidatePhrases(
      texts.map((t) => ({ customerId: t.customerId, text: t.content, tokens: segmenter.cut(t.content) })),
      await this.d.dictionaryNames(corpId),
      { minCustomers, limit: 50 },
    );
    await this.d.candidates.upsert(corpId, found, this.d.clock.now());
    return found.length;
  }
}
