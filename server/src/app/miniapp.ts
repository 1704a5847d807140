import type { DataSource } from 'typeorm';
import { MpSubscribeHttpAdapter } from '../channels';
import { CustomerService, type CounterDefinition, type CustomerRepository, type PhoneVault } from '../customers';
import type { AgentNotificationService, LeadMiningService, LeadRepository, LeadSourceService } from '../leads';
import {
  AccountService,
  ActivityAdminService,
  ActivityService,
  CheckinRepository,
  CheckinService,
  ContentRepository,
  ContentService,
  EventRecorder,
  LeadIntake,
  MemberRepository,
  MiniappEventRepository,
  MpActivityRepository,
  ReferralRepository,
  ReferralService,
  ReminderService,
  SubscriptionRepository,
  WechatHttpAdapter,
  type MpRouteDeps,
  type WechatApiPort,
} from '../miniapp';
import type { StaffRepository } from '../org';
import type { Clock } from '../platform/clock';
import type { Config } from '../platform/config';
import type { IdGenerator } from '../platform/ids';
import type { Logger } from '../platform/logger';
import type { Principal } from '../platform/http/principal';
import type { RecordedBatch } from '../tracking';
import { TrackingStore } from '../tracking';
import type { AccessTokenCache, WecomApiPort } from '../wecom';

export interface MiniappParts {
  /** The mini-program's routes (/api/mp/*) and their services. */
  mp: MpRouteDeps;
  /** The staff side: activities, attendance scans, proposals. */
  mpStaff: { activities: ActivityAdminService; content: ContentService };
  /** Check-in and activity reminders through subscription messages (the worker's miniapp.reminders job). */
  mpReminders: ReminderService;
  /** The WeChat mini-program server API (code2session, phone numbers, codes). */
  wechat: WechatApiPort;
}

export interface MiniappWiring {
  config: Config;
  ds: DataSource;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  endpoints: { wechatApiBase?: string };
  tokenCache: AccessTokenCache;
  sign: (p: Principal) => { token: string; expiresAt: Date };
  wecom: WecomApiPort;
  phoneVault: PhoneVault;
  customers: CustomerRepository;
  staff: StaffRepository;
  notifications: AgentNotificationService;
  leadSources: LeadSourceService;
  leadMining: LeadMiningService;
  leads: LeadRepository;
  /** The corp's filtered counters (the counter registry): events written here count like ingested ones. */
  filteredCounters: (corpId: string) => Promise<CounterDefinition[]>;
  /** Announces written events (tracking.events_recorded): tags, stage, segments, lead sources and journeys catch up. */
  onRecorded: (batch: RecordedBatch) => void;
}

/** The mini-program backend (issue 9): sign-in, check-ins and points, activities, referrals, content, reminders. */
export function buildMiniapp(w: MiniappWiring): MiniappParts {
  const { config, ds, clock, ids, logger } = w;
  const wechatBase = () => {
    const base = config.mp.apiBase ?? w.endpoints.wechatApiBase;
    if (!base) throw new Error('the WeChat API base URL is not known yet');
    return base;
  };
  const app = { baseUrl: wechatBase, appId: config.mp.appId ?? '', secret: config.mp.secret ?? '', clock, tokenCache: w.tokenCache };
  const wechat = new WechatHttpAdapter(app);
  const sender = new MpSubscribeHttpAdapter({ ...app, miniprogramState: config.sandbox ? 'developer' : 'formal' });
  const log = logger.child({ component: 'miniapp' });
  const store = new TrackingStore(ds);
  const events = new EventRecorder({
    repo: new MiniappEventRepository(ds),
    filteredCounters: w.filteredCounters,
    corpZone: (corpId) => store.corpTimezone(corpId),
    clock,
    ids,
    logger: log,
    onRecorded: w.onRecorded,
  });
  const members = new MemberRepository(ds);
  const ledger = new CheckinRepository(ds);
  const subscriptions = new SubscriptionRepository(ds);
  const activityRepo = new MpActivityRepository(ds);
  const customerService = new CustomerService(w.customers);
  const assertVisible = (p: Principal, customerId: string) => customerService.assertVisible(p, customerId);
  const referrals = new ReferralService({
    repo: new ReferralRepository(ds),
    members,
    ledger,
    events,
    wechat,
    clock,
    ids,
    logger: log,
    posterPage: 'pages/index/index',
    // Sandbox and trial builds have no released pages for WeChat to check.
    posterCheckPath: !config.sandbox,
  });
  const accounts = new AccountService({ members, wechat, wecom: w.wecom, sign: w.sign, vault: w.phoneVault, referrals, clock, ids, logger: log });
  const reminders = new ReminderService({ subs: subscriptions, send: (req) => sender.send(req), clock, ids, logger: log, pages: { checkin: 'pages/checkin/index', activity: 'pages/activity/detail' } });
  const activities = new ActivityService({
    repo: activityRepo,
    members,
    ledger,
    referrals,
    events,
    vault: w.phoneVault,
    clock,
    ids,
    onPromoted: (corpId, p) => reminders.promoted(corpId, p),
  });
  const content = new ContentService({
    repo: new ContentRepository(ds),
    members,
    accounts,
    events,
    leads: new LeadIntake({ sources: w.leadSources, mining: w.leadMining, leads: w.leads }),
    vault: w.phoneVault,
    assertVisible,
    notifyAgent: async (corpId, staffId, payload) => {
      await w.notifications.notify(corpId, staffId, 'proposal.viewed', payload);
    },
    clock,
    ids,
  });
  let corp: Promise<string> | null = null;
  const corpId = (): Promise<string> =>
    (corp ??= w.staff.findCorpByWecomId(config.wecom.corpId).then((c) => {
      if (!c) {
        corp = null;
        throw new Error(`corp ${config.wecom.corpId} is not set up yet`);
      }
      return c.id;
    }));
  return {
    mp: { accounts, checkins: new CheckinService({ repo: ledger, subscriptions, events, clock, ids }), activities, referrals, content, corpId },
    mpStaff: { activities: new ActivityAdminService({ repo: activityRepo, members, activities, assertVisible, clock, ids }), content },
    mpReminders: reminders,
    wechat,
  };
}
