import { DomainError } from './errors.js';
import {
  EDITABLE_FIELDS,
  type EditableFields,
  type ProblemEventPayloads,
  type ProblemEventType,
  type RegisteredPayload,
  type StoredProblemEvent,
} from './problem.events.js';
import type { Plan, ProblemState } from './problem.types.js';

type Applied = Exclude<ProblemEventType, 'problem.registered'>;
type Apply<K extends Applied> = (
  state: ProblemState,
  payload: ProblemEventPayloads[K],
  event: StoredProblemEvent,
) => ProblemState;

const corrupt = (why: string) =>
  new DomainError('INTERNAL', { zh: `问题事件流损坏：${why}`, en: `Corrupt problem event stream: ${why}` });

function requirePlan(state: ProblemState): Plan {
  if (!state.plan) throw corrupt('no plan');
  return state.plan;
}

/** Clears everything a closure attempt left behind (objection, reopen). */
const withoutClosure = (s: ProblemState): ProblemState => ({
  ...s,
  closureRequest: null,
  acceptance: null,
  noticeEndsOn: null,
  handledAt: null,
  closedAt: null,
});

/** Only the editable fields, so a stored payload can never rewrite status, version or ids. */
function pickEditable(changes: EditableFields): EditableFields {
  const picked: Record<string, unknown> = {};
  for (const field of EDITABLE_FIELDS) if (Object.hasOwn(changes, field)) picked[field] = changes[field];
  return picked as EditableFields;
}

const laterOf = (a: string | null, b: string): string => (a !== null && a > b ? a : b);

const APPLY: { [K in Applied]: Apply<K> } = {
  'problem.assigned': (s, p) => ({
    ...s,
    status: 'assigned',
    leadUnitId: p.leadUnitId,
    coUnitIds: p.coUnitIds,
    responsiblePerson: p.responsiblePerson,
    deadline: p.deadline,
  }),
  'problem.acknowledged': (s, p) => ({ ...s, status: 'acknowledged', planDueOn: p.planDueOn }),
  'problem.plan_submitted': (s, p, e) => ({
    ...s,
    status: 'plan_submitted',
    // The problem's deadline is set at assignment; a plan only supplies one when none exists.
    deadline: s.deadline ?? p.deadline,
    plan: {
      goal: p.goal,
      measures: p.measures.map((m) => ({ ...m, doneOn: null })),
      deadline: p.deadline,
      kind: p.kind,
      submittedAt: e.at,
      approvedAt: null,
    },
  }),
  'problem.plan_approved': (s, _p, e) => ({
    ...s,
    status: 'rectifying',
    plan: { ...requirePlan(s), approvedAt: e.at },
  }),
  'problem.plan_returned': (s, p) => ({
    ...s,
    status: 'plan_returned',
    planComments: [...s.planComments, p.comments],
  }),
  'problem.progress_reported': (s, p) => {
    const plan = requirePlan(s);
    const done = new Set(p.measuresDone);
    const measures = plan.measures.map((m) =>
      done.has(m.id) && m.doneOn === null ? { ...m, doneOn: p.reportedOn } : m,
    );
    // A back-dated report must not make the problem look more recently active than it is.
    return { ...s, lastProgressOn: laterOf(s.lastProgressOn, p.reportedOn), plan: { ...plan, measures } };
  },
  'problem.closure_requested': (s, p, e) => ({
    ...s,
    status: 'closure_requested',
    closureRequest: { requestedAt: e.at, requestedBy: e.actorId, fourNotLetGo: p.fourNotLetGo },
  }),
  'problem.closure_accepted': (s, p, e) => ({
    ...s,
    status: 'handled',
    acceptance: {
      acceptedAt: e.at,
      acceptedBy: e.actorId,
      acceptorUnitId: p.acceptorUnitId,
      checkedOn: p.checkedOn,
      checkers: p.checkers,
      opinion: p.opinion,
    },
    noticeEndsOn: p.noticeEndsOn,
    handledAt: e.at,
    // The work is done: an open request for more time is moot.
    pendingExtension: null,
  }),
  'problem.closure_rejected': (s) => ({ ...s, status: 'rectifying', closureRequest: null }),
  'problem.objection_raised': (s) => ({ ...withoutClosure(s), status: 'rectifying' }),
  'problem.closed': (s, _p, e) => ({ ...s, status: 'closed', closedAt: e.at, supervision: null }),
  'problem.reopened': (s) => ({ ...withoutClosure(s), status: 'rectifying', reopenCount: s.reopenCount + 1 }),
  'problem.extension_requested': (s, p, e) => ({
    ...s,
    pendingExtension: {
      requestedAt: e.at,
      requestedBy: e.actorId,
      newDeadline: p.newDeadline,
      reason: p.reason,
    },
  }),
  'problem.extension_approved': (s, p) => ({ ...s, deadline: p.newDeadline, pendingExtension: null }),
  'problem.extension_rejected': (s) => ({ ...s, pendingExtension: null }),
  'problem.urged': (s) => s,
  'problem.expert_opinion_added': (s) => s,
  'problem.supervision_listed': (s, p, e) => ({
    ...s,
    supervision: { level: p.level, deadline: p.deadline, listedAt: e.at, reason: p.reason },
  }),
  'problem.supervision_lifted': (s) => ({ ...s, supervision: null }),
  'problem.dismissed': (s) => ({ ...s, status: 'dismissed', pendingExtension: null, supervision: null }),
  'problem.merged': (s, p) => ({
    ...s,
    status: 'merged',
    duplicateOfId: p.targetId,
    pendingExtension: null,
    supervision: null,
  }),
  'problem.edited': (s, p) => ({ ...s, ...pickEditable(p.changes) }),
};

function initialState(p: RegisteredPayload, e: StoredProblemEvent): ProblemState {
  return {
    id: p.id,
    code: p.code,
    version: 1,
    status: 'registered',
    title: p.title,
    description: p.description,
    source: p.source,
    areas: p.areas,
    subArea: p.subArea,
    problemKind: p.problemKind,
    campaignId: p.campaignId,
    workGroupId: p.workGroupId,
    regionCode: p.regionCode,
    location: p.location,
    leadUnitId: null,
    coUnitIds: [],
    responsiblePerson: null,
    deadline: null,
    planDueOn: null,
    plan: null,
    planComments: [],
    lastProgressOn: null,
    supervision: null,
    pendingExtension: null,
    closureRequest: null,
    acceptance: null,
    noticeEndsOn: null,
    complaintLinked: p.complaintLinked,
    reopenCount: 0,
    originId: p.originId,
    duplicateOfId: null,
    createdAt: e.at,
    updatedAt: e.at,
    handledAt: null,
    closedAt: null,
  };
}

const isApplied = (type: string): type is Applied => Object.hasOwn(APPLY, type);

/**
 * Applies one stored event. Replaying a problem's events from null rebuilds its projection
 * exactly; each event adds 1 to the version and stamps updatedAt.
 */
export function evolve(state: ProblemState | null, event: StoredProblemEvent): ProblemState {
  // Copy so the state never shares arrays or objects with a stored payload.
  const payload = structuredClone(event.payload);
  if (state === null) {
    if (event.type !== 'problem.registered') throw corrupt(`first event is ${event.type}`);
    return initialState(payload as unknown as RegisteredPayload, event);
  }
  if (!isApplied(event.type)) throw corrupt(`unexpected event ${event.type}`);
  const apply = APPLY[event.type] as Apply<Applied>;
  const next = apply(state, payload as never, event);
  return { ...next, version: state.version + 1, updatedAt: event.at };
}

/** Rebuilds a projection from a problem's events, oldest first. */
export function replay(events: readonly StoredProblemEvent[]): ProblemState | null {
  return events.reduce<ProblemState | null>(evolve, null);
}
