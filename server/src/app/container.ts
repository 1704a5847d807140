import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AuthService, TokenService, WecomIdentityService } from '../auth';
import { ChannelCodeRepository, ChannelCodeService } from '../acquisition';
import {
  ContactImportRepository,
  ContactSyncService,
  CorpTagSyncRepository,
  CorpTagSyncService,
  CustomerRepository,
  CustomerService,
  GroupRepository,
  GroupService,
  HandoverRepository,
  HandoverService,
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
import type { LeaseStore } from '../platform/lease.port';
import type { Logger } from '../platform/logger';
import { Scheduler } from '../platform/scheduler';
import { CallbackInbox, DbAccessTokenCache, WecomHttpAdapter, WecomInboxRepository, type WecomAgentApiPort, type WecomApiPort } from '../wecom';
import type { DomainEvents } from './events';

/** Everything the process is made of, built once by constructor injection. */
export interface Container {
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
  /** Addresses known only once the HTTP server listens (the sandbox's own fake WeCom). */
  endpoints: { wecomApiBase?: string };
}

export function buildContainer(config: Config, logger: Logger, ds: DataSource, jwtSecret: string, clockOverride?: Clock): Container {
  const sandboxClock = config.sandbox && !clockOverride ? new OffsetClock(systemClock) : undefined;
  const clock: Clock = clockOverride ?? sandboxClock ?? systemClock;
  const ids = new UuidV7Generator(clock);
  const owner = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const bus = new EventBus<DomainEvents>((event, error) => logger.error({ err: error, event }, 'event handler failed'));
  const audit = new AuditLogRepository(ds);
  const staff = new StaffRepository(ds);
  const tokens = new TokenService(jwtSecret, clock);
  const leases = new TypeOrmLeaseStore(ds);
  const endpoints: { wecomApiBase?: string } = {};
  const tagging = new TaggingService(new TaggingRepository(ds), ids, (corpId, change) => bus.publish('customer.tags_changed', { ...change, corpId, origin: 'lodestar' }));
  const tokenCache = new DbAccessTokenCache(ds, leases, clock, owner);
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
    });
  const wecom = wecomClient(config.wecom.contactSecret);
  const wecomAgent = wecomClient(config.wecom.agentSecret);
  const groups = new GroupService(new GroupRepository(ds), wecom, ids);
  const corpTags = new CorpTagSyncService(new CorpTagSyncRepository(ds), wecom, clock, ids);
  return {
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
    auth: new AuthService({ staff, audit, tokens, clock, ids }),
    customers: new CustomerService(new CustomerRepository(ds)),
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
  };
}
