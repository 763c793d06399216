import { describe, expect, it } from 'vitest';
import { decide } from '../../src/core/problem.lifecycle.js';
import type { ProblemCommand } from '../../src/core/problem.types.js';
import { DEFAULT_RULES } from '../../src/core/rules.js';
import {
  ACTORS,
  apply,
  ctxFor,
  driveTo,
  expectDomainError,
  sampleCommand,
  UNITS,
} from './problem.fixtures.js';

const plan = (patch: Partial<Extract<ProblemCommand, { type: 'submit_plan' }>>) =>
  ({ ...sampleCommand('submit_plan'), ...patch }) as ProblemCommand;

describe('assignment (交办) and acknowledgement (签收)', () => {
  it('assigns the lead unit, co-units, person and deadline', () => {
    const { state } = driveTo('assigned');
    expect(state).toMatchObject({
      status: 'assigned',
      leadUnitId: UNITS.lead.id,
      coUnitIds: [UNITS.co.id],
      responsiblePerson: null,
      deadline: '2020-10-31',
    });
  });

  it('refuses a co-unit that is the lead unit and a deadline in the past', () => {
    const { state } = driveTo('registered');
    const command: ProblemCommand = {
      type: 'assign',
      leadUnitId: 'u',
      coUnitIds: ['u'],
      deadline: '2020-07-19',
    };
    const error = expectDomainError(
      () => decide(state, command, ctxFor(ACTORS.provinceOffice)),
      'VALIDATION_FAILED',
    );
    expect(error.fields.map((f) => f.field)).toEqual(['coUnitIds', 'deadline']);
  });

  it('sets the plan due date in working days from acknowledgement', () => {
    const { state } = driveTo('assigned');
    const ctx = ctxFor(ACTORS.leadStaff, '2020-09-01T02:00:00.000Z', {
      rules: { ...DEFAULT_RULES, planDueWorkingDays: 24 },
    });
    // 24 working days from 09-01: the adjusted Sunday 09-27 counts, the golden week does not,
    // and the 24th is the adjusted Saturday 10-10.
    expect(decide(state, sampleCommand('acknowledge'), ctx).next.planDueOn).toBe('2020-10-10');
  });
});

describe('rectification plan (整改方案)', () => {
  it('stores the plan with open measures and keeps the assigned deadline', () => {
    const { state } = driveTo('plan_submitted');
    expect(state.deadline).toBe('2020-10-31');
    expect(state.plan).toMatchObject({ goal: '颗粒物排放稳定达标', kind: 'deadline', approvedAt: null });
    expect(state.plan?.measures.map((m) => [m.id, m.doneOn])).toEqual([
      ['m1', null],
      ['m2', null],
    ]);
  });

  it('refuses a plan deadline later than the problem deadline: that needs an extension', () => {
    const { state } = driveTo('acknowledged');
    const error = expectDomainError(
      () => decide(state, plan({ deadline: '2020-11-30' }), ctxFor(ACTORS.leadStaff)),
      'RULE_VIOLATION',
    );
    expect(error.fields[0]?.field).toBe('deadline');
  });

  it('adopts the plan deadline when the problem has none', () => {
    const { state } = driveTo('acknowledged');
    const { next } = decide(
      { ...state, deadline: null },
      plan({ deadline: '2020-11-30' }),
      ctxFor(ACTORS.leadStaff),
    );
    expect(next.deadline).toBe('2020-11-30');
  });

  it('accepts a later plan deadline once the extension is approved', () => {
    let trail = driveTo('acknowledged');
    trail = apply(trail, sampleCommand('request_extension'), ctxFor(ACTORS.leadStaff));
    trail = apply(trail, sampleCommand('approve_extension'), ctxFor(ACTORS.cityOffice));
    expect(
      decide(trail.state, plan({ deadline: '2020-12-31' }), ctxFor(ACTORS.leadStaff)).next.deadline,
    ).toBe('2020-12-31');
  });

  it('names each bad measure field', () => {
    const { state } = driveTo('acknowledged');
    const measures = [
      { id: 'm1', text: '', owner: '企业', dueOn: '2020-09-15' },
      { id: 'm1', text: '监测', owner: '', dueOn: '2020-12-01' },
    ];
    const error = expectDomainError(
      () => decide(state, plan({ measures, kind: 'soon' as never }), ctxFor(ACTORS.leadStaff)),
      'VALIDATION_FAILED',
    );
    expect(error.fields.map((f) => f.field)).toEqual([
      'kind',
      'measures',
      'measures[0].text',
      'measures[1].owner',
      'measures[1].dueOn',
    ]);
  });

  it('keeps every return comment and accepts a revised plan', () => {
    let trail = driveTo('plan_returned');
    trail = apply(trail, sampleCommand('submit_plan'), ctxFor(ACTORS.leadStaff));
    trail = apply(trail, { type: 'return_plan', comments: '目标需量化' }, ctxFor(ACTORS.provinceOffice));
    expect(trail.state.planComments).toEqual(['措施不够具体', '目标需量化']);
  });

  it('starts rectification when the plan is approved', () => {
    const { state } = driveTo('rectifying');
    expect(state.plan?.approvedAt).toBe('2020-07-20T02:00:00.000Z');
  });
});

describe('progress reports (整改进展)', () => {
  const on = (now: string) => ctxFor(ACTORS.leadStaff, now);

  it('marks the listed measures done on the report date and keeps the latest report date', () => {
    let trail = driveTo('rectifying');
    trail = apply(trail, sampleCommand('report_progress', '2020-08-10'), on('2020-08-10T02:00:00.000Z'));
    trail = apply(
      trail,
      { type: 'report_progress', reportedOn: '2020-08-01', text: '补报', measuresDone: ['m1', 'm2'] },
      on('2020-08-11T02:00:00.000Z'),
    );
    expect(trail.state.lastProgressOn).toBe('2020-08-10');
    expect(trail.state.plan?.measures.map((m) => m.doneOn)).toEqual(['2020-08-10', '2020-08-01']);
  });

  it('refuses an unknown measure and a report dated in the future', () => {
    const { state } = driveTo('rectifying');
    const command: ProblemCommand = {
      type: 'report_progress',
      reportedOn: '2020-07-21',
      text: '进展',
      measuresDone: ['m9'],
    };
    const error = expectDomainError(
      () => decide(state, command, on('2020-07-20T02:00:00.000Z')),
      'VALIDATION_FAILED',
    );
    expect(error.fields.map((f) => f.field)).toEqual(['reportedOn', 'measuresDone']);
  });
});
