import type { Actor } from '../../core/actor.js';
import { availableActions } from '../../core/problem.lifecycle.js';
import { authorizeProblem } from '../../core/problem.policy.js';
import type { DecisionContext, ProblemCommandType, ProblemState } from '../../core/problem.types.js';
import type { WarningLevel } from '../../core/vocabulary.js';
import { computeWarning } from '../../core/warnings.js';

export interface ProblemView extends ProblemState {
  warning: WarningLevel;
  regionName: string | null;
  leadUnitName: string | null;
  /** What this actor may do now: the UI shows these and never re-derives the rules. */
  abilities: ProblemCommandType[];
}

/** The problem with its warning light and the actions this actor may take on this date. */
export function presentProblem(
  state: ProblemState,
  actor: Actor,
  extra: { dctx: DecisionContext; regionName: string | null; leadUnitName: string | null },
): ProblemView {
  return viewOf(state, {
    warning: computeWarning(state, extra.dctx.today, extra.dctx.rules),
    regionName: extra.regionName,
    leadUnitName: extra.leadUnitName,
    // Read access (hence scope) was checked when the problem was loaded.
    abilities: availableActions(state, extra.dctx).filter(
      (a) => authorizeProblem(actor, a, state, null).allowed,
    ),
  });
}

/**
 * The view as one object literal, field by field, rather than `{ ...state, ... }`: a state
 * parsed from JSON has one of many hidden classes, so spreading its ~40 fields took V8's slow
 * generic path (~10 µs), and the serialiser's property reads on the copy missed their inline
 * caches (~15 µs more). A literal has one shape every time.
 */
const viewOf = (
  s: ProblemState,
  x: Pick<ProblemView, 'warning' | 'regionName' | 'leadUnitName' | 'abilities'>,
): ProblemView => ({
  id: s.id,
  code: s.code,
  version: s.version,
  status: s.status,
  title: s.title,
  description: s.description,
  source: s.source,
  areas: s.areas,
  subArea: s.subArea,
  problemKind: s.problemKind,
  campaignId: s.campaignId,
  workGroupId: s.workGroupId,
  regionCode: s.regionCode,
  location: s.location,
  leadUnitId: s.leadUnitId,
  coUnitIds: s.coUnitIds,
  responsiblePerson: s.responsiblePerson,
  deadline: s.deadline,
  planDueOn: s.planDueOn,
  plan: s.plan,
  planComments: s.planComments,
  lastProgressOn: s.lastProgressOn,
  supervision: s.supervision,
  pendingExtension: s.pendingExtension,
  closureRequest: s.closureRequest,
  acceptance: s.acceptance,
  noticeEndsOn: s.noticeEndsOn,
  complaintLinked: s.complaintLinked,
  reopenCount: s.reopenCount,
  originId: s.originId,
  duplicateOfId: s.duplicateOfId,
  createdAt: s.createdAt,
  updatedAt: s.updatedAt,
  handledAt: s.handledAt,
  closedAt: s.closedAt,
  warning: x.warning,
  regionName: x.regionName,
  leadUnitName: x.leadUnitName,
  abilities: x.abilities,
});
