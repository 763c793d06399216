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
  return {
    ...state,
    warning: computeWarning(state, extra.dctx.today, extra.dctx.rules),
    regionName: extra.regionName,
    leadUnitName: extra.leadUnitName,
    // Read access (hence scope) was checked when the problem was loaded.
    abilities: availableActions(state, extra.dctx).filter(
      (a) => authorizeProblem(actor, a, state, null).allowed,
    ),
  };
}
