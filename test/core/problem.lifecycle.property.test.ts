import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/core/errors.js';
import {
  availableActions,
  decide,
  PROBLEM_COMMAND_TYPES,
  PROBLEM_EVENT_TYPES,
  replay,
  type StoredProblemEvent,
} from '../../src/core/problem.lifecycle.js';
import type {
  FourNotLetGo,
  IsoDate,
  ProblemCommand,
  ProblemCommandType,
  ProblemState,
} from '../../src/core/problem.types.js';
import { DEFAULT_RULES } from '../../src/core/rules.js';
import { TERMINAL_STATUSES } from '../../src/core/vocabulary.js';
import { computeWarning } from '../../src/core/warnings.js';
import { addDays, todayInShanghai } from '../../src/core/working-days.js';
import {
  ACTORS,
  ctxFor,
  expectDomainError,
  FOUR_NOT_LET_GO,
  registered,
  START,
  sampleCommand,
  UNITS,
} from './problem.fixtures.js';

/**
 * Everyone who may try a command, including responsible-unit staff who also sit in the work
 * group or the province office (a provincial department can lead a problem and a work group).
 */
const POOL = {
  ...ACTORS,
  leadInWorkGroup: { ...ACTORS.leadColleague, userId: 'user-lead-wg', workGroupIds: ['wg-1'] },
  coAsOffice: { ...ACTORS.coStaff, userId: 'user-co-office', isProvinceOffice: true },
};
type ActorKey = keyof typeof POOL;
interface Step {
  /** When true the step tries `type` whatever the state; otherwise it picks an offered command. */
  free: boolean;
  /** Picks the offered command (weighted) when the step is not free. */
  choice: number;
  type: ProblemCommandType;
  who: ActorKey;
  advanceHours: number;
  /** Picks among payload variants, some of them invalid on purpose. */
  variant: number;
  /** Days from today (or from the deadline) for the dates the command carries. */
  offset: number;
}

/** Commands that move the lifecycle forward are drawn more often than ones that end it early. */
const WEIGHTS: Partial<Record<ProblemCommandType, number>> = {
  assign: 12,
  acknowledge: 12,
  submit_plan: 12,
  approve_plan: 10,
  request_closure: 12,
  accept_closure: 16,
  close: 12,
  reopen: 12,
  report_progress: 5,
  request_extension: 5,
  approve_extension: 5,
  dismiss: 1,
  merge_into: 1,
};

const weightOf = (t: ProblemCommandType) => WEIGHTS[t] ?? 3;

const stepArb: fc.Arbitrary<Step> = fc.record({
  free: fc.boolean(),
  choice: fc.nat(),
  type: fc.oneof(...PROBLEM_COMMAND_TYPES.map((t) => ({ arbitrary: fc.constant(t), weight: weightOf(t) }))),
  who: fc.constantFrom(...(Object.keys(POOL) as ActorKey[])),
  advanceHours: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 24 * 6 })),
  variant: fc.nat({ max: 9 }),
  offset: fc.integer({ min: -5, max: 120 }),
});

const FOUR_VARIANTS: unknown[] = [
  FOUR_NOT_LET_GO,
  {
    ...FOUR_NOT_LET_GO,
    publicSatisfaction: { kind: 'complainant_feedback', satisfied: true, summary: '满意' },
  },
  { ...FOUR_NOT_LET_GO, publicSatisfaction: { kind: 'not_applicable', reason: '无投诉' } },
  { ...FOUR_NOT_LET_GO, rectification: { summary: '已整改', evidence: [] } },
  { ...FOUR_NOT_LET_GO, cause: '' },
];

/**
 * Half the steps pick among the commands the state offers, so runs get deep into the lifecycle;
 * the other half try anything, so refusals are exercised too.
 */
function typeFor(step: Step, state: ProblemState): ProblemCommandType {
  const offered = availableActions(state);
  if (step.free || offered.length === 0) return step.type;
  let r = step.choice % offered.reduce((sum, t) => sum + weightOf(t), 0);
  for (const t of offered) {
    r -= weightOf(t);
    if (r < 0) return t;
  }
  return step.type;
}

/** A command of the step's type, shaped for the current state and date; variant 0 is often invalid. */
function commandFor(step: Step, state: ProblemState, today: IsoDate): ProblemCommand {
  const { type, variant: v, offset } = step;
  const later = addDays(today, offset);
  switch (type) {
    case 'assign':
      return {
        type,
        leadUnitId: UNITS.lead.id,
        coUnitIds: v === 0 ? [UNITS.lead.id] : [UNITS.co.id],
        deadline: later,
      };
    case 'submit_plan': {
      const deadline = v % 3 === 1 ? later : (state.deadline ?? later);
      const ids = v === 0 ? ['m1', 'm1'] : ['m1', 'm2', 'm3'];
      const measures = ids.map((id) => ({ id, text: `措施${id}`, owner: '企业', dueOn: today }));
      return { type, goal: '达标排放', measures, deadline, kind: 'deadline' };
    }
    case 'report_progress': {
      const done = [['m1'], ['m2', 'm3'], ['m9'], []][v % 4]!;
      return { type, reportedOn: addDays(today, -(Math.abs(offset) % 3)), text: '进展', measuresDone: done };
    }
    case 'request_closure':
      return { type, fourNotLetGo: FOUR_VARIANTS[v % FOUR_VARIANTS.length] as FourNotLetGo };
    case 'request_extension':
      return {
        type,
        newDeadline: addDays(state.deadline ?? today, offset),
        reason: v === 0 ? '' : '工期不足',
      };
    case 'list_supervision':
      return { type, level: 'city', deadline: later, reason: '督办' };
    case 'edit':
      return v === 0
        ? ({ type, changes: { status: 'closed' } } as unknown as ProblemCommand)
        : { type, changes: { title: `标题${v}` } };
    default:
      return v === 0 && type === 'reopen' ? { type, reason: ' ' } : sampleCommand(type, today);
  }
}

interface Run {
  state: ProblemState;
  events: StoredProblemEvent[];
  now: string;
}

function checkInvariants(run: Run, previousVersion: number): void {
  const { state, events } = run;
  // (c) one event, one version.
  expect(state.version).toBe(previousVersion + 1);
  expect(state.version).toBe(events.length);
  // (b) the projection is exactly the replay, also after the events went through storage (JSON).
  expect(replay(events)).toEqual(state);
  expect(replay(JSON.parse(JSON.stringify(events)))).toEqual(state);
  // (a) nothing is handled or closed without a higher-level acceptance of the four not-let-go.
  if (state.status === 'handled' || state.status === 'closed') {
    const { acceptance, closureRequest } = state;
    expect(acceptance).not.toBeNull();
    expect(closureRequest?.fourNotLetGo.cause).toBeTruthy();
    expect(closureRequest?.fourNotLetGo.rectification.evidence.length).toBeGreaterThan(0);
    expect([state.leadUnitId, ...state.coUnitIds]).not.toContain(acceptance?.acceptorUnitId);
    expect(acceptance?.acceptedBy).not.toBe(closureRequest?.requestedBy);
  }
  // (d) terminal states take no command, except reopening a closed problem.
  if (TERMINAL_STATUSES.includes(state.status)) {
    const ctx = ctxFor(ACTORS.provinceOffice, run.now);
    for (const type of PROBLEM_COMMAND_TYPES) {
      if (state.status === 'closed' && type === 'reopen') continue;
      expectDomainError(() => decide(state, sampleCommand(type, ctx.today), ctx), 'INVALID_TRANSITION');
    }
    expect(availableActions(state, ctx)).toEqual(state.status === 'closed' ? ['reopen'] : []);
  }
  expect(() => computeWarning(state, todayInShanghai(run.now), DEFAULT_RULES)).not.toThrow();
}

const seen = { statuses: new Set<string>(), reopened: 0, refused: 0 };

function runSteps(steps: Step[], complaintLinked: boolean): void {
  const start = registered({ complaintLinked });
  const run: Run = { state: start.state, events: start.events, now: START };
  for (const step of steps) {
    run.now = new Date(Date.parse(run.now) + step.advanceHours * 3_600_000).toISOString();
    const ctx = ctxFor(POOL[step.who], run.now);
    const type = typeFor(step, run.state);
    const command = commandFor({ ...step, type }, run.state, ctx.today);
    const before = JSON.stringify(run.state);
    const offered = availableActions(run.state, ctx).includes(type);
    let decision: ReturnType<typeof decide>;
    try {
      decision = decide(run.state, command, ctx);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      expect(JSON.stringify(run.state)).toBe(before);
      seen.refused++;
      continue;
    }
    // Whatever decide allows, the abilities offered to the presenter included.
    expect(offered).toBe(true);
    expect(PROBLEM_EVENT_TYPES).toContain(decision.event.type);
    const previousVersion = run.state.version;
    run.events.push({ ...decision.event, at: ctx.now, actorId: ctx.actor.userId });
    run.state = decision.next;
    seen.statuses.add(run.state.status);
    if (decision.event.type === 'problem.reopened') seen.reopened++;
    checkInvariants(run, previousVersion);
    // Dismissed and merged accept nothing ever again (checked above): the run is over.
    if (run.state.status === 'dismissed' || run.state.status === 'merged') return;
  }
}

describe('lifecycle invariants under any sequence of commands', () => {
  it('keeps acceptance, replay, versions and terminal states right', () => {
    fc.assert(
      fc.property(
        fc.array(stepArb, { minLength: 1, maxLength: 120, size: 'max' }),
        fc.boolean(),
        (steps, linked) => {
          runSteps(steps, linked);
        },
      ),
      { numRuns: 300 },
    );
    // The generator must actually reach the interesting states, or the invariants say little.
    expect([...seen.statuses]).toEqual(expect.arrayContaining(['handled', 'closed', 'dismissed', 'merged']));
    expect(seen.reopened).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(0);
  });
});
