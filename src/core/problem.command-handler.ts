import type {
  DecisionContext,
  ProblemCommand,
  ProblemCommandType,
  ProblemEventDraft,
  ProblemState,
} from './problem.types.js';

export type CommandOf<T extends ProblemCommandType> = Extract<ProblemCommand, { type: T }>;

/**
 * Validates one command's payload against the state and rules and returns the event to
 * append. Status and payload-independent preconditions are checked before (problem.guards).
 */
export type CommandHandler<T extends ProblemCommandType> = (
  state: ProblemState,
  command: CommandOf<T>,
  ctx: DecisionContext,
) => ProblemEventDraft;
