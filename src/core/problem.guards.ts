import { DomainError } from './errors.js';
import { assertTransition, PROBLEM_COMMAND_TYPES } from './problem.transitions.js';
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

const violation = (label: Label) => new DomainError('RULE_VIOLATION', label);
const nothingTo = (label: Label) => new DomainError('INVALID_TRANSITION', label);

type Guard = (state: ProblemState, ctx: GuardContext) => void;

function noticeEndsOn(state: ProblemState): IsoDate {
  if (state.noticeEndsOn === null)
    throw nothingTo({ zh: '没有公示期', en: 'There is no public notice period' });
  return state.noticeEndsOn;
}

function requirePendingExtension(state: ProblemState): void {
  if (state.pendingExtension === null) {
    throw nothingTo({ zh: '没有待审批的延期申请', en: 'There is no pending extension request' });
  }
}

/** Preconditions that depend on the state and the actor but not on the command's payload. */
const GUARDS: Partial<Record<ProblemCommandType, Guard>> = {
  accept_closure: (state, ctx) => {
    if (!ctx.actor) return;
    const refusal = acceptanceRefusal(state, {
      actor: ctx.actor,
      leadUnit: ctx.leadUnit ?? null,
      campaignWorkGroupIds: ctx.campaignWorkGroupIds ?? [],
    });
    if (refusal) throw violation(refusal);
  },
  raise_objection: (state, ctx) => {
    const ends = noticeEndsOn(state);
    if (ctx.today !== undefined && ctx.today > ends) {
      throw violation({ zh: `公示期已于${ends}结束`, en: `The public notice period ended on ${ends}` });
    }
  },
  close: (state, ctx) => {
    const ends = noticeEndsOn(state);
    if (ctx.today !== undefined && ctx.today < ends) {
      throw violation({
        zh: `公示期至${ends}，期满方可销号`,
        en: `Closure must wait for the notice period to end on ${ends}`,
      });
    }
  },
  request_extension: (state) => {
    if (state.pendingExtension !== null) {
      throw violation({ zh: '已有待审批的延期申请', en: 'An extension request is already pending' });
    }
  },
  approve_extension: (state, ctx) => {
    requirePendingExtension(state);
    const refusal = ctx.actor ? extensionApprovalRefusal(state, ctx.actor) : null;
    if (refusal) throw violation(refusal);
  },
  reject_extension: requirePendingExtension,
  lift_supervision: (state) => {
    if (state.supervision === null) {
      throw nothingTo({ zh: '该问题未挂牌督办', en: 'The problem is not listed for supervision' });
    }
  },
};

/** Throws the DomainError that would refuse this command regardless of its payload. */
export function guardCommand(state: ProblemState, type: ProblemCommandType, ctx: GuardContext): void {
  assertTransition(state.status, type);
  GUARDS[type]?.(state, ctx);
}

/**
 * The commands this state (and, when given, this actor and date) allows: what a presenter
 * returns as abilities. A payload may still be refused by `decide`.
 */
export function availableActions(state: ProblemState, ctx: GuardContext = {}): ProblemCommandType[] {
  return PROBLEM_COMMAND_TYPES.filter((type) => {
    try {
      guardCommand(state, type, ctx);
      return true;
    } catch (error) {
      if (error instanceof DomainError) return false;
      throw error;
    }
  });
}
