import { describe, expect, it } from 'vitest';
import {
  availableActions,
  decide,
  PROBLEM_COMMAND_TYPES,
  PROBLEM_TRANSITIONS,
} from '../../src/core/problem.lifecycle.js';
import { transitionRefusal } from '../../src/core/problem.transitions.js';
import type { ProblemCommandType } from '../../src/core/problem.types.js';
import { PROBLEM_STATUSES, type ProblemStatus, TERMINAL_STATUSES } from '../../src/core/vocabulary.js';
import {
  ACTORS,
  apply,
  ctxFor,
  driveTo,
  expectDomainError,
  NOTICE_DAY_INSTANT,
  sampleCommand,
  type Trail,
} from './problem.fixtures.js';

/** The fixture for a cell: a pending extension where the command needs one to act on. */
function fixtureFor(status: ProblemStatus, type: ProblemCommandType): Trail {
  if (type !== 'approve_extension' && type !== 'reject_extension') return driveTo(status);
  const ask = (t: Trail) => apply(t, sampleCommand('request_extension'), ctxFor(ACTORS.leadStaff));
  if (status === 'closure_requested') {
    return apply(ask(driveTo('rectifying')), sampleCommand('request_closure'), ctxFor(ACTORS.leadStaff));
  }
  return PROBLEM_TRANSITIONS.request_extension.from.includes(status) ? ask(driveTo(status)) : driveTo(status);
}

const cells = PROBLEM_STATUSES.flatMap((status) =>
  PROBLEM_COMMAND_TYPES.map((type) => ({
    status,
    type,
    allowed: PROBLEM_TRANSITIONS[type].from.includes(status),
  })),
);

describe('transition matrix: every status × every command', () => {
  const ctx = ctxFor(ACTORS.provinceOffice, NOTICE_DAY_INSTANT);

  it.each(cells)('$status × $type → allowed: $allowed', ({ status, type, allowed }) => {
    const { state } = fixtureFor(status, type);
    expect(state.status).toBe(status);
    const command = sampleCommand(type, ctx.today);
    if (allowed) {
      const { next, event } = decide(state, command, ctx);
      const to = PROBLEM_TRANSITIONS[type].to;
      expect(next.status).toBe(to === 'same' ? status : to);
      expect(next.version).toBe(state.version + 1);
      expect(event.type.startsWith('problem.')).toBe(true);
    } else {
      expectDomainError(() => decide(state, command, ctx), 'INVALID_TRANSITION');
    }
  });
});

describe('the transition table', () => {
  it('lets terminal statuses take no command but reopen from closed', () => {
    for (const status of TERMINAL_STATUSES) {
      const allowed = PROBLEM_COMMAND_TYPES.filter((t) => PROBLEM_TRANSITIONS[t].from.includes(status));
      expect(allowed).toEqual(status === 'closed' ? ['reopen'] : []);
    }
  });

  it('reaches every status from registered', () => {
    const reached = new Set<string>(['registered']);
    for (const { to } of Object.values(PROBLEM_TRANSITIONS)) if (to !== 'same') reached.add(to);
    expect([...reached].sort()).toEqual([...PROBLEM_STATUSES].sort());
  });

  it('names a bilingual reason when it refuses', () => {
    const { state } = driveTo('registered');
    const error = expectDomainError(
      () => decide(state, sampleCommand('approve_plan'), ctxFor(ACTORS.provinceOffice)),
      'INVALID_TRANSITION',
    );
    expect(error.label.zh).toContain('已登记');
    expect(error.label.en).toContain('Registered');
  });

  it('refuses an unknown command as invalid input', () => {
    const { state } = driveTo('registered');
    const bogus = { type: 'teleport' } as unknown as Parameters<typeof decide>[1];
    expectDomainError(() => decide(state, bogus, ctxFor(ACTORS.provinceOffice)), 'VALIDATION_FAILED');
  });
});

describe('availableActions', () => {
  it('offers what the status allows, minus what the state cannot support', () => {
    const { state } = driveTo('rectifying');
    expect(availableActions(state)).toEqual([
      'report_progress',
      'request_closure',
      'request_extension',
      'urge',
      'add_expert_opinion',
      'list_supervision',
      'lift_supervision',
      'merge_into',
      'edit',
    ]);
  });

  it('offers only reopen on a closed problem', () => {
    expect(availableActions(driveTo('closed').state)).toEqual(['reopen']);
  });

  it('takes the date and the actor into account when given', () => {
    const { state } = driveTo('closure_requested');
    expect(availableActions(state, ctxFor(ACTORS.leadStaff))).not.toContain('accept_closure');
    expect(availableActions(state, ctxFor(ACTORS.cityOffice))).toContain('accept_closure');
    const handled = driveTo('handled').state;
    expect(availableActions(handled, { today: '2020-07-21' })).not.toContain('close');
    expect(availableActions(handled, { today: '2020-07-28' })).toEqual(
      expect.arrayContaining(['close', 'urge']),
    );
    expect(availableActions(handled, { today: '2020-07-28' })).not.toContain('raise_objection');
  });

  it('agrees with decide for every fixture status', () => {
    const ctx = ctxFor(ACTORS.provinceOffice, NOTICE_DAY_INSTANT);
    for (const status of PROBLEM_STATUSES) {
      const { state } = driveTo(status);
      for (const type of availableActions(state, ctx)) {
        expect(() => decide(state, sampleCommand(type, ctx.today), ctx), `${status} × ${type}`).not.toThrow();
      }
    }
  });
});

describe('the refusal of a transition the status does not allow', () => {
  it('says which action and which status, in Chinese and in English', () => {
    expect(transitionRefusal('assigned', 'request_extension')).toEqual({
      zh: '问题处于“已交办”状态，不能申请延期',
      en: 'Cannot request an extension: the problem is "Assigned"',
    });
    expect(transitionRefusal('rectifying', 'request_extension')).toBeNull();
  });
});
