import type { FourNotLetGo, IsoDate } from '../../core/problem.types.js';
import type { PlanKind, SupervisionLevel } from '../../core/vocabulary.js';
import type { DemoCommand } from './demo.types.js';

/**
 * Small builders for the story's commands, so the data modules read like a ledger's timeline
 * and not like JSON. Each returns exactly one lifecycle command.
 */

export const assign = (
  lead: string,
  deadline: IsoDate,
  options: { co?: string[]; person?: string } = {},
): DemoCommand => ({
  type: 'assign',
  lead,
  deadline,
  ...(options.co ? { co: options.co } : {}),
  ...(options.person ? { responsiblePerson: options.person } : {}),
});

export const ack = (): DemoCommand => ({ type: 'acknowledge' });

/** A measure as [what, who, by when]; ids are M1, M2, … in order. */
export type MeasureLine = readonly [text: string, owner: string, dueOn: IsoDate];

export const plan = (
  kind: PlanKind,
  deadline: IsoDate,
  goal: string,
  measures: readonly MeasureLine[],
): DemoCommand => ({
  type: 'submit_plan',
  kind,
  deadline,
  goal,
  measures: measures.map(([text, owner, dueOn], i) => ({ id: `M${i + 1}`, text, owner, dueOn })),
});

export const approve = (comment?: string): DemoCommand => ({
  type: 'approve_plan',
  ...(comment ? { comment } : {}),
});

export const returnPlan = (comments: string): DemoCommand => ({ type: 'return_plan', comments });

export const progress = (
  reportedOn: IsoDate,
  text: string,
  options: { done?: string[]; evidence?: string[] } = {},
): DemoCommand => ({
  type: 'report_progress',
  reportedOn,
  text,
  evidence: options.evidence ?? [],
  measuresDone: options.done ?? [],
});

export const urge = (text: string): DemoCommand => ({ type: 'urge', text });

export const expert = (rootCause: string, recommendations: string): DemoCommand => ({
  type: 'add_expert_opinion',
  rootCause,
  recommendations,
});

export const list = (level: SupervisionLevel, deadline: IsoDate, reason: string): DemoCommand => ({
  type: 'list_supervision',
  level,
  deadline,
  reason,
});

export const extend = (newDeadline: IsoDate, reason: string): DemoCommand => ({
  type: 'request_extension',
  newDeadline,
  reason,
});

export const approveExtension = (comment: string): DemoCommand => ({ type: 'approve_extension', comment });

export const rejectExtension = (comment: string): DemoCommand => ({ type: 'reject_extension', comment });

/** The four not-let-go, in the order the Hebei document states them. */
export function fourNotLetGo(
  cause: string,
  rectification: string,
  evidence: string[],
  accountability: { done: boolean; summary: string },
  publicSatisfaction: FourNotLetGo['publicSatisfaction'],
): FourNotLetGo {
  return { cause, rectification: { summary: rectification, evidence }, accountability, publicSatisfaction };
}

export const publicNotice = (summary: string): FourNotLetGo['publicSatisfaction'] => ({
  kind: 'public_notice',
  summary,
});

export const complainantSatisfied = (summary: string): FourNotLetGo['publicSatisfaction'] => ({
  kind: 'complainant_feedback',
  satisfied: true,
  summary,
});

export const noComplainant = (reason: string): FourNotLetGo['publicSatisfaction'] => ({
  kind: 'not_applicable',
  reason,
});

export const requestClosure = (f: FourNotLetGo): DemoCommand => ({
  type: 'request_closure',
  fourNotLetGo: f,
});

export const accept = (checkedOn: IsoDate, checkers: string[], opinion: string): DemoCommand => ({
  type: 'accept_closure',
  checkedOn,
  checkers,
  opinion,
});

export const rejectClosure = (reasons: string): DemoCommand => ({ type: 'reject_closure', reasons });

export const close = (): DemoCommand => ({ type: 'close' });

export const reopen = (reason: string): DemoCommand => ({ type: 'reopen', reason });

export const dismiss = (reason: string): DemoCommand => ({ type: 'dismiss', reason });

export const mergeInto = (target: string): DemoCommand => ({ type: 'merge_into', target });
