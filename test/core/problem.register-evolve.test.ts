import { describe, expect, it } from 'vitest';
import { decide, evolve, registerProblem, replay } from '../../src/core/problem.lifecycle.js';
import type { ProblemCommand } from '../../src/core/problem.types.js';
import { ACTORS, apply, ctxFor, driveTo, expectDomainError, registered, START } from './problem.fixtures.js';

describe('registerProblem', () => {
  it('registers with status registered, version 1 and the full initial fields in the event', () => {
    const { state, events } = registered();
    expect(state).toMatchObject({
      id: 'p-1',
      code: 'JL-2020-0042',
      status: 'registered',
      version: 1,
      areas: ['air'],
      subArea: 'scattered_polluting',
      problemKind: null,
      location: null,
      complaintLinked: false,
      createdAt: START,
      updatedAt: START,
    });
    expect(events[0]?.type).toBe('problem.registered');
    expect(Object.keys(events[0]?.payload ?? {}).sort()).toEqual(
      [
        'id',
        'code',
        'title',
        'description',
        'source',
        'areas',
        'subArea',
        'problemKind',
        'campaignId',
        'workGroupId',
        'regionCode',
        'location',
        'complaintLinked',
        'originId',
      ].sort(),
    );
    expect(evolve(null, events[0]!)).toEqual(state);
  });

  it('names every bad field', () => {
    const input = {
      id: 'p-2',
      code: '',
      title: ' ',
      description: '',
      source: 'media',
      areas: [],
      regionCode: '22',
      location: { lat: 200, lng: 0 },
    };
    const error = expectDomainError(
      () => registerProblem(input, ctxFor(ACTORS.provinceOffice)),
      'VALIDATION_FAILED',
    );
    expect(error.fields.map((f) => f.field)).toEqual(['code', 'title', 'areas', 'regionCode', 'location']);
  });
});

describe('evolve and replay', () => {
  it('rebuilds the projection exactly from the stored events, also after a JSON round trip', () => {
    const { state, events } = driveTo('closed');
    expect(replay(events)).toEqual(state);
    expect(replay(JSON.parse(JSON.stringify(events)))).toEqual(state);
    expect(state.version).toBe(events.length);
  });

  it('refuses a stream that does not start with registration, or an unknown event', () => {
    const { state } = registered();
    expectDomainError(
      () => evolve(null, { type: 'problem.urged', payload: {}, at: START, actorId: 'x' }),
      'INTERNAL',
    );
    expectDomainError(
      () => evolve(state, { type: 'problem.teleported', payload: {}, at: START, actorId: 'x' }),
      'INTERNAL',
    );
  });

  it('never shares objects between the state and the stored payload', () => {
    const trail = driveTo('rectifying');
    const submitted = trail.events.find((e) => e.type === 'problem.plan_submitted')!;
    (submitted.payload.measures as { text: string }[])[0]!.text = 'mutated';
    expect(trail.state.plan?.measures[0]?.text).toBe('更换布袋除尘器');
  });

  it('does not let a mutated command reach the stored event', () => {
    const { state } = driveTo('rectifying');
    const evidence = ['photo.jpg'];
    const command: ProblemCommand = {
      type: 'report_progress',
      reportedOn: '2020-07-20',
      text: 't',
      evidence,
    };
    const { event } = decide(state, command, ctxFor(ACTORS.leadStaff));
    evidence.push('added-later.jpg');
    expect(event.payload.evidence).toEqual(['photo.jpg']);
  });
});

describe('supervision and records that do not move the problem', () => {
  it('urges and adds expert opinions without changing anything but the version', () => {
    const { state } = driveTo('rectifying');
    for (const command of [
      { type: 'urge', text: '请于本周报送进展' },
      { type: 'add_expert_opinion', rootCause: '工艺落后', recommendations: '超低排放改造' },
    ] as ProblemCommand[]) {
      const later = ctxFor(ACTORS.workGroupMember, '2020-07-21T02:00:00.000Z');
      const { next } = decide(state, command, later);
      expect(next).toEqual({ ...state, version: state.version + 1, updatedAt: later.now });
    }
  });

  it('lists and lifts supervision (挂牌督办 / 摘牌)', () => {
    const { state } = driveTo('registered');
    expect(state.supervision).toEqual({
      level: 'province',
      deadline: '2020-09-30',
      listedAt: START,
      reason: '群众反映强烈',
    });
    const lifted = decide(
      state,
      { type: 'lift_supervision', reason: '已整改' },
      ctxFor(ACTORS.provinceOffice),
    ).next;
    expect(lifted.supervision).toBeNull();
    expectDomainError(
      () => decide(lifted, { type: 'lift_supervision', reason: '再摘' }, ctxFor(ACTORS.provinceOffice)),
      'INVALID_TRANSITION',
    );
    const bad: ProblemCommand = {
      type: 'list_supervision',
      level: 'galactic' as never,
      deadline: '2020-01-01',
      reason: '',
    };
    const error = expectDomainError(
      () => decide(lifted, bad, ctxFor(ACTORS.provinceOffice)),
      'VALIDATION_FAILED',
    );
    expect(error.fields.map((f) => f.field)).toEqual(['level', 'deadline', 'reason']);
  });
});

describe('dismiss, merge and edit', () => {
  it('dismisses an unsubstantiated problem before any plan', () => {
    const { state } = apply(
      driveTo('acknowledged'),
      { type: 'dismiss', reason: '经核查不属实' },
      ctxFor(ACTORS.provinceOffice),
    );
    expect(state).toMatchObject({ status: 'dismissed', supervision: null });
  });

  it('merges into another problem but not into itself', () => {
    const { state } = driveTo('assigned');
    const self: ProblemCommand = { type: 'merge_into', targetId: 'p-1', targetCode: 'JL-2020-0042' };
    expectDomainError(() => decide(state, self, ctxFor(ACTORS.provinceOffice)), 'VALIDATION_FAILED');
    const merged = decide(state, { ...self, targetId: 'p-0' }, ctxFor(ACTORS.provinceOffice)).next;
    expect(merged).toMatchObject({ status: 'merged', duplicateOfId: 'p-0' });
  });

  it('edits only the listed fields and keeps the previous values in the event', () => {
    const { state } = driveTo('rectifying');
    const command: ProblemCommand = { type: 'edit', changes: { areas: ['air', 'water'], subArea: null } };
    const { next, event } = decide(state, command, ctxFor(ACTORS.provinceOffice));
    expect(next).toMatchObject({ areas: ['air', 'water'], subArea: null, status: 'rectifying' });
    expect(event.payload).toEqual({
      changes: { areas: ['air', 'water'], subArea: null },
      previous: { areas: ['air'], subArea: 'scattered_polluting' },
    });
  });

  it('refuses edits to other fields and empty edits', () => {
    const { state } = driveTo('rectifying');
    const sneaky = { type: 'edit', changes: { status: 'closed', title: '' } } as unknown as ProblemCommand;
    const error = expectDomainError(
      () => decide(state, sneaky, ctxFor(ACTORS.provinceOffice)),
      'VALIDATION_FAILED',
    );
    expect(error.fields.map((f) => f.field)).toEqual(['changes.status', 'changes.title']);
    expectDomainError(
      () => decide(state, { type: 'edit', changes: {} }, ctxFor(ACTORS.provinceOffice)),
      'VALIDATION_FAILED',
    );
  });
});
