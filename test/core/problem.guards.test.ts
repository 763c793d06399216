import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/core/errors.js';
import {
  availableActions,
  canCommand,
  commandRefusal,
  type GuardContext,
  guardCommand,
  PROBLEM_COMMAND_TYPES,
} from '../../src/core/problem.lifecycle.js';
import type { ProblemState } from '../../src/core/problem.types.js';
import { PROBLEM_STATUSES } from '../../src/core/vocabulary.js';
import { ACTORS, apply, ctxFor, driveTo, NOTICE_DAY_INSTANT, sampleCommand } from './problem.fixtures.js';

/** What guardCommand throws for this cell, or null when it lets the command through. */
function thrown(state: ProblemState, type: (typeof PROBLEM_COMMAND_TYPES)[number], ctx: GuardContext) {
  try {
    guardCommand(state, type, ctx);
    return null;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { code: error.code, label: error.label };
  }
}

const withPendingExtension = driveTo('rectifying');
const extensionAsked = apply(
  withPendingExtension,
  sampleCommand('request_extension'),
  ctxFor(ACTORS.leadStaff),
).state;

const STATES: ProblemState[] = [...PROBLEM_STATUSES.map((s) => driveTo(s).state), extensionAsked];
const CONTEXTS: GuardContext[] = [
  {},
  { today: '2020-07-21' },
  ctxFor(ACTORS.leadStaff),
  ctxFor(ACTORS.cityOffice, NOTICE_DAY_INSTANT),
  ctxFor(ACTORS.provinceOffice, NOTICE_DAY_INSTANT),
];

describe('non-throwing guards', () => {
  it('refuse exactly what guardCommand throws, with the same code and message', () => {
    for (const state of STATES) {
      for (const ctx of CONTEXTS) {
        for (const type of PROBLEM_COMMAND_TYPES) {
          const refusal = commandRefusal(state, type, ctx);
          expect(refusal, `${state.status} × ${type}`).toEqual(thrown(state, type, ctx));
          expect(canCommand(state, type, ctx)).toBe(refusal === null);
        }
      }
    }
  });

  it('availableActions lists the commands canCommand allows, in lifecycle order', () => {
    const ctx = ctxFor(ACTORS.provinceOffice, NOTICE_DAY_INSTANT);
    for (const state of STATES) {
      expect(availableActions(state, ctx)).toEqual(
        PROBLEM_COMMAND_TYPES.filter((type) => thrown(state, type, ctx) === null),
      );
    }
  });
});
