import { describe, expect, it } from 'vitest';
import { type AccountAction, checkAdminSeparation, decideAccountAction } from '../../src/core/admin-roles.js';
import { ROLES } from '../../src/core/vocabulary.js';

const ME = 'u-me';
const OTHER = 'u-other';
type Row = [
  role: string,
  action: AccountAction,
  target: 'self' | 'other' | null,
  grant: string | undefined,
  allowed: boolean,
];

// The 三权分立 matrix: who may do what to accounts. Every role appears for every action.
const EXPECTED: Record<AccountAction, readonly string[]> = {
  'user.list': ['system_admin', 'security_admin', 'audit_admin'],
  'user.create': ['system_admin'],
  'user.update': ['system_admin'],
  'user.enable': ['system_admin'],
  'user.disable': ['system_admin'],
  'user.reset_password': ['system_admin'],
  'user.grant_role': ['security_admin'],
  'user.grant_clearance': ['security_admin'],
  'audit.read': ['audit_admin'],
  'audit.export': ['audit_admin'],
};

const matrix: Row[] = ROLES.flatMap((role) =>
  (Object.keys(EXPECTED) as AccountAction[]).map(
    (action): Row => [
      role,
      action,
      action === 'user.list' || action === 'user.create' ? null : 'other',
      undefined,
      EXPECTED[action].includes(role),
    ],
  ),
);

describe('the separated administrators (三权分立)', () => {
  it.each(matrix)('%s may %s (target %s): %s', (role, action, target, grant, allowed) => {
    const decision = decideAccountAction(
      { userId: ME, role },
      action,
      target ? { id: target === 'self' ? ME : OTHER, roles: ['viewer'] } : undefined,
      grant,
    );
    expect(decision.allowed).toBe(allowed);
    if (!decision.allowed) expect(decision.reason.zh.length).toBeGreaterThan(0);
  });

  it.each([
    ['security_admin', 'user.grant_role', 'security_admin'],
    ['security_admin', 'user.grant_role', 'viewer'],
    ['system_admin', 'user.disable', undefined],
    ['system_admin', 'user.reset_password', undefined],
    ['security_admin', 'user.grant_clearance', undefined],
  ] as const)('%s may not %s on their own account', (role, action, grant) => {
    const decision = decideAccountAction({ userId: ME, role }, action, { id: ME, roles: [role] }, grant);
    expect(decision).toMatchObject({ allowed: false });
  });

  it('lets the system administrator open accounts only as viewers', () => {
    const sys = { userId: ME, role: 'system_admin' };
    expect(decideAccountAction(sys, 'user.create', undefined, 'viewer').allowed).toBe(true);
    expect(decideAccountAction(sys, 'user.create', undefined, 'office')).toMatchObject({
      allowed: false,
      reason: { en: expect.stringContaining('security administrator') },
    });
  });

  it('lets the security administrator grant any role, administrator roles included, to others', () => {
    for (const role of ROLES) {
      const d = decideAccountAction(
        { userId: ME, role: 'security_admin' },
        'user.grant_role',
        { id: OTHER, roles: ['viewer'] },
        role,
      );
      expect(d.allowed).toBe(true);
    }
  });

  it('refuses any set of roles holding two administrator roles', () => {
    expect(checkAdminSeparation(['system_admin', 'audit_admin']).allowed).toBe(false);
    expect(checkAdminSeparation(['system_admin', 'office']).allowed).toBe(true);
    expect(checkAdminSeparation(['security_admin', 'security_admin']).allowed).toBe(true);
  });
});

describe('clearances (举报人保密)', () => {
  it.each(['system_admin', 'security_admin', 'audit_admin'])(
    'an administrator account (%s) is never cleared',
    (role) => {
      const decision = decideAccountAction({ userId: ME, role: 'security_admin' }, 'user.grant_clearance', {
        id: OTHER,
        roles: [role],
      });
      expect(decision).toMatchObject({ allowed: false });
    },
  );

  it('a complaint handler may be cleared by the security administrator', () => {
    const decision = decideAccountAction({ userId: ME, role: 'security_admin' }, 'user.grant_clearance', {
      id: OTHER,
      roles: ['complaint_handler'],
    });
    expect(decision.allowed).toBe(true);
  });
});
