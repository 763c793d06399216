import { describe, expect, it } from 'vitest';
import { decide } from '../../src/core/problem.lifecycle.js';
import type { FourNotLetGo } from '../../src/core/problem.types.js';
import { DEFAULT_RULES } from '../../src/core/rules.js';
import {
  ACTORS,
  apply,
  ctxFor,
  driveTo,
  expectDomainError,
  FOUR_NOT_LET_GO,
  registered,
  sampleCommand,
} from './problem.fixtures.js';

const requestWith = (fourNotLetGo: unknown, complaintLinked = false) => {
  const { state } = driveTo('rectifying', registered({ complaintLinked }));
  const command = { type: 'request_closure', fourNotLetGo } as {
    type: 'request_closure';
    fourNotLetGo: FourNotLetGo;
  };
  return decide(state, command, ctxFor(ACTORS.leadStaff));
};
const failedFields = (fourNotLetGo: unknown, complaintLinked = false) =>
  expectDomainError(() => requestWith(fourNotLetGo, complaintLinked), 'VALIDATION_FAILED').fields.map(
    (f) => f.field,
  );

describe('four not-let-go (四个不放过)', () => {
  it('records the closure request with the four answers', () => {
    const { next, event } = requestWith(FOUR_NOT_LET_GO);
    expect(next.status).toBe('closure_requested');
    expect(next.closureRequest).toEqual({
      requestedAt: '2020-07-20T02:00:00.000Z',
      requestedBy: ACTORS.leadStaff.userId,
      fourNotLetGo: FOUR_NOT_LET_GO,
    });
    expect(event).toEqual({ type: 'problem.closure_requested', payload: { fourNotLetGo: FOUR_NOT_LET_GO } });
  });

  it('requires all four when nothing is given', () => {
    expect(failedFields(undefined)).toEqual(['fourNotLetGo']);
    expect(failedFields({})).toEqual([
      'fourNotLetGo.cause',
      'fourNotLetGo.rectification.summary',
      'fourNotLetGo.rectification.evidence',
      'fourNotLetGo.accountability.done',
      'fourNotLetGo.accountability.summary',
      'fourNotLetGo.publicSatisfaction.kind',
    ]);
  });

  it.each([
    ['a blank cause', { cause: '  ' }, 'fourNotLetGo.cause'],
    [
      'no evidence',
      { rectification: { summary: '已整改', evidence: [] } },
      'fourNotLetGo.rectification.evidence',
    ],
    [
      'blank evidence',
      { rectification: { summary: '已整改', evidence: [''] } },
      'fourNotLetGo.rectification.evidence',
    ],
    [
      'no rectification summary',
      { rectification: { summary: '', evidence: ['a'] } },
      'fourNotLetGo.rectification.summary',
    ],
    [
      'no accountability summary',
      { accountability: { done: false, summary: '' } },
      'fourNotLetGo.accountability.summary',
    ],
    [
      'an unsatisfied complainant',
      { publicSatisfaction: { kind: 'complainant_feedback', satisfied: false, summary: '仍有意见' } },
      'fourNotLetGo.publicSatisfaction.satisfied',
    ],
    [
      'not applicable without a reason',
      { publicSatisfaction: { kind: 'not_applicable', reason: '' } },
      'fourNotLetGo.publicSatisfaction.reason',
    ],
  ])('refuses %s', (_name, patch, field) => {
    expect(failedFields({ ...FOUR_NOT_LET_GO, ...patch })).toEqual([field]);
  });

  it('accepts "no accountability needed" when the reason is given', () => {
    const answers = {
      ...FOUR_NOT_LET_GO,
      accountability: { done: false, summary: '系历史遗留问题，无需追责' },
    };
    expect(requestWith(answers).next.status).toBe('closure_requested');
  });

  it('accepts not applicable with a reason when no complaint is linked', () => {
    const answers = {
      ...FOUR_NOT_LET_GO,
      publicSatisfaction: { kind: 'not_applicable', reason: '无群众投诉' },
    };
    expect(requestWith(answers).next.status).toBe('closure_requested');
  });

  describe('for a problem linked to a complaint', () => {
    it('refuses "not applicable"', () => {
      const answers = { ...FOUR_NOT_LET_GO, publicSatisfaction: { kind: 'not_applicable', reason: '无' } };
      expect(failedFields(answers, true)).toEqual(['fourNotLetGo.publicSatisfaction.kind']);
    });

    it.each([
      { kind: 'complainant_feedback', satisfied: true, summary: '举报人表示满意' },
      { kind: 'public_notice', summary: '公示无异议' },
    ])('accepts %o', (publicSatisfaction) => {
      expect(requestWith({ ...FOUR_NOT_LET_GO, publicSatisfaction }, true).next.status).toBe(
        'closure_requested',
      );
    });
  });

  it('stores only the known fields of the answers', () => {
    const noisy = {
      ...FOUR_NOT_LET_GO,
      extra: 'x',
      publicSatisfaction: { kind: 'public_notice', summary: 's', x: 1 },
    };
    const { event } = requestWith(noisy);
    expect(JSON.stringify(event.payload)).not.toContain('extra');
    expect(event.payload).toEqual({
      fourNotLetGo: { ...FOUR_NOT_LET_GO, publicSatisfaction: { kind: 'public_notice', summary: 's' } },
    });
  });
});

describe('notice period (公示) and closure (销号)', () => {
  const acceptOn = (now: string, noticePeriod = DEFAULT_RULES.noticePeriod) =>
    decide(
      driveTo('closure_requested').state,
      sampleCommand('accept_closure', '2020-09-25'),
      ctxFor(ACTORS.cityOffice, now, { rules: { ...DEFAULT_RULES, noticePeriod } }),
    ).next;

  it('ends a 7-day notice 7 calendar days after acceptance', () => {
    const handled = acceptOn('2020-09-25T02:00:00.000Z');
    expect(handled.noticeEndsOn).toBe('2020-10-02');
    expect(handled.handledAt).toBe('2020-09-25T02:00:00.000Z');
  });

  it('counts a notice in working days across the National Day golden week', () => {
    const handled = acceptOn('2020-09-25T02:00:00.000Z', { length: 10, unit: 'working_days' });
    // 09-27 (adjusted Sunday), 28, 29, 30, 10-09, 10-10 (adjusted Saturday), 12, 13, 14, 15
    expect(handled.noticeEndsOn).toBe('2020-10-15');
  });

  it('closes only once the notice has ended, and lifts a listed supervision', () => {
    const handled = acceptOn('2020-09-25T02:00:00.000Z');
    expect(handled.supervision).not.toBeNull();
    const early = ctxFor(ACTORS.provinceOffice, '2020-10-01T02:00:00.000Z');
    expectDomainError(() => decide(handled, sampleCommand('close'), early), 'RULE_VIOLATION');
    const onTime = ctxFor(ACTORS.provinceOffice, '2020-10-02T02:00:00.000Z');
    const { next, event } = decide(handled, sampleCommand('close'), onTime);
    expect(next).toMatchObject({ status: 'closed', closedAt: onTime.now, supervision: null });
    expect(event.payload).toEqual({ supervisionLifted: true });
  });

  it('takes an objection during the notice, back to rectification', () => {
    const handled = acceptOn('2020-09-25T02:00:00.000Z');
    const during = ctxFor(ACTORS.provinceOffice, '2020-10-02T02:00:00.000Z');
    const { next } = decide(handled, sampleCommand('raise_objection'), during);
    expect(next).toMatchObject({
      status: 'rectifying',
      acceptance: null,
      closureRequest: null,
      noticeEndsOn: null,
    });
    const after = ctxFor(ACTORS.provinceOffice, '2020-10-03T02:00:00.000Z');
    expectDomainError(() => decide(handled, sampleCommand('raise_objection'), after), 'RULE_VIOLATION');
  });

  it('reopens a closed problem on rebound and clears the previous closure', () => {
    const closed = driveTo('closed');
    const { state } = apply(
      closed,
      sampleCommand('reopen'),
      ctxFor(ACTORS.provinceOffice, '2020-12-01T02:00:00.000Z'),
    );
    expect(state).toMatchObject({
      status: 'rectifying',
      reopenCount: 1,
      acceptance: null,
      closureRequest: null,
      noticeEndsOn: null,
      closedAt: null,
      handledAt: null,
    });
    expect(state.plan?.approvedAt).not.toBeNull();
  });

  it('rejects a closure request back to rectification, keeping the reasons in the event', () => {
    const { state } = driveTo('closure_requested');
    const { next, event } = decide(state, sampleCommand('reject_closure'), ctxFor(ACTORS.cityOffice));
    expect(next).toMatchObject({ status: 'rectifying', closureRequest: null });
    expect(event).toEqual({ type: 'problem.closure_rejected', payload: { reasons: '佐证材料不足' } });
  });

  it('needs checkers, an opinion and a check not in the future', () => {
    const { state } = driveTo('closure_requested');
    const command = { type: 'accept_closure' as const, checkedOn: '2020-07-21', checkers: [], opinion: '' };
    const error = expectDomainError(
      () => decide(state, command, ctxFor(ACTORS.cityOffice)),
      'VALIDATION_FAILED',
    );
    expect(error.fields.map((f) => f.field)).toEqual(['checkedOn', 'checkers', 'opinion']);
  });
});
