import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/actor.js';
import { COMPLAINANT_CLEARANCE, complaintTransition } from '../../src/core/complaint.js';
import {
  authorizeComplaint,
  COMPLAINT_ACTIONS,
  COMPLAINT_POLICY,
  type ComplaintFacts,
} from '../../src/core/complaint.policy.js';
import { ROLES } from '../../src/core/vocabulary.js';

const UNIT = 'unit-lq';
const inside: ComplaintFacts = {
  regionCode: '130110',
  provinceCode: '130000',
  cityCode: '130100',
  countyCode: '130110',
  campaignId: null,
  unitIds: [UNIT],
  confidentiality: 'confidential',
};
const outside: ComplaintFacts = {
  ...inside,
  regionCode: '220184',
  provinceCode: '220000',
  cityCode: '220100',
  countyCode: '220184',
  unitIds: [],
};

const actor = (role: Actor['role'], opts: { unitId?: string; cleared?: boolean } = {}): Actor => ({
  userId: `u-${role}`,
  login: role,
  role,
  unitId: opts.unitId ?? 'unit-province',
  unit: null,
  workGroupIds: [],
  // Every role's scope covers Hebei except unit staff, whose scope is their unit.
  scope:
    role === 'unit_staff'
      ? [{ kind: 'unit', unitId: opts.unitId ?? 'unit-other' }]
      : [{ kind: 'region', region: { code: '130000', column: 'province_code' } }],
  clearances: opts.cleared ? [COMPLAINANT_CLEARANCE] : [],
});

const ADMINS = ['system_admin', 'security_admin', 'audit_admin'] as const;

// Generated from the one table: every role × action × (routed unit or not) × (cleared or not).
const cases = ROLES.flatMap((role) =>
  COMPLAINT_ACTIONS.flatMap((action) =>
    [true, false].flatMap((routed) => [true, false].map((cleared) => ({ role, action, routed, cleared }))),
  ),
);

describe('who may do what to a complaint (generated from COMPLAINT_POLICY)', () => {
  it.each(cases)(
    '$role $action (routed to own unit: $routed, cleared: $cleared)',
    ({ role, action, routed, cleared }) => {
      const a = actor(role, { unitId: routed ? UNIT : 'unit-other', cleared });
      const decision = authorizeComplaint(a, action, inside);
      if ((ADMINS as readonly string[]).includes(role)) {
        expect(decision.allowed).toBe(false);
        return;
      }
      const grant = COMPLAINT_POLICY[action][role as keyof (typeof COMPLAINT_POLICY)['read']];
      const inScope = role !== 'unit_staff' || routed;
      let expected = inScope && (grant === 'yes' || (grant === 'unit' && routed));
      if (action === 'read_identity') expected &&= cleared;
      expect(decision.allowed).toBe(expected);
      if (!inScope && action !== 'receive') expect(decision.hidden).toBe(true);
      if (!decision.allowed && !decision.hidden) expect(decision.reason?.zh.length).toBeGreaterThan(0);
    },
  );

  it.each(ROLES)('%s cannot see a complaint outside its scope (404, not 403)', (role) => {
    const decision = authorizeComplaint(actor(role, { cleared: true }), 'read_identity', outside);
    expect(decision.allowed).toBe(false);
    if (!(ADMINS as readonly string[]).includes(role)) expect(decision.hidden).toBe(true);
  });

  it('lets an uncleared handler read the identity of a complainant who waived confidentiality', () => {
    expect(
      authorizeComplaint(actor('complaint_handler'), 'read_identity', {
        ...inside,
        confidentiality: 'normal',
      }).allowed,
    ).toBe(true);
    expect(
      authorizeComplaint(actor('office', { cleared: true }), 'read_identity', {
        ...inside,
        confidentiality: 'normal',
      }).allowed,
    ).toBe(false);
  });
});

describe('the complaint lifecycle table', () => {
  it('moves received → routed → verified → closed, and refuses the rest with a reason', () => {
    expect(complaintTransition('received', 'route')).toBe('routed');
    expect(complaintTransition('routed', 'verify')).toBe('verified');
    expect(complaintTransition('verified', 'close')).toBe('closed');
    expect(complaintTransition('verified', 'disclose')).toBe('verified');
    expect(() => complaintTransition('received', 'close')).toThrow(/cannot close/);
    expect(() => complaintTransition('closed', 'route')).toThrow(/cannot route/);
    expect(() => complaintTransition('not_accepted', 'link_problem')).toThrow();
  });
});
