import type { FourNotLetGo, IsoDate, IsoInstant, Measure, ProblemState } from './problem.types.js';
import type { PlanKind, SupervisionLevel } from './vocabulary.js';

/**
 * Payloads of the stored problem events. Every value `evolve` needs is in the payload (or in
 * the event's `at` / `actorId`), including values computed at decision time such as
 * `planDueOn` and `noticeEndsOn`: replay must never consult rules or calendars that may have
 * changed since. Payloads are plain JSON (no undefined) so they survive storage unchanged.
 */
export interface ProblemEventPayloads {
  'problem.registered': RegisteredPayload;
  'problem.assigned': {
    leadUnitId: string;
    coUnitIds: string[];
    responsiblePerson: string | null;
    deadline: IsoDate;
  };
  'problem.acknowledged': { planDueOn: IsoDate };
  'problem.plan_submitted': {
    goal: string;
    measures: Omit<Measure, 'doneOn'>[];
    deadline: IsoDate;
    kind: PlanKind;
  };
  'problem.plan_approved': { comment: string | null };
  'problem.plan_returned': { comments: string };
  'problem.progress_reported': {
    reportedOn: IsoDate;
    text: string;
    evidence: string[];
    measuresDone: string[];
  };
  'problem.closure_requested': { fourNotLetGo: FourNotLetGo };
  'problem.closure_accepted': {
    checkedOn: IsoDate;
    checkers: string[];
    opinion: string;
    acceptorUnitId: string | null;
    noticeEndsOn: IsoDate;
  };
  'problem.closure_rejected': { reasons: string };
  'problem.objection_raised': { text: string };
  'problem.closed': { supervisionLifted: boolean };
  'problem.reopened': { reason: string };
  'problem.extension_requested': { newDeadline: IsoDate; reason: string };
  'problem.extension_approved': {
    previousDeadline: IsoDate | null;
    newDeadline: IsoDate;
    comment: string | null;
  };
  'problem.extension_rejected': { newDeadline: IsoDate; comment: string };
  'problem.urged': { text: string };
  'problem.expert_opinion_added': { rootCause: string; recommendations: string };
  'problem.supervision_listed': { level: SupervisionLevel; deadline: IsoDate; reason: string };
  'problem.supervision_lifted': { reason: string };
  'problem.dismissed': { reason: string };
  'problem.merged': { targetId: string; targetCode: string };
  'problem.edited': { changes: EditableFields; previous: EditableFields };
}

export type ProblemEventType = keyof ProblemEventPayloads;

/** The fields an `edit` may change; everything else moves only through its own command. */
export const EDITABLE_FIELDS = [
  'title',
  'description',
  'areas',
  'subArea',
  'problemKind',
  'location',
  'source',
] as const satisfies readonly (keyof ProblemState)[];
export type EditableField = (typeof EDITABLE_FIELDS)[number];
export type EditableFields = Partial<Pick<ProblemState, EditableField>>;

export type RegisteredPayload = Pick<
  ProblemState,
  | 'id'
  | 'code'
  | 'title'
  | 'description'
  | 'source'
  | 'areas'
  | 'subArea'
  | 'problemKind'
  | 'campaignId'
  | 'workGroupId'
  | 'regionCode'
  | 'location'
  | 'complaintLinked'
  | 'originId'
>;

/** A stored event as `evolve` reads it. */
export interface StoredProblemEvent {
  type: string;
  payload: Record<string, unknown>;
  at: IsoInstant;
  actorId: string;
}

export const PROBLEM_EVENT_TYPES: readonly ProblemEventType[] = [
  'problem.registered',
  'problem.assigned',
  'problem.acknowledged',
  'problem.plan_submitted',
  'problem.plan_approved',
  'problem.plan_returned',
  'problem.progress_reported',
  'problem.closure_requested',
  'problem.closure_accepted',
  'problem.closure_rejected',
  'problem.objection_raised',
  'problem.closed',
  'problem.reopened',
  'problem.extension_requested',
  'problem.extension_approved',
  'problem.extension_rejected',
  'problem.urged',
  'problem.expert_opinion_added',
  'problem.supervision_listed',
  'problem.supervision_lifted',
  'problem.dismissed',
  'problem.merged',
  'problem.edited',
];

/** Builds a typed event draft; the payload type is checked against the event type. */
export function eventDraft<T extends ProblemEventType>(
  type: T,
  payload: ProblemEventPayloads[T],
): { type: T; payload: Record<string, unknown> } {
  return { type, payload: payload as unknown as Record<string, unknown> };
}
