import type { IsoDate, ProblemState } from './problem.types.js';
import type { CampaignRules } from './rules.js';
import { DONE_STATUSES, type ProblemStatus, type WarningLevel } from './vocabulary.js';
import { addDays, daysBetween, todayInShanghai } from './working-days.js';

/** Statuses in which a plan is owed (its due date can pass). */
export const PLAN_DUE_STATUSES: readonly ProblemStatus[] = ['acknowledged', 'plan_returned'];
/** Statuses in which silence counts as stalling. */
export const STALLED_STATUSES: readonly ProblemStatus[] = ['rectifying'];

/**
 * The date from which silence is measured while rectifying: the last progress report, or the
 * Shanghai date the plan was approved when nothing was reported yet. The database stores it
 * as a column so the stalled filter is a plain comparison.
 */
export function progressReferenceOn(state: Pick<ProblemState, 'lastProgressOn' | 'plan'>): IsoDate | null {
  if (state.lastProgressOn !== null) return state.lastProgressOn;
  return state.plan?.approvedAt ? todayInShanghai(state.plan.approvedAt) : null;
}

/**
 * The warning light (预警) of a problem on a date; computed, never typed. First match wins:
 * none (done) › red (deadline passed) › yellow (deadline near, plan overdue, or listed
 * supervision deadline near) › stalled (rectifying in silence) › green.
 */
export function computeWarning(state: ProblemState, today: IsoDate, rules: CampaignRules): WarningLevel {
  if (DONE_STATUSES.includes(state.status)) return 'none';
  if (state.deadline !== null && state.deadline < today) return 'red';
  const near = (date: IsoDate | null | undefined) =>
    date != null && daysBetween(today, date) <= rules.yellowWithinDays;
  const planOverdue =
    PLAN_DUE_STATUSES.includes(state.status) && state.planDueOn !== null && state.planDueOn < today;
  if (near(state.deadline) || planOverdue || near(state.supervision?.deadline)) return 'yellow';
  const reference = progressReferenceOn(state);
  if (
    STALLED_STATUSES.includes(state.status) &&
    reference !== null &&
    daysBetween(reference, today) > rules.stalledAfterDays
  ) {
    return 'stalled';
  }
  return 'green';
}

/**
 * Date thresholds for filtering by warning in SQL; `computeWarning` gives the same answer.
 * With columns status, deadline, plan_due_on, supervision_deadline and progress_reference_on
 * (see `progressReferenceOn`), and NULL comparisons counting as false:
 *
 * - none:    status IN doneStatuses
 * - red:     NOT none AND deadline < redBefore
 * - yellow:  NOT none AND NOT red AND (deadline <= yellowUntil
 *              OR (status IN planDueStatuses AND plan_due_on < planOverdueBefore)
 *              OR supervision_deadline <= yellowUntil)
 * - stalled: NOT none AND NOT red AND NOT yellow
 *              AND status IN stalledStatuses AND progress_reference_on < stalledBefore
 * - green:   none of the above
 */
export interface WarningPredicates {
  doneStatuses: readonly ProblemStatus[];
  /** today */
  redBefore: IsoDate;
  /** today + yellowWithinDays */
  yellowUntil: IsoDate;
  planDueStatuses: readonly ProblemStatus[];
  /** today */
  planOverdueBefore: IsoDate;
  stalledStatuses: readonly ProblemStatus[];
  /** today − stalledAfterDays */
  stalledBefore: IsoDate;
}

export function warningPredicates(today: IsoDate, rules: CampaignRules): WarningPredicates {
  return {
    doneStatuses: DONE_STATUSES,
    redBefore: today,
    yellowUntil: addDays(today, rules.yellowWithinDays),
    planDueStatuses: PLAN_DUE_STATUSES,
    planOverdueBefore: today,
    stalledStatuses: STALLED_STATUSES,
    stalledBefore: addDays(today, -rules.stalledAfterDays),
  };
}
