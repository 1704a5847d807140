import type { DataSource } from 'typeorm';
import {
  CorpZoneRepository,
  EvaluationRepository,
  EvaluationService,
  FunnelRepository,
  FunnelService,
  MetricCatalog,
  RetentionRepository,
  RollupService,
  StaffDayRepository,
  StageReachRepository,
  StageTransitionRepository,
} from '../analytics';
import { defaultSalesSops } from '../playbook';
import type { Clock } from '../platform/clock';
import type { IdGenerator } from '../platform/ids';

export interface AnalyticsParts {
  corpZones: CorpZoneRepository;
  metrics: MetricCatalog;
  funnels: FunnelService;
  evaluations: EvaluationService;
  stageTransitions: StageTransitionRepository;
  /** Keeps the daily rollups settled (the worker's analytics.rollups job). */
  rollups: RollupService;
}

/** The read side: the seed's metrics, funnels and retention, evaluations against targets. */
export function buildAnalytics(i: { ds: DataSource; clock: Clock; ids: IdGenerator }): AnalyticsParts {
  const corpZones = new CorpZoneRepository(i.ds);
  const builtInSops = new Map(defaultSalesSops.map((s) => [s.productLine as string, s.nodes.length]));
  const staffDays = new StaffDayRepository(i.ds);
  const metrics = new MetricCatalog(i.ds, i.clock, builtInSops, staffDays);
  const rollups = new RollupService({ staffDays, reach: new StageReachRepository(i.ds), zones: corpZones, clock: i.clock });
  const funnels = new FunnelService({ funnels: new FunnelRepository(i.ds), retention: new RetentionRepository(i.ds), clock: i.clock });
  const evaluations = new EvaluationService({ repo: new EvaluationRepository(i.ds), metrics, zones: corpZones, clock: i.clock, ids: i.ids });
  return { corpZones, metrics, funnels, evaluations, stageTransitions: new StageTransitionRepository(i.ds, i.ids), rollups };
}
