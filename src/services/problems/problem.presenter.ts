import type { Actor } from '../../core/actor.js';
import { availableActions } from '../../core/problem.lifecycle.js';
import { authorizeProblem } from '../../core/problem.policy.js';
import type { ProblemCommandType, ProblemState } from '../../core/problem.types.js';
import type { CampaignRules } from '../../core/rules.js';
import type { WarningLevel } from '../../core/vocabulary.js';
import { computeWarning } from '../../core/warnings.js';
import { todayInShanghai } from '../../core/working-days.js';

export interface ProblemView extends ProblemState {
  warning: WarningLevel;
  regionName: string | null;
  leadUnitName: string | null;
  /** What this actor may do now: the UI shows these and never re-derives the rules. */
  abilities: ProblemCommandType[];
}

export function presentProblem(
  state: ProblemState,
  actor: Actor,
  extra: { now: Date; rules: CampaignRules; regionName: string | null; leadUnitName: string | null },
): ProblemView {
  const today = todayInShanghai(extra.now.toISOString());
  return {
    ...state,
    warning: computeWarning(state, today, extra.rules),
    regionName: extra.regionName,
    leadUnitName: extra.leadUnitName,
    abilities: availableActions(state).filter((a) => authorizeProblem(actor, a, state).allowed),
  };
}
