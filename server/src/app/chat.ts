import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import type { Conversation } from '@lodestar/shared';
import {
  ArchiveSyncService,
  CandidateTagRepository,
  ChatMessageRepository,
  ConversationRepository,
  loadArchiveKeyRing,
  NativeChatArchive,
  archiveErrorMeaning,
  type ArchiveParties,
  type ChatArchivePort,
  type ChatMessageRow,
} from '../chat';
import { Customer, CustomerIdentity, customerScope, type CustomerRepository, type TagDictionaryRepository, type TagDictionaryService, type TaggingService } from '../customers';
import { StaffMember, type StaffRepository } from '../org';
import { ServerEventRepository } from '../tracking';
import {
  ChatInsightsService,
  ComplianceRepository,
  ComplianceService,
  ConversationIntelligenceService,
  SalesSopRepository,
  ScriptLibraryRepository,
  TalkTrackRepository,
  type ChatRouteDeps,
} from '../playbook';
import type { Clock } from '../platform/clock';
import type { Config } from '../platform/config';
import { DomainError, notFound } from '../platform/errors';
import type { IdGenerator } from '../platform/ids';
import type { Logger } from '../platform/logger';
import { SandboxChatArchive } from '../sandbox/archive-fake.adapter';
import { SandboxArchiveRepository } from '../sandbox/sandbox-archive.repository';
import { SandboxArchiveService } from '../sandbox/sandbox-archive.service';

export interface ChatParts {
  archiveSync: ArchiveSyncService;
  intelligence: ConversationIntelligenceService;
  compliance: ComplianceService;
  chatInsights: ChatInsightsService;
  chatRoutes: ChatRouteDeps;
  /** What customers' messages showed, written as customer events (source "chat"). */
  chatEvents: ServerEventRepository;
  /** Sandbox mode only: the corp's side of the archive (POST /api/sandbox/archive). */
  sandboxArchive: SandboxArchiveService | undefined;
  /** Set by the sandbox once it can deliver callbacks: sends msgaudit_notify. */
  hooks: { archiveNotify?: () => Promise<void> };
}

export interface ChatInputs {
  config: Config;
  ds: DataSource;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  staff: StaffRepository;
  customers: CustomerRepository;
  tagging: TaggingService;
  dictionary: TagDictionaryRepository;
  tagDictionary: TagDictionaryService;
  /** Told the messages each pull stored for the first time (events.ts decides who reacts). */
  onArchived: (corpId: string, messages: ChatMessageRow[]) => Promise<void>;
}

/** The chat archive, conversation mining, compliance, key nodes, talk tracks and candidate tags. */
export function buildChat(i: ChatInputs): ChatParts {
  const { config, ds, clock, ids, logger } = i;
  const hooks: ChatParts['hooks'] = {};
  const messages = new ChatMessageRepository(ds);
  const conversations = new ConversationRepository(ds);
  const sandboxArchive = config.sandbox ? new SandboxArchiveService({ repo: new SandboxArchiveRepository(ds), clock, ids, notify: () => hooks.archiveNotify?.() ?? Promise.resolve() }) : undefined;
  let archive: ChatArchivePort | null = null;
  if (sandboxArchive) archive = new SandboxChatArchive(new SandboxArchiveRepository(ds));
  else if (config.wecom.archiveSdkPath)
    archive = new NativeChatArchive({
      libraryPath: config.wecom.archiveSdkPath,
      corpId: config.wecom.corpId,
      secret: config.wecom.archiveSecret,
      ...(config.wecom.archiveProxy ? { proxy: config.wecom.archiveProxy } : {}),
      ...(config.wecom.archiveProxyPassword ? { proxyPassword: config.wecom.archiveProxyPassword } : {}),
      timeoutSec: config.wecom.archiveTimeoutSec,
    });
  const keys = sandboxArchive
    ? () => sandboxArchive.keyRing()
    : async () => {
        if (!config.wecom.archivePrivateKeys) throw new DomainError('bad_request', 'WECOM_ARCHIVE_PRIVATE_KEYS is not set: the chat archive cannot decrypt without the corp’s private keys');
        return loadArchiveKeyRing(config.wecom.archivePrivateKeys);
      };
  const parties: ArchiveParties = {
    resolve: async (corpId, people) => {
      const staffRows = (await i.staff.listByCorp(corpId)).filter((s) => people.includes(s.wecomUserId));
      const identities = people.length ? await ds.getRepository(CustomerIdentity).findBy({ corpId, kind: 'external_userid', value: In([...people]) }) : [];
      const customers = identities.length ? await ds.getRepository(Customer).findBy({ id: In(identities.map((x) => x.customerId)) }) : [];
      const byId = new Map(customers.map((c) => [c.id, c]));
      return {
        staff: new Map(staffRows.map((s) => [s.wecomUserId, s.id])),
        customers: new Map(identities.filter((x) => byId.has(x.customerId)).map((x) => [x.value, { id: x.customerId, consent: byId.get(x.customerId)!.archiveConsent }])),
      };
    },
    setConsent: async (_corpId, customerId, agree, at) => {
      await ds.getRepository(Customer).update({ id: customerId }, { archiveConsent: agree, updatedAt: at });
    },
  };
  const archiveSync = new ArchiveSyncService({
    archive,
    source: sandboxArchive ? 'sandbox' : archive ? 'native' : 'none',
    keys,
    repo: messages,
    parties,
    clock,
    ids,
    logger: logger.child({ component: 'chat-archive' }),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    onArchived: i.onArchived,
  });
  const library = new ScriptLibraryRepository(ds);
  const candidates = new CandidateTagRepository(ds);
  const staffNames = async (staffIds: readonly string[]) =>
    new Map((staffIds.length ? await ds.getRepository(StaffMember).findBy({ id: In([...new Set(staffIds)]) }) : []).map((s) => [s.id, s.name]));
  const customerNames = async (customerIds: readonly string[]) =>
    new Map((customerIds.length ? await ds.getRepository(Customer).findBy({ id: In([...new Set(customerIds)]) }) : []).map((c) => [c.id, c.name]));
  const compliance = new ComplianceService({
    repo: new ComplianceRepository(ds),
    clock,
    ids,
    names: async (staffIds, customerIds) => new Map([...(await staffNames(staffIds)), ...(await customerNames(customerIds))]),
    teamOf: async (principal) => (await i.staff.teams(principal.corpId)).find((t) => t.leadStaffId === principal.id)?.id ?? null,
  });
  const insights = new ChatInsightsService({
    sops: new SalesSopRepository(ds),
    conversations,
    messages,
    tracks: new TalkTrackRepository(ds),
    library,
    candidates: { upsert: (corpId, rows, at) => candidates.upsert(corpId, rows, at, () => ids.next()) },
    dictionaryNames: async (corpId) => new Set((await i.dictionary.dictionary(corpId)).map((t) => t.name)),
    names: async (corpId) => ({ staff: new Map((await i.staff.listByCorp(corpId)).map((s) => [s.id, s.name])), teams: new Map((await i.staff.teams(corpId)).map((t) => [t.id, t.name])) }),
    clock,
    ids,
  });
  const intelligence = new ConversationIntelligenceService({
    messages,
    conversations,
    compliance,
    library,
    dictionary: async (corpId) => new Map((await i.dictionary.dictionary(corpId)).map((t) => [`${t.groupKey}/${t.name}`, t.id])),
    tag: async (corpId, edits, at) => {
      await i.tagging.applyMany(
        corpId,
        edits.map((e) => ({ customerId: e.customerId, add: e.add.map((a) => ({ tagId: a.tagId, source: 'conversation' as const, evidence: a.evidence, confidence: a.confidence })) })),
        at,
      );
    },
    sops: (corpId) => insights.sops(corpId),
    people: async (corpId, staffIds, customerIds) => {
      const staff = await i.staff.listByCorp(corpId);
      const teams = new Map((await i.staff.teams(corpId)).map((t) => [t.id, t]));
      const names = new Map([...staff.map((s) => [s.id, s.name] as const), ...(await customerNames(customerIds))]);
      const wanted = new Set(staffIds);
      return { names, teams: new Map(staff.filter((s) => wanted.has(s.id)).map((s) => [s.id, { teamId: s.teamId, leadStaffId: s.teamId ? (teams.get(s.teamId)?.leadStaffId ?? null) : null }])) };
    },
    clock,
    ids,
  });
  const candidateView = (r: { id: string; phrase: string; customers: number; count: number; examples: string; status: 'pending' | 'accepted' | 'rejected'; updatedAt: Date }) => ({
    id: r.id,
    phrase: r.phrase,
    customers: r.customers,
    count: r.count,
    examples: JSON.parse(r.examples) as string[],
    status: r.status,
    updatedAt: r.updatedAt.toISOString(),
  });
  const chatRoutes: ChatRouteDeps = {
    status: async (corpId) => {
      const cursor = await messages.cursor(corpId);
      return {
        source: archiveSync.source,
        cursor: cursor?.seq ?? 0,
        lastPullAt: cursor?.lastPullAt?.toISOString() ?? null,
        lastError: cursor?.lastErrorCode !== null && cursor?.lastErrorCode !== undefined && cursor.lastErrorAt ? { code: cursor.lastErrorCode, message: cursor.lastError ?? '', at: cursor.lastErrorAt.toISOString() } : null,
        messages: await messages.count(corpId),
        parked: (await messages.parkedSummary(corpId)).map((p) => ({ ...p, hint: archiveErrorMeaning(p.code).hint })),
      };
    },
    pull: (corpId) => archiveSync.pull(corpId),
    retryParked: (corpId) => archiveSync.retryParked(corpId),
    conversations: async (principal, customerId, limit) => {
      const customer = await i.customers.findInScope(customerScope(principal), customerId);
      if (!customer) throw notFound('Customer');
      const rows = await conversations.ofCustomer(customer.id, limit);
      const out: Conversation[] = [];
      for (const c of rows) {
        const list = (await messages.between(c.staffId, c.customerId, c.startedAt)).filter((m) => m.sentAt.getTime() <= c.lastAt.getTime());
        const found = await messages.insightsOf(list.map((m) => m.id));
        out.push({
          id: c.id,
          staffId: c.staffId,
          customerId: c.customerId,
          startedAt: c.startedAt.toISOString(),
          lastAt: c.lastAt.toISOString(),
          messages: c.messages,
          productLine: c.productLine,
          nodes: JSON.parse(c.nodes) as Conversation['nodes'],
          items: list.map((m) => ({
            id: m.id,
            msgid: m.msgid,
            at: m.sentAt.toISOString(),
            by: m.senderKind,
            fromId: m.fromId,
            type: m.msgType,
            text: m.content,
            media: m.media ? (JSON.parse(m.media) as Conversation['items'][number]['media']) : null,
            recalled: m.recalled,
            mined: m.mined,
            insights: found.filter((f) => f.messageId === m.id).map((f) => ({ kind: f.kind, name: f.label, ...(f.grp ? { group: f.grp } : {}), confidence: f.confidence, cue: f.cue })),
          })),
        });
      }
      return out;
    },
    compliance,
    insights,
    candidates: {
      list: async (corpId, status) => (await candidates.list(corpId, status)).map(candidateView),
      accept: async (corpId, id, group, name) => {
        const row = await candidates.find(corpId, id);
        if (!row) throw notFound('Candidate tag');
        if (row.status !== 'pending') throw new DomainError('conflict', `This candidate was ${row.status} already`);
        const groups = await i.tagDictionary.list(corpId);
        const g = groups.find((x) => x.key === group || x.name === group);
        if (!g) throw new DomainError('bad_request', `The tag group "${group}" is not in the dictionary`, [{ path: 'body.group', message: 'unknown group' }]);
        await i.tagDictionary.createTag(corpId, { groupId: g.id, name: name ?? row.phrase });
        await candidates.setStatus(row.id, 'accepted', clock.now());
        return candidateView({ ...row, status: 'accepted', updatedAt: clock.now() });
      },
      reject: async (corpId, id) => {
        const row = await candidates.find(corpId, id);
        if (!row) throw notFound('Candidate tag');
        await candidates.setStatus(row.id, 'rejected', clock.now());
        return candidateView({ ...row, status: 'rejected', updatedAt: clock.now() });
      },
    },
  };
  return { archiveSync, intelligence, compliance, chatInsights: insights, chatRoutes, chatEvents: new ServerEventRepository(ds, 'chat', () => ids.next()), sandboxArchive, hooks };
}
