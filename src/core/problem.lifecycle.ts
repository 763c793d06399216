/**
 * The problem lifecycle, one import for its users: register, decide, evolve (replay),
 * the transition table and the abilities a state allows.
 */
export type { CommandHandler, CommandOf } from './problem.command-handler.js';
export { decide } from './problem.decide.js';
export { noticeEndsOn } from './problem.decide-closure.js';
export {
  EDITABLE_FIELDS,
  type EditableField,
  type EditableFields,
  PROBLEM_EVENT_TYPES,
  type ProblemEventPayloads,
  type ProblemEventType,
  type RegisteredPayload,
  type StoredProblemEvent,
} from './problem.events.js';
export { evolve, replay } from './problem.evolve.js';
export {
  availableActions,
  canCommand,
  commandRefusal,
  type GuardContext,
  type GuardRefusal,
  guardCommand,
} from './problem.guards.js';
export { type RegisterProblemInput, registerProblem } from './problem.register.js';
export {
  assertTransition,
  COMMAND_LABELS,
  NON_TERMINAL_STATUSES,
  PROBLEM_COMMAND_TYPES,
  PROBLEM_TRANSITIONS,
  type Transition,
  transitionAllowed,
  transitionRefusal,
} from './problem.transitions.js';
