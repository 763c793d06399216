import { fieldError, invalid } from './errors.js';
import type { CommandHandler } from './problem.command-handler.js';
import { dismiss, edit, mergeInto } from './problem.decide-admin.js';
import {
  acceptClosure,
  close,
  raiseObjection,
  rejectClosure,
  reopen,
  requestClosure,
} from './problem.decide-closure.js';
import {
  addExpertOpinion,
  approveExtension,
  liftSupervision,
  listSupervision,
  rejectExtension,
  requestExtension,
  urge,
} from './problem.decide-oversight.js';
import {
  acknowledge,
  approvePlan,
  assign,
  reportProgress,
  returnPlan,
  submitPlan,
} from './problem.decide-plan.js';
import { evolve } from './problem.evolve.js';
import { guardCommand } from './problem.guards.js';
import type {
  Decision,
  DecisionContext,
  ProblemCommand,
  ProblemCommandType,
  ProblemState,
} from './problem.types.js';

const HANDLERS: { [K in ProblemCommandType]: CommandHandler<K> } = {
  assign,
  acknowledge,
  submit_plan: submitPlan,
  approve_plan: approvePlan,
  return_plan: returnPlan,
  report_progress: reportProgress,
  request_closure: requestClosure,
  accept_closure: acceptClosure,
  reject_closure: rejectClosure,
  raise_objection: raiseObjection,
  close,
  reopen,
  request_extension: requestExtension,
  approve_extension: approveExtension,
  reject_extension: rejectExtension,
  urge,
  add_expert_opinion: addExpertOpinion,
  list_supervision: listSupervision,
  lift_supervision: liftSupervision,
  dismiss,
  merge_into: mergeInto,
  edit,
};

/**
 * The lifecycle's one entry point: checks the command against the state, the rules and the
 * actor, and returns the event to append with the state it leads to. Throws DomainError
 * (INVALID_TRANSITION, VALIDATION_FAILED, RULE_VIOLATION) and changes nothing on refusal.
 */
export function decide(state: ProblemState, command: ProblemCommand, ctx: DecisionContext): Decision {
  if (!Object.hasOwn(HANDLERS, command?.type)) {
    throw invalid([fieldError('type', '未知的操作', `Unknown command: ${String(command?.type)}`)]);
  }
  guardCommand(state, command.type, ctx);
  const handler = HANDLERS[command.type] as CommandHandler<ProblemCommandType>;
  // Copied so later changes to the caller's command objects cannot reach the stored event.
  const event = structuredClone(handler(state, command as never, ctx));
  const next = evolve(state, { ...event, at: ctx.now, actorId: ctx.actor.userId });
  return { next, event };
}
