import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IsoDate, ProblemState } from '../../src/core/problem.types.js';
import { type CampaignRules, DEFAULT_RULES } from '../../src/core/rules.js';
import { PROBLEM_STATUSES, type WarningLevel } from '../../src/core/vocabulary.js';
import {
  computeWarning,
  progressReferenceOn,
  type WarningPredicates,
  warningPredicates,
} from '../../src/core/warnings.js';
import { addDays } from '../../src/core/working-days.js';
import { buildProblem, registered } from './problem.fixtures.js';

const TODAY = '2020-08-15';
const rules: CampaignRules = { ...DEFAULT_RULES, yellowWithinDays: 7, stalledAfterDays: 30 };

describe('computeWarning', () => {
  it.each<[string, Partial<ProblemState>, WarningLevel]>([
    ['handled, even far past its deadline', { status: 'handled', deadline: '2020-01-01' }, 'none'],
    ['closed', { status: 'closed', deadline: '2020-01-01' }, 'none'],
    ['a passed deadline', { status: 'rectifying', deadline: '2020-08-14' }, 'red'],
    ['a deadline today', { status: 'rectifying', deadline: TODAY, lastProgressOn: TODAY }, 'yellow'],
    ['a deadline in 7 days', { status: 'assigned', deadline: '2020-08-22', supervision: null }, 'yellow'],
    ['a deadline in 8 days', { status: 'assigned', deadline: '2020-08-23', supervision: null }, 'green'],
    [
      'an overdue plan',
      { status: 'acknowledged', deadline: '2020-12-31', planDueOn: '2020-08-14', supervision: null },
      'yellow',
    ],
    [
      'a plan due today',
      { status: 'plan_returned', deadline: '2020-12-31', planDueOn: TODAY, supervision: null },
      'green',
    ],
    [
      'a near supervision deadline',
      {
        status: 'assigned',
        deadline: '2020-12-31',
        supervision: { level: 'city', deadline: '2020-08-20', listedAt: '', reason: '' },
      },
      'yellow',
    ],
    [
      '31 days without progress',
      { status: 'rectifying', deadline: '2020-12-31', lastProgressOn: '2020-07-15', supervision: null },
      'stalled',
    ],
    [
      '30 days without progress',
      { status: 'rectifying', deadline: '2020-12-31', lastProgressOn: '2020-07-16', supervision: null },
      'green',
    ],
    ['registered without a deadline', { status: 'registered', deadline: null, supervision: null }, 'green'],
  ])('gives %s → %s', (_name, overrides, expected) => {
    const state = buildProblem({ status: 'rectifying', ...overrides });
    expect(computeWarning(state, TODAY, rules)).toBe(expected);
  });

  it('measures silence from plan approval when nothing was reported', () => {
    const state = buildProblem({ status: 'rectifying', deadline: '2020-12-31', supervision: null });
    expect(state.plan?.approvedAt).toBe('2020-07-20T02:00:00.000Z');
    expect(computeWarning(state, '2020-08-19', rules)).toBe('green');
    expect(computeWarning(state, '2020-08-20', rules)).toBe('stalled');
  });
});

describe('progressReferenceOn', () => {
  it('uses the Shanghai date of the plan approval', () => {
    const base = registered().state;
    const plan = { goal: '', measures: [], deadline: TODAY, kind: 'deadline' as const, submittedAt: '' };
    expect(progressReferenceOn({ ...base, plan: { ...plan, approvedAt: '2020-07-31T16:30:00.000Z' } })).toBe(
      '2020-08-01',
    );
    expect(progressReferenceOn({ ...base, lastProgressOn: '2020-08-02', plan: null })).toBe('2020-08-02');
    expect(progressReferenceOn(base)).toBeNull();
  });
});

/** What the SQL filter does with warningPredicates, written from its doc comment. */
function warningFromColumns(
  row: {
    status: ProblemState['status'];
    deadline: IsoDate | null;
    planDueOn: IsoDate | null;
    supervisionDeadline: IsoDate | null;
    progressReferenceOn: IsoDate | null;
  },
  p: WarningPredicates,
): WarningLevel {
  const lt = (a: IsoDate | null, b: IsoDate) => a !== null && a < b;
  const le = (a: IsoDate | null, b: IsoDate) => a !== null && a <= b;
  if (p.doneStatuses.includes(row.status)) return 'none';
  if (lt(row.deadline, p.redBefore)) return 'red';
  const planOverdue = p.planDueStatuses.includes(row.status) && lt(row.planDueOn, p.planOverdueBefore);
  if (le(row.deadline, p.yellowUntil) || planOverdue || le(row.supervisionDeadline, p.yellowUntil))
    return 'yellow';
  if (p.stalledStatuses.includes(row.status) && lt(row.progressReferenceOn, p.stalledBefore))
    return 'stalled';
  return 'green';
}

/** Dates around today, with the thresholds and their neighbours drawn often. */
const dateNear = (today: IsoDate, edges: number[]) =>
  fc
    .oneof(fc.integer({ min: -90, max: 90 }), fc.constantFrom(...edges.flatMap((e) => [e - 1, e, e + 1])))
    .map((d) => addDays(today, d));
/** Instants around Shanghai midnights near the stalled threshold. */
const instantNear = (today: IsoDate, stalled: number) =>
  fc
    .tuple(fc.integer({ min: -stalled - 2, max: -stalled + 2 }), fc.constantFrom(-1, 0, 1, 12, 23))
    .map(([d, h]) =>
      new Date(Date.parse(`${addDays(today, d)}T00:00:00+08:00`) + h * 3_600_000).toISOString(),
    );

describe('warningPredicates', () => {
  it('agrees with computeWarning on every generated state', () => {
    const base = buildProblem({ status: 'rectifying' });
    const arb = fc
      .record({
        today: dateNear('2020-08-15', [0]),
        yellow: fc.integer({ min: 0, max: 20 }),
        stalled: fc.integer({ min: 1, max: 60 }),
      })
      .chain(({ today, yellow, stalled }) =>
        fc.record({
          today: fc.constant(today),
          rules: fc.constant({ ...DEFAULT_RULES, yellowWithinDays: yellow, stalledAfterDays: stalled }),
          status: fc.oneof(
            fc.constantFrom(...PROBLEM_STATUSES),
            fc.constantFrom('rectifying' as const, 'acknowledged' as const, 'plan_returned' as const),
          ),
          deadline: fc.option(dateNear(today, [0, yellow])),
          planDueOn: fc.option(dateNear(today, [0])),
          supervisionDeadline: fc.option(dateNear(today, [yellow])),
          lastProgressOn: fc.option(dateNear(today, [-stalled])),
          approvedAt: fc.option(instantNear(today, stalled)),
        }),
      );
    fc.assert(
      fc.property(arb, (g) => {
        const state: ProblemState = {
          ...base,
          status: g.status,
          deadline: g.deadline,
          planDueOn: g.planDueOn,
          lastProgressOn: g.lastProgressOn,
          supervision: g.supervisionDeadline
            ? { level: 'province', deadline: g.supervisionDeadline, listedAt: '', reason: '' }
            : null,
          plan:
            g.approvedAt === null && g.lastProgressOn === null
              ? null
              : { ...base.plan!, approvedAt: g.approvedAt },
        };
        const row = { ...g, progressReferenceOn: progressReferenceOn(state) };
        expect(computeWarning(state, g.today, g.rules)).toBe(
          warningFromColumns(row, warningPredicates(g.today, g.rules)),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('gives plain date thresholds', () => {
    expect(warningPredicates(TODAY, rules)).toMatchObject({
      redBefore: TODAY,
      yellowUntil: '2020-08-22',
      planOverdueBefore: TODAY,
      stalledBefore: '2020-07-16',
    });
  });
});
