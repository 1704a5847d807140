export { HOLIDAY_FIRST_YEAR, HOLIDAY_LAST_YEAR, HolidayYearError, holidayDates } from './holiday-calendar';
export { localInstant, minutesOf } from './local-clock';
export { calendarOccurrences, isCalendarRule, occurrenceKey, occurrences, type CalendarRule, type TargetFacts } from './sop-schedule.plan';
export {
  SOP_ON_TIME_GRACE_MS,
  SOP_REASON_MISSED_WINDOW,
  SOP_REASON_PLAN_SKIPS_MISSED,
  dueTasks,
  earlyEnd,
  missedStatus,
  type SopDueInput,
  type SopDuePlan,
  type SopDueResult,
  type SopDueTarget,
  type SopDueTask,
  type SopEndReason,
  type SopEndedTarget,
  type SopSkipReason,
} from './sop-due.plan';
export { burstsDue, eventTasks, joinBursts, memberCountKey, memberCountReached, type JoinBurst, type SopEventInput, type SopEventTarget } from './sop-event.plan';
export { matchesTarget, nameMatcher, type SopGroupFacts } from './sop-target.plan';
export { followUp, type SopFollowUp, type SopFollowUpSettings, type SopFollowUpTask } from './sop-followup.plan';
export { completion, type SopCompletionRow } from './sop-completion.plan';
export { SopPlanRow } from './sop-plan.entity';
export { SopTaskRow } from './sop-task.entity';
export { SopTargetStateRow } from './sop-target-state.entity';
export { SopRepository } from './sop.repository';
export { SopRunner, contentText, type SopWecomPort } from './sop-runner';
export { SopService } from './sop.service';
export { sopRoutes } from './sop.router';
