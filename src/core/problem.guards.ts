import { DomainError } from './errors.js';
import { PROBLEM_COMMAND_TYPES, transitionAllowed, transitionRefusal } from './problem.transitions.js';
import type { DecisionContext, IsoDate, ProblemCommandType, ProblemState } from './problem.types.js';
import { acceptanceRefusal, extensionApprovalRefusal } from './separation-of-duties.rules.js';
import type { Label } from './vocabulary.js';

/**
 * What a guard may know. `decide` passes the full context; a presenter computing abilities
 * may pass less, and the checks that need a missing piece are then skipped (the command's
 * own `decide` still enforces them).
 */
export type GuardContext = Partial<
  Pick<DecisionContext, 'today' | 'actor' | 'leadUnit' | 'campaignWorkGroupIds'>
>;

/**
 * Why a command is refused before its payload is looked at, as data: `guardCommand` turns it
 * into the DomainError, while abilities only ask whether there is one (building an Error with
 * its stack trace for every refused command cost more than the database work of a detail).
 */
export interface GuardRefusal {
  code: 'INVALID_TRANSITION' | 'RULE_VIOLATION';
  label: Label;
}

const violation = (label: Label): GuardRefusal => ({ code: 'RULE_VIOLATION', label });
const nothingTo = (label: Label): GuardRefusal => ({ code: 'INVALID_TRANSITION', label });

type Guard = (state: ProblemState, ctx: GuardContext) => GuardRefusal | null;

const NO_NOTICE: GuardRefusal = nothingTo({ zh: '没有公示期', en: 'There is no public notice period' });
const NO_PENDING_EXTENSION: GuardRefusal = nothingTo({
  zh: '没有待审批的延期申请',
  en: 'There is no pending extension request',
});

const requirePendingExtension = (state: ProblemState): GuardRefusal | null =>
  state.pendingExtension === null ? NO_PENDING_EXTENSION : null;

/** Preconditions that depend on the state and the actor but not on the command's payload. */
const GUARDS: Partial<Record<ProblemCommandType, Guard>> = {
  accept_closure: (state, ctx) => {
    if (!ctx.actor) return null;
    const refusal = acceptanceRefusal(state, {
      actor: ctx.actor,
      leadUnit: ctx.leadUnit ?? null,
      campaignWorkGroupIds: ctx.campaignWorkGroupIds ?? [],
    });
    return refusal ? violation(refusal) : null;
  },
  raise_objection: (state, ctx) => {
    const ends: IsoDate | null = state.noticeEndsOn;
    if (ends === null) return NO_NOTICE;
    if (ctx.today !== undefined && ctx.today > ends) {
      return violation({ zh: `公示期已于${ends}结束`, en: `The public notice period ended on ${ends}` });
    }
    return null;
  },
  close: (state, ctx) => {
    const ends: IsoDate | null = state.noticeEndsOn;
    if (ends === null) return NO_NOTICE;
    if (ctx.today !== undefined && ctx.today < ends) {
      return violation({
        zh: `公示期至${ends}，期满方可销号`,
        en: `Closure must wait for the notice period to end on ${ends}`,
      });
    }
    return null;
  },
  request_extension: (state) =>
    state.pendingExtension !== null
      ? violation({ zh: '已有待审批的延期申请', en: 'An extension request is already pending' })
      : null,
  approve_extension: (state, ctx) => {
    const missing = requirePendingExtension(state);
    if (missing) return missing;
    const refusal = ctx.actor ? extensionApprovalRefusal(state, ctx.actor) : null;
    return refusal ? violation(refusal) : null;
  },
  reject_extension: requirePendingExtension,
  lift_supervision: (state) =>
    state.supervision === null
      ? nothingTo({ zh: '该问题未挂牌督办', en: 'The problem is not listed for supervision' })
      : null,
};

/** Why this command is refused regardless of its payload, or null when it may go ahead. */
export function commandRefusal(
  state: ProblemState,
  type: ProblemCommandType,
  ctx: GuardContext,
): GuardRefusal | null {
  const notNow = transitionRefusal(state.status, type);
  if (notNow) return nothingTo(notNow);
  return GUARDS[type]?.(state, ctx) ?? null;
}

/** Throws the DomainError that would refuse this command regardless of its payload. */
export function guardCommand(state: ProblemState, type: ProblemCommandType, ctx: GuardContext): void {
  const refusal = commandRefusal(state, type, ctx);
  if (refusal) throw new DomainError(refusal.code, refusal.label);
}

/** Whether the guards let this command through (the same rules as `guardCommand`, no throw). */
export function canCommand(state: ProblemState, type: ProblemCommandType, ctx: GuardContext = {}): boolean {
  // The transition table first: most commands are ruled out by the status alone, and building
  // their bilingual refusal was more than half the time of presenting a problem's abilities.
  return transitionAllowed(state.status, type) && commandRefusal(state, type, ctx) === null;
}

/**
 * The commands this state (and, when given, this actor and date) allows: what a presenter
 * returns as abilities. A payload may still be refused by `decide`.
 */
export function availableActions(state: ProblemState, ctx: GuardContext = {}): ProblemCommandType[] {
  return PROBLEM_COMMAND_TYPES.filter((type) => canCommand(state, type, ctx));
}
