export { scoreLead, gradeOf, scoringCounters, lookbackDays, type ScoringFacts } from './scoring.plan';
export { defaultScoringModel } from './default-scoring-model';
export { matchRule, pickAgent, conditionHolds, emptyAssignmentState, type AssignableLead, type AssignmentCandidate, type AssignmentState, type AgentPick } from './assignment.plan';
export { slaState, canReassign, cooldownEndsAt } from './sla.plan';
export { isOnDuty, describeHours } from './working-hours.plan';
