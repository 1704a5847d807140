export { scoreLead, gradeOf, scoringCounters, lookbackDays, type ScoringFacts } from './scoring.plan';
export { defaultScoringModel } from './default-scoring-model';
