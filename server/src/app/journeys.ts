import type { DataSource } from 'typeorm';
import { AgentMessageTaskRepository, ChannelDispatcher, MpSubscribeHttpAdapter, OaTemplateHttpAdapter, SmsHttpAdapter, WecomMassAdapter, WecomTaskSender } from '../channels';
import { ruleContext, type PhoneVault, type SegmentRepository, type SegmentService, type StageRepository, type TagDictionaryService, type TaggingService } from '../customers';
import type { AgentNotificationService, LeadHandoffService } from '../leads';
import {
  AgentTaskRepository,
  AgentTaskService,
  EnrolmentService,
  JourneyFactsRepository,
  JourneyRepository,
  JourneyRunner,
  JourneyService,
  JourneySettingsService,
  JourneySettingsRepository,
  JourneyTemplateService,
  JourneyTimelineRepository,
  JourneyTriggers,
  PositionListRepository,
  PositionRepository,
  SendRepository,
  StepStatRepository,
  VersionCache,
  type JourneyEffectPorts,
} from '../journeys';
import type { Clock } from '../platform/clock';
import type { Config } from '../platform/config';
import type { IdGenerator } from '../platform/ids';
import type { Logger } from '../platform/logger';
import type { AccessTokenCache, WecomApiPort } from '../wecom';

export interface JourneyParts {
  journeys: JourneyService;
  agentTaskService: AgentTaskService;
  journeyTemplates: JourneyTemplateService;
  journeySettings: JourneySettingsService;
  journeyTriggers: JourneyTriggers;
  journeyRunner: JourneyRunner;
  agentTasks: AgentTaskRepository;
  positions: PositionRepository;
}

export interface JourneyWiring {
  config: Config;
  ds: DataSource;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  owner: string;
  endpoints: { wechatApiBase?: string; smsApiBase?: string };
  tokenCache: AccessTokenCache;
  wecom: WecomApiPort;
  segmentRepo: SegmentRepository;
  segments: SegmentService;
  stageRepo: StageRepository;
  tagging: TaggingService;
  tagDictionary: TagDictionaryService;
  leadHandoff: LeadHandoffService;
  notifications: AgentNotificationService;
  phoneVault: PhoneVault;
}

/** The journey engine and its ports, made of the rest of the container. */
export function buildJourneys(w: JourneyWiring): JourneyParts {
  const { config, ds, clock, ids } = w;
  const known = (value: string | undefined, fallback: () => string | undefined, what: string) => () => {
    const v = value ?? fallback();
    if (!v) throw new Error(`the ${what} base URL is not known yet`);
    return v;
  };
  const wechatBase = known(config.mp.apiBase, () => w.endpoints.wechatApiBase, 'WeChat API');
  const channels = new ChannelDispatcher({
    mpSubscribe: new MpSubscribeHttpAdapter({ baseUrl: wechatBase, appId: config.mp.appId ?? '', secret: config.mp.secret ?? '', clock, tokenCache: w.tokenCache }),
    oaTemplate: new OaTemplateHttpAdapter({ baseUrl: known(config.oa.apiBase, () => w.endpoints.wechatApiBase, 'official-account API'), appId: config.oa.appId ?? '', secret: config.oa.secret ?? '', clock, tokenCache: w.tokenCache }),
    sms: new SmsHttpAdapter({ baseUrl: known(config.sms.apiBase, () => w.endpoints.smsApiBase, 'SMS gateway'), apiKey: config.sms.apiKey ?? '' }),
    wecomTask: new WecomTaskSender({ tasks: new AgentMessageTaskRepository(ds), ids, clock }),
    wecomMass: new WecomMassAdapter({ wecom: w.wecom }),
  });
  const tagIds = new Map<string, string>();
  const tagId = async (corpId: string, name: string, group: string | undefined): Promise<string> => {
    const k = `${corpId}\u0000${group ?? ''}\u0000${name}`;
    const hit = tagIds.get(k);
    if (hit) return hit;
    const id = (await w.tagDictionary.resolve(corpId, name, group)).id;
    tagIds.set(k, id);
    return id;
  };
  const ports: JourneyEffectPorts = {
    channels,
    tags: async (corpId, edits, evidence, at) => {
      const resolved = await Promise.all(
        edits.map(async (e) => ({
          customerId: e.customerId,
          add: await Promise.all(e.add.map(async (n) => ({ tagId: await tagId(corpId, n, e.group), source: 'journey' as const, evidence }))),
          remove: await Promise.all(e.remove.map((n) => tagId(corpId, n, e.group))),
        })),
      );
      await w.tagging.applyMany(corpId, resolved, at);
    },
    setStage: (corpId, customerIds, stage, at) => w.stageRepo.setStage(corpId, customerIds, stage, at),
    handOff: async (req) => {
      const r = await w.leadHandoff.handOff(req);
      return { staffId: r.staffId, leadId: r.leadId };
    },
    notify: async (corpId, staffId, payload) => {
      await w.notifications.notify(corpId, staffId, 'journey.notice', payload);
    },
    phone: (cipher) => w.phoneVault.decrypt(cipher),
  };
  const repo = new JourneyRepository(ds);
  const positions = new PositionRepository(ds);
  const stats = new StepStatRepository(ds);
  const facts = new JourneyFactsRepository(ds);
  const timeline = new JourneyTimelineRepository(ds, () => ids.next());
  const versions = new VersionCache(repo);
  const agentTasks = new AgentTaskRepository(ds);
  const journeySettings = new JourneySettingsService(new JourneySettingsRepository(ds), clock);
  const rules = (corpId: string) => ruleContext(w.segmentRepo, clock, corpId);
  const enrolment = new EnrolmentService({ positions, stats, timeline, clock, ids });
  const journeyTriggers = new JourneyTriggers({ repo, versions, positions, stats, facts, enrolment, ruleContext: rules, clock, logger: w.logger.child({ component: 'journey-triggers' }) });
  const enrolAudience = journeyTriggers.enrolAudience.bind(journeyTriggers);
  const journeys = new JourneyService({ repo, positions, positionList: new PositionListRepository(ds), stats, enrolment, segments: w.segmentRepo, ruleContext: rules, enrolAudience, clock, ids });
  return {
    journeys,
    agentTaskService: new AgentTaskService({ tasks: agentTasks, clock }),
    journeySettings,
    journeyTemplates: new JourneyTemplateService({ repo, journeys, segments: w.segments }),
    journeyTriggers,
    journeyRunner: new JourneyRunner({
      leaseMs: config.journeys.leaseMs,
      positions,
      sends: new SendRepository(ds),
      stats,
      facts,
      timeline,
      tasks: agentTasks,
      versions,
      ports,
      journeys: (journeyIds) => repo.statuses(journeyIds),
      policy: (corpId) => journeySettings.policy(corpId),
      ruleContext: rules,
      clock,
      ids,
      logger: w.logger.child({ component: 'journey-runner' }),
      owner: w.owner,
    }),
    agentTasks,
    positions,
  };
}
