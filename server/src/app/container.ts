import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AuthService, SessionService, StaffSessionRepository, TokenService, WecomIdentityService } from '../auth';
import { ChannelCodeRepository, ChannelCodeService } from '../acquisition';
import {
  ActivityCounterRepository,
  ActivityRepository,
  BehaviourRuleRepository,
  BehaviourRuleService,
  CustomerActivityService,
  CustomerTagService,
  TagDictionaryRepository,
  TagDictionaryService,
  ContactImportRepository,
  CustomerMergeRepository,
  PhoneVault,
  pickSurvivor,
  SegmentRepository,
  SegmentService,
  StageRepository,
  StageService,
  ContactSyncService,
  CorpTagSyncRepository,
  CorpTagSyncService,
  CustomerRepository,
  CustomerService,
  GroupRepository,
  GroupService,
  HandoverRepository,
  HandoverService,
  IdNumberVault,
  PersonalDataRepository,
  PersonalDataService,
  PiplRepository,
  PiplService,
  RelationshipService,
  RelationshipStore,
  SyncRunRepository,
  TaggingRepository,
  TaggingService,
} from '../customers';
import { AuditLogRepository } from '../db/audit-log.repository';
import { TypeOrmLeaseStore } from '../db/lease.repository';
import { StaffRepository } from '../org';
import { OffsetClock, systemClock, type Clock } from '../platform/clock';
import type { Config } from '../platform/config';
import { EventBus } from '../platform/event-bus';
import { UuidV7Generator, type IdGenerator } from '../platform/ids';
import { UpstreamHealth } from '../platform/upstream/upstream-health';
import { UpstreamIncidentRepository } from '../db/upstream-incident.repository';
import type { LeaseStore } from '../platform/lease.port';
import type { Logger } from '../platform/logger';
import { Scheduler } from '../platform/scheduler';
import {
  LeadAssignmentService,
  LeadFactsRepository,
  LeadRepository,
  LeadScoreRepository,
  LeadScoringService,
  LeadService,
  LeadSettingsRepository,
  LeadSettingsService,
  LeadSlaService,
  scoringCounters,
  SeatGroupRepository,
  SeatGroupService,
  LeadSourceRepository,
  LeadSourceService,
  LeadMiningRepository,
  LeadMiningService,
  DoNotContactRepository,
  DoNotContactService,
  IntentModelRepository,
  IntentModelService,
  AgentNotificationRepository,
  AgentNotificationService,
  NotificationFeed,
  storedReasons,
  suggestFirstMessage,
  topReasons,
  type LeadNotify,
  type LeadRow,
  LeadHandoffService,
} from '../leads';
import { IngestService, TrackingSourceRepository, TrackingSourceService, TrackingStatsRepository, TrackingStore } from '../tracking';
import { CounterRegistry, ruleTablesVersionSql } from './counter-registry';
import { CustomerRefreshQueue } from './customer-refresh';
import { CallbackInbox, DbAccessTokenCache, describeWecomFailure, isWecomOutage, WecomHttpAdapter, WecomInboxRepository, type WecomAgentApiPort, type WecomApiPort } from '../wecom';
import type { DomainEvents } from './events';
import { PositionListRepository } from '../journeys';
import { buildJourneys, type JourneyParts } from './journeys';
import { buildChat, type ChatParts } from './chat';
import { ChatRetentionRepository, ChatRetentionService } from '../chat';
import { buildSop, type SopParts } from './sop';
import { buildAnalytics, type AnalyticsParts } from './analytics';
import { buildMiniapp, type MiniappParts } from './miniapp';

/** Everything the process is made of, built once by constructor injection. */
export interface Container extends JourneyParts, ChatParts, SopParts, MiniappParts, AnalyticsParts {
  config: Config;
  logger: Logger;
  clock: Clock;
  /** Only in sandbox mode: the product clock that /api/sandbox/clock moves. */
  sandboxClock: OffsetClock | undefined;
  ids: IdGenerator;
  ds: DataSource;
  bus: EventBus<DomainEvents>;
  owner: string;
  scheduler: Scheduler;
  audit: AuditLogRepository;
  staff: StaffRepository;
  tokens: TokenService;
  auth: AuthService;
  customers: CustomerService;
  relationships: RelationshipService;
  inbox: CallbackInbox;
  tagging: TaggingService;
  wecom: WecomApiPort;
  /** The sidebar app's side of WeCom (agent secret): OAuth and JS-SDK tickets. */
  wecomAgent: WecomAgentApiPort;
  wecomIdentity: WecomIdentityService;
  groups: GroupService;
  corpTags: CorpTagSyncService;
  contactSync: ContactSyncService;
  handovers: HandoverService;
  channelCodes: ChannelCodeService;
  leases: LeaseStore;
  phoneVault: PhoneVault;
  idNumberVault: IdNumberVault;
  /** Phone and ID number: masked views, audited reveals, settings (issue 12). */
  personalData: PersonalDataService;
  /** PIPL export and erasure of one person. */
  pipl: PiplService;
  /** Deletes archived chat messages past the corp's retention. */
  chatRetention: ChatRetentionService;
  trackingSources: TrackingSourceService;
  trackingStats: TrackingStatsRepository;
  ingest: IngestService;
  /** Brings behaviour tags, stage and segments up to date for customers that just changed. */
  customerRefresh: CustomerRefreshQueue;
  segments: SegmentService;
  stages: StageService;
  tagDictionary: TagDictionaryService;
  behaviourRules: BehaviourRuleService;
  customerTags: CustomerTagService;
  customerActivity: CustomerActivityService;
  leadSettings: LeadSettingsService;
  leadScoring: LeadScoringService;
  leadAssignment: LeadAssignmentService;
  leadSla: LeadSlaService;
  leads: LeadService;
  intentModels: IntentModelService;
  notifications: AgentNotificationService;
  /** Each api process's live feed of agent notifications (the sidebar's event stream). */
  notificationFeed: NotificationFeed;
  seatGroups: SeatGroupService;
  leadSources: LeadSourceService;
  leadMining: LeadMiningService;
  doNotContact: DoNotContactService;
  leadHandoff: LeadHandoffService;
  /** This process's circuit breakers in front of outside services, and the incidents they recorded. */
  upstreams: UpstreamHealth;
  /** Addresses known only once the HTTP server listens (the sandbox's own fake WeCom, WeChat and SMS gateway). */
  endpoints: { wecomApiBase?: string; wechatApiBase?: string; smsApiBase?: string };
}

export function buildContainer(config: Config, logger: Logger, ds: DataSource, jwtSecret: string, clockOverride?: Clock): Container {
  const sandboxClock = config.sandbox && !clockOverride ? new OffsetClock(systemClock) : undefined;
  const clock: Clock = clockOverride ?? sandboxClock ?? systemClock;
  const ids = new UuidV7Generator(clock);
  const owner = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const bus = new EventBus<DomainEvents>((event, error) => logger.error({ err: error, event }, 'event handler failed'));
  const audit = new AuditLogRepository(ds);
  const staff = new StaffRepository(ds);
  const sessions = new SessionService({ rows: new StaffSessionRepository(ds), clock, ids });
  const tokens = new TokenService(jwtSecret, clock, { sessions });
  const leases = new TypeOrmLeaseStore(ds);
  const endpoints: Container['endpoints'] = {};
  const tagging = new TaggingService(new TaggingRepository(ds), ids, (corpId, change) => bus.publish('customer.tags_changed', { ...change, corpId, origin: 'lodestar' }));
  const tokenCache = new DbAccessTokenCache(ds, leases, clock, owner);
  const upstreams = new UpstreamHealth({ clock, logger, store: new UpstreamIncidentRepository(ds), owner, ids });
  // One breaker for both secrets: they reach the same WeCom.
  const wecomBreaker = upstreams.breaker('wecom', { failures: config.upstream.breakerFailures, openMs: config.upstream.breakerOpenMs, isOutage: isWecomOutage, describe: describeWecomFailure });
  const wecomClient = (secret: string | undefined) =>
    new WecomHttpAdapter({
      baseUrl: () => {
        const base = config.wecom.apiBase ?? endpoints.wecomApiBase;
        if (!base) throw new Error('the WeCom API base URL is not known yet');
        return base;
      },
      corpId: config.wecom.corpId,
      secret: secret ?? '',
      clock,
      tokenCache,
      timeoutMs: config.upstream.wecomTimeoutMs,
      breaker: wecomBreaker,
    });
  const wecom = wecomClient(config.wecom.contactSecret);
  const wecomAgent = wecomClient(config.wecom.agentSecret);
  const groups = new GroupService(new GroupRepository(ds), wecom, ids);
  const corpTags = new CorpTagSyncService(new CorpTagSyncRepository(ds), wecom, clock, ids);
  const phoneVault = new PhoneVault(config.phone.hashKey, config.phone.encryptionKey);
  const idNumberVault = new IdNumberVault(config.idNumber.hashKey, config.idNumber.encryptionKey);
  const trackingSources = new TrackingSourceService(new TrackingSourceRepository(ds), clock, ids);
  const segmentRepo = new SegmentRepository(ds);
  const segments = new SegmentService({
    repo: segmentRepo,
    clock,
    ids,
    onMembership: async (corpId, changes) => {
      for (const ch of changes) await bus.publish(ch.change === 'entered' ? 'segment.entered' : 'segment.left', { corpId, segmentId: ch.segmentId, customerId: ch.customerId });
    },
  });
  const analyticsParts = buildAnalytics({ ds, clock, ids });
  const stages = new StageService({
    stages: new StageRepository(ds),
    segments: segmentRepo,
    clock,
    onStageChanged: async (corpId, changes) => {
      // Kept for the stage funnels, before anyone reacts to the change.
      await analyticsParts.stageTransitions.record(corpId, changes, clock.now());
      for (const ch of changes) await bus.publish('customer.stage_changed', { corpId, ...ch });
    },
  });
  const dictionaryRepo = new TagDictionaryRepository(ds);
  const behaviourRuleRepo = new BehaviourRuleRepository(ds);
  const activity = new ActivityRepository(ds);
  const tagDictionary = new TagDictionaryService({ repo: dictionaryRepo, rules: behaviourRuleRepo, tagging, clock, ids, wecom });
  const behaviourRules = new BehaviourRuleService({ rules: behaviourRuleRepo, dictionary: dictionaryRepo, activity, tagging, clock, ids });
  const customerRepo = new CustomerRepository(ds);
  const staffAndTeams = async (corpId: string) => {
    const [rows, teams] = await Promise.all([staff.listByCorp(corpId), staff.teams(corpId)]);
    return { teamIds: new Set(teams.map((t) => t.id)), staffIds: new Set(rows.map((r) => r.id)) };
  };
  const leadSettings = new LeadSettingsService({ repo: new LeadSettingsRepository(ds), clock, directory: staffAndTeams, onScoringChanged: async (corpId) => void rescoreAllInBackground(corpId, 'rules') });
  const leadFacts = new LeadFactsRepository(ds);
  const intentModels = new IntentModelService({
    repo: new IntentModelRepository(ds),
    facts: leadFacts,
    scoringModel: async (corpId) => (await leadSettings.get(corpId)).scoring,
    clock,
    ids,
    onActivated: async (corpId) => void rescoreAllInBackground(corpId, 'intent model'),
  });
  const leadScoring = new LeadScoringService({
    facts: leadFacts,
    scores: new LeadScoreRepository(ds),
    model: async (corpId) => (await leadSettings.get(corpId)).scoring,
    predictor: (corpId) => intentModels.predictor(corpId),
    tag: (corpId, edits, at) => tagging.applyMany(corpId, edits, at),
    clock,
    ids,
    onChanged: async (corpId, changes) => leads.onScoresChanged(corpId, changes),
  });
  const rescoreAllInBackground = (corpId: string, cause: string): Promise<void> =>
    leadScoring.rescoreAll(corpId, cause).then(
      (r) => logger.info({ corpId, ...r }, 'every customer rescored'),
      (error: unknown) => logger.error({ err: error, corpId }, 'rescore failed'),
    );
  const leadRepo = new LeadRepository(ds);
  const notificationRepo = new AgentNotificationRepository(ds);
  const notificationFeed = new NotificationFeed({ repo: notificationRepo, clock, logger: logger.child({ component: 'notification-feed' }) });
  const notifications = new AgentNotificationService({ repo: notificationRepo, clock, ids, feed: notificationFeed });
  const notify: LeadNotify = (corpId, staffId, kind, lead) => notifications.notifyLead(corpId, staffId, kind, lead);
  const suggest = (l: LeadRow, agentName: string | null): string =>
    suggestFirstMessage({ customerName: l.customerName, productLine: l.productLine, sourceKind: l.sourceKind, topReason: topReasons(storedReasons(l.reasons), 1)[0], agentName });
  const leadDeps = {
    leads: leadRepo,
    settings: (corpId: string) => leadSettings.get(corpId),
    clock,
    ids,
    logger: logger.child({ component: 'leads' }),
    suggest,
    notify,
  };
  const leadAssignment = new LeadAssignmentService(leadDeps);
  const leadSla = new LeadSlaService({ ...leadDeps, assignment: leadAssignment });
  const leads = new LeadService({ ...leadDeps, assignment: leadAssignment });
  const seatGroups = new SeatGroupService({
    repo: new SeatGroupRepository(ds),
    clock,
    ids,
    logger: logger.child({ component: 'seats' }),
    onReady: (corpId, leadIds) => leadAssignment.assignWaiting(corpId, leadIds).then(() => undefined),
  });
  const leadSourceRepo = new LeadSourceRepository(ds);
  const leadMining = new LeadMiningService({
    sources: leadSourceRepo,
    repo: new LeadMiningRepository(ds),
    clock,
    ids,
    onReady: (corpId, leadIds) => leadAssignment.assignWaiting(corpId, leadIds).then(() => undefined),
  });
  const leadSources = new LeadSourceService({ repo: leadSourceRepo, clock, ids });
  const leadHandoff = new LeadHandoffService({ leads: leadRepo, mining: new LeadMiningRepository(ds), sources: leadSources, assignment: leadAssignment, clock, ids });
  const doNotContact = new DoNotContactService({ repo: new DoNotContactRepository(ds), vault: phoneVault, clock, ids });
  // Order matters: behaviour tags feed the stage, and a segment may read both.
  const customerRefresh = new CustomerRefreshQueue(
    [
      (corpId, ids) => behaviourRules.evaluate(corpId, ids, clock.now()).then(() => undefined),
      (corpId, ids) => stages.evaluate(corpId, ids).then(() => undefined),
      (corpId, ids) => segments.refreshCustomers(corpId, ids).then(() => undefined),
      // New leads from the sources an event or tag may have just made true (留资 within seconds).
      (corpId, ids) => leadMining.mineCustomers(corpId, ids).then(() => undefined),
      // Last: the score reads the tags and stage the steps before brought up to date.
      (corpId, ids) => leadScoring.rescore(corpId, ids, 'activity').then(() => undefined),
    ],
    logger.child({ component: 'customer-refresh' }),
  );
  const counterRegistry = new CounterRegistry(
    async (corpId) => JSON.stringify(await ds.query(ruleTablesVersionSql, [corpId, corpId, corpId, corpId, corpId])),
    async (corpId) => [
      ...(await behaviourRules.filteredCounters(corpId)),
      ...(await segments.counterDefinitions(corpId)),
      ...(await stages.counterDefinitions(corpId)),
      ...scoringCounters((await leadSettings.get(corpId)).scoring),
      ...(await journeyParts.journeys.counterDefinitions(corpId)),
    ],
  );
  const merges = new CustomerMergeRepository();
  const ingest = new IngestService({
    store: new TrackingStore(ds),
    counters: new ActivityCounterRepository(),
    merger: { survivor: async (em, corpId, ids) => pickSurvivor(await merges.candidates(em, corpId, ids)), merge: (em, input) => merges.merge(em, input) },
    vault: phoneVault,
    clock,
    ids,
    logger: logger.child({ component: 'ingest' }),
    filteredCounters: (corpId) => counterRegistry.get(corpId),
    onRecorded: (batch) => void bus.publish('tracking.events_recorded', batch),
    maxPending: config.tracking.maxPending,
  });
  const journeyParts = buildJourneys({
    config,
    ds,
    clock,
    ids,
    logger,
    owner,
    endpoints,
    tokenCache,
    wecom,
    segmentRepo,
    segments,
    stageRepo: new StageRepository(ds),
    tagging,
    tagDictionary,
    leadHandoff,
    notifications,
    phoneVault,
  });
  const chatParts = buildChat({
    config,
    ds,
    clock,
    ids,
    logger,
    staff,
    customers: customerRepo,
    tagging,
    dictionary: dictionaryRepo,
    tagDictionary,
    onArchived: (corpId, messages) => bus.publish('chat.messages_archived', { corpId, messages }),
  });
  const personalData = new PersonalDataService({ customers: customerRepo, repo: new PersonalDataRepository(ds), phones: phoneVault, idNumbers: idNumberVault, audit, clock, ids });
  const pipl = new PiplService({ customers: customerRepo, repo: new PiplRepository(ds), personalData, phones: phoneVault, idNumbers: idNumberVault, clock });
  const sopParts = buildSop({ ds, clock, ids, logger, wecom, notifications, compliance: chatParts.compliance, segments });
  const miniappParts = buildMiniapp({
    config,
    ds,
    clock,
    ids,
    logger,
    endpoints,
    tokenCache,
    sign: (p) => tokens.sign(p),
    wecom,
    phoneVault,
    customers: customerRepo,
    staff,
    notifications,
    leadSources,
    leadMining,
    leads: leadRepo,
    filteredCounters: (corpId) => counterRegistry.get(corpId),
    onRecorded: (batch) => void bus.publish('tracking.events_recorded', batch),
  });
  return {
    ...journeyParts,
    ...chatParts,
    ...sopParts,
    ...miniappParts,
    ...analyticsParts,
    leadHandoff,
    upstreams,
    config,
    logger,
    clock,
    sandboxClock,
    ids,
    ds,
    bus,
    owner,
    scheduler: new Scheduler({ store: leases, clock, logger: logger.child({ component: 'scheduler' }), owner }),
    audit,
    staff,
    tokens,
    auth: new AuthService({ staff, audit, tokens, sessions, clock, ids }),
    customers: new CustomerService(customerRepo, (ids) => leadScoring.summaries(ids), (id) => new PositionListRepository(ds).activeFor(id), (corpId) => personalData.revealSettings(corpId)),
    relationships: new RelationshipService(new RelationshipStore(ds), ids),
    inbox: new CallbackInbox({
      repo: new WecomInboxRepository(ds),
      clock,
      ids,
      logger: logger.child({ component: 'wecom-inbox' }),
      owner,
      handle: (corpId, callback, at) => bus.publishOrThrow('wecom.event', { corpId, event: callback.event, at }),
    }),
    tagging,
    wecom,
    wecomAgent,
    wecomIdentity: new WecomIdentityService({ agentApi: wecomAgent, staff, audit, tokens, clock, ids, wecomCorpId: config.wecom.corpId, agentId: config.wecom.agentId }),
    groups,
    corpTags,
    contactSync: new ContactSyncService({
      wecom,
      imports: new ContactImportRepository(ds),
      runs: new SyncRunRepository(ds),
      tags: corpTags,
      groups,
      clock,
      ids,
      onTagsChanged: (corpId, change) => bus.publish('customer.tags_changed', { ...change, corpId, origin: 'wecom' }),
    }),
    handovers: new HandoverService({ repo: new HandoverRepository(ds), groups, wecom, clock, ids }),
    channelCodes: new ChannelCodeService({ repo: new ChannelCodeRepository(ds), wecom, tagging, clock, ids }),
    endpoints,
    leases,
    phoneVault,
    idNumberVault,
    personalData,
    pipl,
    chatRetention: new ChatRetentionService({ repo: new ChatRetentionRepository(ds), clock }),
    trackingSources,
    trackingStats: new TrackingStatsRepository(ds),
    ingest,
    customerRefresh,
    segments,
    stages,
    tagDictionary,
    behaviourRules,
    customerTags: new CustomerTagService({ customers: customerRepo, dictionary: tagDictionary, tagging, staff, audit, clock, ids }),
    customerActivity: new CustomerActivityService(customerRepo, activity, clock),
    leadSettings,
    leadScoring,
    leadAssignment,
    leadSla,
    leads,
    intentModels,
    seatGroups,
    notifications,
    notificationFeed,
    leadSources,
    leadMining,
    doNotContact,
  };
}
