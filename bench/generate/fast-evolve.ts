import { evolve } from '../../src/core/problem.lifecycle.js';
import type { ProblemState } from '../../src/core/problem.types.js';

type Payload = Record<string, unknown>;
type Apply = (s: ProblemState, p: Payload, at: string, actorId: string) => void;

/**
 * What the core's `evolve` does for the events the generator writes, applied to the state in
 * place: the core copies the 36-field state and clones every payload for each event, which was
 * a fifth of the generation time and most of its garbage. Only the timeline holds the state,
 * and no payload object is changed after it is stored, so nothing needs copying. Nested
 * objects the core rebuilds are rebuilt here too, with the same keys in the same order (the
 * state is stored as JSON.stringify). The timeline plays every 50th problem through `decide`
 * as well and compares the whole state, and the load replays a sample with `replay`.
 */
const APPLY: Record<string, Apply> = {
  'problem.assigned': (s, p) => {
    s.status = 'assigned';
    s.leadUnitId = p.leadUnitId as string;
    s.coUnitIds = p.coUnitIds as string[];
    s.responsiblePerson = p.responsiblePerson as string | null;
    s.deadline = p.deadline as string;
  },
  'problem.acknowledged': (s, p) => {
    s.status = 'acknowledged';
    s.planDueOn = p.planDueOn as string;
  },
  'problem.plan_submitted': (s, p, at) => {
    s.status = 'plan_submitted';
    s.deadline = s.deadline ?? (p.deadline as string);
    const measures = p.measures as Omit<NonNullable<ProblemState['plan']>['measures'][number], 'doneOn'>[];
    s.plan = {
      goal: p.goal as string,
      measures: measures.map((m) => ({ ...m, doneOn: null })),
      deadline: p.deadline as string,
      kind: p.kind as NonNullable<ProblemState['plan']>['kind'],
      submittedAt: at,
      approvedAt: null,
    };
  },
  'problem.plan_approved': (s, _p, at) => {
    s.status = 'rectifying';
    s.plan = { ...s.plan!, approvedAt: at };
  },
  'problem.plan_returned': (s, p) => {
    s.status = 'plan_returned';
    s.planComments = [...s.planComments, p.comments as string];
  },
  'problem.progress_reported': (s, p) => {
    const plan = s.plan!;
    const reportedOn = p.reportedOn as string;
    const done = p.measuresDone as string[];
    if (done.length)
      s.plan = {
        ...plan,
        measures: plan.measures.map((m) =>
          done.includes(m.id) && m.doneOn === null ? { ...m, doneOn: reportedOn } : m,
        ),
      };
    if (s.lastProgressOn === null || s.lastProgressOn <= reportedOn) s.lastProgressOn = reportedOn;
  },
  'problem.closure_requested': (s, p, at, actorId) => {
    s.status = 'closure_requested';
    s.closureRequest = {
      requestedAt: at,
      requestedBy: actorId,
      fourNotLetGo: p.fourNotLetGo as NonNullable<ProblemState['closureRequest']>['fourNotLetGo'],
    };
  },
  'problem.closure_accepted': (s, p, at, actorId) => {
    s.status = 'handled';
    s.acceptance = {
      acceptedAt: at,
      acceptedBy: actorId,
      acceptorUnitId: p.acceptorUnitId as string | null,
      checkedOn: p.checkedOn as string,
      checkers: p.checkers as string[],
      opinion: p.opinion as string,
    };
    s.noticeEndsOn = p.noticeEndsOn as string;
    s.handledAt = at;
    s.pendingExtension = null;
  },
  'problem.closure_rejected': (s) => {
    s.status = 'rectifying';
    s.closureRequest = null;
  },
  'problem.closed': (s, _p, at) => {
    s.status = 'closed';
    s.closedAt = at;
    s.supervision = null;
  },
  'problem.reopened': (s) => {
    s.closureRequest = null;
    s.acceptance = null;
    s.noticeEndsOn = null;
    s.handledAt = null;
    s.closedAt = null;
    s.status = 'rectifying';
    s.reopenCount += 1;
  },
  'problem.extension_requested': (s, p, at, actorId) => {
    s.pendingExtension = {
      requestedAt: at,
      requestedBy: actorId,
      newDeadline: p.newDeadline as string,
      reason: p.reason as string,
    };
  },
  'problem.extension_approved': (s, p) => {
    s.deadline = p.newDeadline as string;
    s.pendingExtension = null;
  },
  'problem.urged': () => {},
  'problem.expert_opinion_added': () => {},
  'problem.supervision_listed': (s, p, at) => {
    s.supervision = {
      level: p.level as NonNullable<ProblemState['supervision']>['level'],
      deadline: p.deadline as string,
      listedAt: at,
      reason: p.reason as string,
    };
  },
  'problem.dismissed': (s) => {
    s.status = 'dismissed';
    s.pendingExtension = null;
    s.supervision = null;
  },
  'problem.merged': (s, p) => {
    s.status = 'merged';
    s.duplicateOfId = p.targetId as string;
    s.pendingExtension = null;
    s.supervision = null;
  },
};

/** Applies one event to `state` (changed in place, also returned); other types go to the core's evolve. */
export function evolveInPlace(
  state: ProblemState,
  type: string,
  payload: Payload,
  at: string,
  actorId: string,
): ProblemState {
  const apply = APPLY[type];
  if (!apply) return evolve(state, { type, payload, at, actorId });
  apply(state, payload, at, actorId);
  state.version += 1;
  state.updatedAt = at;
  return state;
}
