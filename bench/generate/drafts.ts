import { noticeEndsOn } from '../../src/core/problem.lifecycle.js';
import type { DecisionContext, ProblemCommand, ProblemState } from '../../src/core/problem.types.js';

export interface Draft {
  type: string;
  payload: Record<string, unknown>;
}

/**
 * The event the core's command handler would write for a command the generator knows to be
 * valid, without the guards, validation and copies of `decide` (most of the generation time).
 * The timeline plays a sample of problems through `decide` itself and compares: a change in
 * the core that these drafts miss stops the generator instead of producing different data.
 */
export function draftEvent(state: ProblemState, c: ProblemCommand, ctx: DecisionContext): Draft {
  switch (c.type) {
    case 'assign':
      return draft('problem.assigned', {
        leadUnitId: c.leadUnitId,
        coUnitIds: c.coUnitIds ?? [],
        responsiblePerson: c.responsiblePerson ?? null,
        deadline: c.deadline,
      });
    case 'acknowledge':
      return draft('problem.acknowledged', {
        planDueOn: ctx.addWorkingDays(ctx.today, ctx.rules.planDueWorkingDays),
      });
    case 'submit_plan':
      return draft('problem.plan_submitted', {
        goal: c.goal,
        measures: c.measures,
        deadline: c.deadline,
        kind: c.kind,
      });
    case 'approve_plan':
      return draft('problem.plan_approved', { comment: c.comment ?? null });
    case 'return_plan':
      return draft('problem.plan_returned', { comments: c.comments });
    case 'report_progress':
      return draft('problem.progress_reported', {
        reportedOn: c.reportedOn,
        text: c.text,
        evidence: c.evidence ?? [],
        measuresDone: c.measuresDone ?? [],
      });
    case 'request_closure':
      return draft('problem.closure_requested', { fourNotLetGo: c.fourNotLetGo });
    case 'reject_closure':
      return draft('problem.closure_rejected', { reasons: c.reasons });
    case 'accept_closure':
      return draft('problem.closure_accepted', {
        checkedOn: c.checkedOn,
        checkers: c.checkers,
        opinion: c.opinion,
        acceptorUnitId: ctx.actor.unit?.id ?? null,
        noticeEndsOn: noticeEndsOn(ctx),
      });
    case 'close':
      return draft('problem.closed', { supervisionLifted: state.supervision !== null });
    case 'reopen':
      return draft('problem.reopened', { reason: c.reason });
    case 'request_extension':
      return draft('problem.extension_requested', { newDeadline: c.newDeadline, reason: c.reason });
    case 'approve_extension':
      return draft('problem.extension_approved', {
        previousDeadline: state.deadline,
        newDeadline: state.pendingExtension!.newDeadline,
        comment: c.comment ?? null,
      });
    case 'urge':
      return draft('problem.urged', { text: c.text });
    case 'add_expert_opinion':
      return draft('problem.expert_opinion_added', {
        rootCause: c.rootCause,
        recommendations: c.recommendations,
      });
    case 'list_supervision':
      return draft('problem.supervision_listed', { level: c.level, deadline: c.deadline, reason: c.reason });
    case 'dismiss':
      return draft('problem.dismissed', { reason: c.reason });
    case 'merge_into':
      return draft('problem.merged', { targetId: c.targetId, targetCode: c.targetCode });
    default:
      // The lifecycle does not use the others; decide() would still handle them.
      throw new Error(`no draft for command ${c.type}`);
  }
}

const draft = (type: string, payload: Record<string, unknown>): Draft => ({ type, payload });
