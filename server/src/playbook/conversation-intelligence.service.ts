import type { ChatInsightPayload, ComplianceNoticePayload } from '@lodestar/shared';
import { mineText, type ChatInsightRow, type ChatMessageRepository, type ChatMessageRow, type ConversationRepository, type ConversationRow, type UtteranceInsights } from '../chat';
import { productLineNames } from '../customers';
import type { Clock } from '../platform/clock';
import type { IdGenerator } from '../platform/ids';
import type { ComplianceService } from './compliance.service';
import { conversationEvents, type ConversationEvent } from './conversation-events.plan';
import { markKeyNodes, pickSop, type ConversationTurn, type ProductLineOrAny, type SalesSop } from './key-node.plan';
import type { ScriptLibraryRepository } from './script-library.repository';

/** A silence longer than this starts a new conversation between an agent and a customer. */
export const conversationGapMs = 12 * 3600_000;

/** The product line of an insurance-need tag (重疾险 → critical_illness), from the customers domain's names. */
const needLines: Record<string, string> = Object.fromEntries(Object.entries(productLineNames).map(([line, name]) => [name, line]));

export interface ConversationIntelligenceDeps {
  messages: ChatMessageRepository;
  conversations: ConversationRepository;
  compliance: ComplianceService;
  library: ScriptLibraryRepository;
  /** The corp's dictionary: tag id by `group key/name`. */
  dictionary: (corpId: string) => Promise<Map<string, string>>;
  /** Puts conversation tags on customers (the customers domain's tagging, which tells everyone downstream). */
  tag: (corpId: string, edits: Array<{ customerId: string; add: Array<{ tagId: string; evidence: string; confidence: number }> }>, at: Date) => Promise<void>;
  /** The corp's sales SOPs, its own first. */
  sops: (corpId: string) => Promise<SalesSop[]>;
  people: (corpId: string, staffIds: readonly string[], customerIds: readonly string[]) => Promise<{ names: Map<string, string>; teams: Map<string, { teamId: string | null; leadStaffId: string | null }> }>;
  clock: Clock;
  ids: IdGenerator;
}

export interface IntelligenceOutcome {
  /** For each agent: the live card of what the customer just showed. */
  insights: Array<{ staffId: string; payload: ChatInsightPayload }>;
  /** For each team lead: an agent message that broke a rule. */
  alerts: Array<{ leadStaffId: string; payload: ComplianceNoticePayload }>;
  /** What customers' messages showed, as customer events (journeys wait and branch on them). */
  events: ConversationEvent[];
  mined: number;
}

const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * What every newly archived message teaches: customer messages are mined for tags (put on the
 * customer with the sentence as evidence), objections and intents (the agent's live card with the
 * best scripts); agent messages are checked against the compliance list (alerts to the team lead);
 * both extend the pair's conversation and the key nodes of the sales SOP it reached.
 */
export class ConversationIntelligenceService {
  constructor(private readonly d: ConversationIntelligenceDeps) {}

  async process(corpId: string, rows: readonly ChatMessageRow[]): Promise<IntelligenceOutcome> {
    const outcome: IntelligenceOutcome = { insights: [], alerts: [], events: [], mined: 0 };
    const pending = rows.filter((r) => r.mined === 'pending').sort((a, b) => a.sentAt.getTime() - b.sentAt.getTime() || a.seq - b.seq);
    if (!pending.length) return outcome;
    const now = this.d.clock.now();
    const dictionary = await this.d.dictionary(corpId);
    const people = await this.d.people(
      corpId,
      pending.flatMap((r) => (r.staffId ? [r.staffId] : [])),
      pending.flatMap((r) => (r.customerId ? [r.customerId] : [])),
    );
    const insightRows: ChatInsightRow[] = [];
    const tagEdits = new Map<string, Array<{ tagId: string; evidence: string; confidence: number }>>();
    for (const row of pending) {
      const text = row.content ?? '';
      if (row.senderKind === 'customer') {
        const found = mineText(text);
        insightRows.push(...this.insightRows(corpId, row, found));
        outcome.events.push(...conversationEvents(row, found));
        for (const t of [...found.tags.map((x) => ({ key: `${x.group}/${x.name}`, x })), ...found.objections.map((x) => ({ key: `objection/${x.name}`, x }))]) {
          const tagId = dictionary.get(t.key);
          if (!tagId || !row.customerId) continue;
          const list = tagEdits.get(row.customerId) ?? [];
          list.push({ tagId, evidence: clip(text, 200), confidence: t.x.confidence });
          tagEdits.set(row.customerId, list);
        }
        if (row.staffId && row.customerId && !row.roomId && (found.tags.length || found.objections.length || found.intents.length)) {
          outcome.insights.push({ staffId: row.staffId, payload: await this.card(corpId, row, found, people.names) });
        }
      } else if (row.senderKind === 'staff' && row.staffId) {
        const hits = await this.d.compliance.check(corpId, text);
        for (const h of hits) insightRows.push(this.insight(corpId, row, 'compliance', h.category, h.name, 1, h.match));
        const team = people.teams.get(row.staffId);
        const stored = await this.d.compliance.raise({ corpId, messageId: row.id, staffId: row.staffId, teamId: team?.teamId ?? null, customerId: row.customerId, text, hits }, row.sentAt);
        if (stored.length && team?.leadStaffId) {
          outcome.alerts.push({
            leadStaffId: team.leadStaffId,
            payload: {
              alertId: stored[0]!.id,
              staff: { id: row.staffId, name: people.names.get(row.staffId) ?? row.staffId },
              customer: row.customerId ? { id: row.customerId, name: people.names.get(row.customerId) ?? row.customerId } : null,
              text: clip(text, 500),
              rules: stored.map((a) => ({ name: a.ruleName, category: a.category, severity: a.severity, match: a.matched })),
            },
          });
        }
      }
      outcome.mined += 1;
    }
    await this.d.messages.saveMining(
      pending.map((r) => r.id),
      insightRows,
      'mined',
    );
    if (tagEdits.size) await this.d.tag(corpId, [...tagEdits].map(([customerId, add]) => ({ customerId, add })), now);
    await this.updateConversations(corpId, pending);
    return outcome;
  }

  private insight(corpId: string, row: ChatMessageRow, kind: ChatInsightRow['kind'], grp: string | null, label: string, confidence: number, cue: string): ChatInsightRow {
    return { id: this.d.ids.next(), corpId, messageId: row.id, customerId: row.customerId, staffId: row.staffId, kind, grp, label: label.slice(0, 64), confidence, cue: cue.slice(0, 100), at: row.sentAt };
  }

  private insightRows(corpId: string, row: ChatMessageRow, found: UtteranceInsights): ChatInsightRow[] {
    return [
      ...found.tags.map((t) => this.insight(corpId, row, 'tag', t.group, t.name, t.confidence, t.cue)),
      ...found.objections.map((o) => this.insight(corpId, row, 'objection', 'objection', o.name, o.confidence, o.cue)),
      ...found.intents.map((i) => this.insight(corpId, row, 'intent', 'intent', i.name, i.confidence, i.cue)),
    ];
  }

  /** The agent's card: what was found, and the scripts and articles that answer it, best first. */
  private async card(corpId: string, row: ChatMessageRow, found: UtteranceInsights, names: Map<string, string>): Promise<ChatInsightPayload> {
    const needs = found.tags.filter((t) => t.group === 'insurance_need');
    const triggers = [...found.objections.map((o) => `objection:${o.name}`), ...found.intents.map((i) => `intent:${i.name}`), ...needs.map((n) => `need:${n.name}`)];
    const lines = needs.map((n) => needLines[n.name]).filter((l): l is string => !!l);
    const scripts = (await this.d.library.scripts(corpId, triggers, 5))
      // Objections first (the customer is waiting for an answer), then intents, then needs; same line first.
      .sort((a, b) => triggers.indexOf(a.trigger) - triggers.indexOf(b.trigger) || Number(lines.includes(b.productLine ?? '')) - Number(lines.includes(a.productLine ?? '')))
      .slice(0, 5);
    const articles = await this.d.library.articles(corpId, lines, 3);
    const detected = (x: { name: string; confidence: number; cue: string; group?: string }) => ({ name: x.name, confidence: x.confidence, cue: x.cue, ...(x.group ? { group: x.group } : {}) });
    return {
      customer: { id: row.customerId!, name: names.get(row.customerId!) ?? row.customerId! },
      messageId: row.id,
      text: clip(row.content ?? '', 500),
      needs: found.tags.map(detected),
      objections: found.objections.map(detected),
      intents: found.intents.map(detected),
      scripts: scripts.map((s) => ({ id: s.id, trigger: s.trigger, title: s.title, body: s.body, productLine: s.productLine })),
      articles: articles.map((a) => ({ id: a.id, title: a.title, summary: a.summary, productLine: a.productLine })),
    };
  }

  /** Extends each pair's conversation (or starts one after the gap) and marks its key nodes again. */
  private async updateConversations(corpId: string, rows: readonly ChatMessageRow[]): Promise<void> {
    const pairs = new Map<string, ChatMessageRow[]>();
    for (const r of rows) {
      if (!r.staffId || !r.customerId || r.roomId) continue;
      const key = `${r.staffId}\u0000${r.customerId}`;
      pairs.set(key, [...(pairs.get(key) ?? []), r]);
    }
    if (!pairs.size) return;
    const sops = await this.d.sops(corpId);
    for (const list of pairs.values()) {
      const first = list[0]!;
      let conv: ConversationRow | null = await this.d.conversations.latest(first.staffId!, first.customerId!);
      if (!conv || first.sentAt.getTime() - conv.lastAt.getTime() > conversationGapMs) {
        conv = { id: this.d.ids.next(), corpId, staffId: first.staffId!, customerId: first.customerId!, startedAt: first.sentAt, lastAt: first.sentAt, messages: 0, productLine: 'any', nodes: '[]' };
      }
      const messages = (await this.d.messages.between(conv.staffId, conv.customerId, conv.startedAt)).filter((m) => m.content && m.senderKind !== 'other');
      const insights = await this.d.messages.insightsOf(messages.map((m) => m.id));
      const turns: ConversationTurn[] = messages.map((m) => ({
        id: m.id,
        by: m.senderKind === 'staff' ? 'agent' : 'customer',
        text: m.content ?? '',
        at: m.sentAt,
        objections: insights.filter((i) => i.messageId === m.id && i.kind === 'objection').map((i) => i.label),
        intents: insights.filter((i) => i.messageId === m.id && i.kind === 'intent').map((i) => i.label),
      }));
      const lastNeed = [...insights].reverse().find((i) => i.kind === 'tag' && i.grp === 'insurance_need');
      const productLine = (lastNeed ? needLines[lastNeed.label] : undefined) ?? conv.productLine;
      const sop = pickSop(sops, productLine as ProductLineOrAny);
      const nodes = sop ? markKeyNodes(turns, sop) : [];
      conv.messages = messages.length;
      conv.lastAt = messages[messages.length - 1]?.sentAt ?? conv.lastAt;
      conv.productLine = productLine;
      conv.nodes = JSON.stringify(nodes.map((n) => ({ key: n.key, name: n.name, at: n.at.toISOString(), messageId: n.turnId })));
      await this.d.conversations.save(conv);
    }
  }
}
