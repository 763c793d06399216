import { describe, expect, it } from 'vitest';
import { decide } from '../../src/core/problem.lifecycle.js';
import { ACTORS, apply, ctxFor, driveTo, expectDomainError, sampleCommand } from './problem.fixtures.js';

/** Extensions (延期) are the controlled, audited way to move a deadline. */
describe('deadline extensions', () => {
  const requested = () =>
    apply(driveTo('rectifying'), sampleCommand('request_extension'), ctxFor(ACTORS.leadStaff));

  it('records one pending request with who asked and when', () => {
    const { state } = requested();
    expect(state.pendingExtension).toEqual({
      requestedAt: '2020-07-20T02:00:00.000Z',
      requestedBy: ACTORS.leadStaff.userId,
      newDeadline: '2020-12-31',
      reason: '设备供货延迟',
    });
    expect(state.deadline).toBe('2020-10-31');
  });

  it('allows one pending request at a time', () => {
    const { state } = requested();
    const again = { type: 'request_extension' as const, newDeadline: '2021-01-31', reason: '再延' };
    expectDomainError(() => decide(state, again, ctxFor(ACTORS.leadColleague)), 'RULE_VIOLATION');
  });

  it('needs a new deadline after the current one', () => {
    const { state } = driveTo('rectifying');
    const earlier = { type: 'request_extension' as const, newDeadline: '2020-10-31', reason: '理由' };
    const error = expectDomainError(
      () => decide(state, earlier, ctxFor(ACTORS.leadStaff)),
      'VALIDATION_FAILED',
    );
    expect(error.fields.map((f) => f.field)).toEqual(['newDeadline']);
  });

  it('refuses approval by the requester', () => {
    const { state } = requested();
    const error = expectDomainError(
      () => decide(state, sampleCommand('approve_extension'), ctxFor(ACTORS.leadStaff)),
      'RULE_VIOLATION',
    );
    expect(error.label.en).toContain('requested');
  });

  it('refuses approval by a colleague in the responsible unit or a co-unit', () => {
    const { state } = requested();
    for (const who of [ACTORS.leadColleague, ACTORS.coStaff]) {
      expectDomainError(
        () => decide(state, sampleCommand('approve_extension'), ctxFor(who)),
        'RULE_VIOLATION',
      );
    }
  });

  it('moves the deadline when another level approves', () => {
    const { state } = requested();
    const { next, event } = decide(state, sampleCommand('approve_extension'), ctxFor(ACTORS.cityOffice));
    expect(next).toMatchObject({ deadline: '2020-12-31', pendingExtension: null });
    expect(event.payload).toEqual({
      previousDeadline: '2020-10-31',
      newDeadline: '2020-12-31',
      comment: '同意延期',
    });
  });

  it('keeps the deadline when rejected, and the requester may withdraw by rejecting', () => {
    const { state } = requested();
    const { next } = decide(state, sampleCommand('reject_extension'), ctxFor(ACTORS.leadStaff));
    expect(next).toMatchObject({ deadline: '2020-10-31', pendingExtension: null });
  });

  it('has nothing to approve without a pending request', () => {
    const { state } = driveTo('rectifying');
    expectDomainError(
      () => decide(state, sampleCommand('approve_extension'), ctxFor(ACTORS.cityOffice)),
      'INVALID_TRANSITION',
    );
  });

  it('drops a pending request once the closure is accepted', () => {
    let trail = requested();
    trail = apply(trail, sampleCommand('request_closure'), ctxFor(ACTORS.leadStaff));
    trail = apply(trail, sampleCommand('accept_closure'), ctxFor(ACTORS.cityOffice));
    expect(trail.state.pendingExtension).toBeNull();
  });
});
