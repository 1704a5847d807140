import type { EvaluationPeriod, EvaluationTargetInput, MetricKey } from '@lodestar/shared';

const corp = (metric: MetricKey, period: EvaluationPeriod, target: number, tolerance = 0.1): EvaluationTargetInput => ({ metric, period, target, teamId: null, tolerance });

/**
 * Targets a demo corp starts with, for the whole corp: rates (0..1) that a well-run insurance
 * agency team reaches, and counts sized for the sandbox's few hundred customers. Realtime uses the
 * month targets (the month to date), so none is listed for it.
 */
export function defaultTargets(): EvaluationTargetInput[] {
  return [
    // Weekly: the operational rhythm a team lead reviews on Monday.
    corp('call_connect_rate', 'week', 0.35),
    corp('lead_sla_compliance', 'week', 0.9, 0.05),
    corp('sop_completion', 'week', 0.85),
    // Monthly: the core report.
    corp('activity_penetration', 'month', 0.3),
    corp('underwriting_conversion', 'month', 0.08, 0.2),
    corp('call_connect_rate', 'month', 0.35),
    corp('event_attendance_rate', 'month', 0.6),
    corp('invited_attendance_rate', 'month', 0.5),
    corp('assessment_customers', 'month', 30, 0.15),
    corp('assessment_times', 'month', 45, 0.15),
    corp('referral_rate', 'month', 0.05, 0.2),
    corp('checkin_active_rate', 'month', 0.25),
    corp('journey_conversion', 'month', 0.1, 0.2),
    corp('lead_sla_compliance', 'month', 0.9, 0.05),
    corp('key_node_reach_rate', 'month', 0.7),
    corp('sop_completion', 'month', 0.85),
    // Quarterly, half-yearly and yearly: the business outcomes.
    corp('underwriting_conversion', 'quarter', 0.1, 0.2),
    corp('assessment_customers', 'quarter', 90, 0.15),
    corp('activity_penetration', 'quarter', 0.4),
    corp('underwriting_conversion', 'half_year', 0.1, 0.2),
    corp('referral_rate', 'half_year', 0.08, 0.2),
    corp('activity_penetration', 'year', 0.6),
    corp('underwriting_conversion', 'year', 0.12, 0.2),
    corp('assessment_customers', 'year', 360, 0.15),
  ];
}
