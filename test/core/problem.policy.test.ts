import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/actor.js';
import { authorizeProblem, PROBLEM_ACTIONS } from '../../src/core/problem.policy.js';
import { PROBLEM_COMMAND_TYPES } from '../../src/core/problem.transitions.js';
import type { ScopeClause, ScopeFacts } from '../../src/core/scope.js';
import { ROLES, type Role } from '../../src/core/vocabulary.js';

/**
 * The expectations, written independently of PROBLEM_POLICY: for each action, the roles that
 * may take it inside their scope. 'lead'/'unit' mean unit staff of the lead / any responsible unit.
 */
const OFFICE_GROUP = ['office', 'group_member'] as const;
const EXPECTED: Record<string, readonly (Role | 'lead' | 'unit')[]> = {
  read: ['office', 'group_member', 'expert', 'unit', 'complaint_handler', 'viewer'],
  register: ['office', 'group_member', 'complaint_handler'],
  screen: OFFICE_GROUP,
  edit: OFFICE_GROUP,
  assign: OFFICE_GROUP,
  acknowledge: ['lead'],
  submit_plan: ['lead'],
  approve_plan: OFFICE_GROUP,
  return_plan: OFFICE_GROUP,
  report_progress: ['unit'],
  request_closure: ['lead'],
  accept_closure: OFFICE_GROUP,
  reject_closure: OFFICE_GROUP,
  raise_objection: ['office', 'complaint_handler'],
  close: ['office'],
  reopen: ['office', 'complaint_handler'],
  request_extension: ['lead'],
  approve_extension: OFFICE_GROUP,
  reject_extension: OFFICE_GROUP,
  urge: ['office', 'group_member', 'complaint_handler'],
  add_expert_opinion: ['office', 'group_member', 'expert'],
  list_supervision: ['office'],
  lift_supervision: ['office'],
  dismiss: ['office', 'group_member', 'complaint_handler'],
  merge_into: ['office', 'group_member', 'complaint_handler'],
};

const LEAD = 'unit-lead';
const CO = 'unit-co';
const OTHER = 'unit-other';
const problem = { leadUnitId: LEAD, coUnitIds: [CO] };
const facts: ScopeFacts = {
  regionCode: '220184',
  provinceCode: '220000',
  cityCode: '220100',
  countyCode: '220184',
  campaignId: 'c1',
  unitIds: [LEAD, CO],
};

/** An actor of a role whose scope does or does not cover the problem. */
function actor(role: Role, unitId: string, covered: boolean): Actor {
  const scope: ScopeClause[] =
    role === 'unit_staff'
      ? [{ kind: 'unit', unitId }]
      : role === 'group_member' || role === 'expert'
        ? [
            {
              kind: 'work_group',
              campaignId: covered ? 'c1' : 'c2',
              regions: [{ code: '220100', column: 'city_code' }],
            },
          ]
        : [{ kind: 'region', region: { code: covered ? '220100' : '220300', column: 'city_code' } }];
  return { userId: `u-${role}`, login: role, role, unitId, unit: null, workGroupIds: [], scope };
}

function expected(role: Role, unitId: string, action: string, regionCovered: boolean) {
  // Unit staff see exactly the problems of their unit, wherever they are.
  const covered = role === 'unit_staff' ? unitId !== OTHER : regionCovered;
  const admin = role === 'system_admin' || role === 'security_admin' || role === 'audit_admin';
  if (admin) return action === 'read' ? 'hidden' : 'denied';
  if (!covered) return action === 'register' ? 'denied' : 'hidden';
  const allowedFor = EXPECTED[action]!;
  if (allowedFor.includes(role)) return 'allowed';
  if (role === 'unit_staff' && allowedFor.includes('lead')) return unitId === LEAD ? 'allowed' : 'denied';
  if (role === 'unit_staff' && allowedFor.includes('unit'))
    return unitId === LEAD || unitId === CO ? 'allowed' : 'denied';
  return 'denied';
}

describe('the problem policy matrix', () => {
  it('has a rule for every lifecycle command and no stray ones', () => {
    expect([...PROBLEM_ACTIONS].sort()).toEqual(
      ['read', 'register', 'screen', ...PROBLEM_COMMAND_TYPES].sort(),
    );
    expect(Object.keys(EXPECTED).sort()).toEqual([...PROBLEM_ACTIONS].sort());
  });

  const cases = ROLES.flatMap((role) =>
    PROBLEM_ACTIONS.flatMap((action) =>
      [true, false].flatMap((covered) =>
        [LEAD, CO, OTHER].map((unitId) => ({ role, action, covered, unitId })),
      ),
    ),
  );
  it.each(cases)('$role $action (in scope: $covered, unit $unitId)', ({ role, action, covered, unitId }) => {
    const d = authorizeProblem(actor(role, unitId, covered), action, problem, facts);
    const outcome = d.allowed ? 'allowed' : d.hidden ? 'hidden' : 'denied';
    expect(outcome).toBe(expected(role, unitId, action, covered));
    if (!d.allowed) expect(d.reason?.zh && d.reason.en).toBeTruthy();
  });
});
