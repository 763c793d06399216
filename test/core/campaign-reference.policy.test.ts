import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/actor.js';
import { canManageCampaigns, canRecordSiteVisit } from '../../src/core/campaign.policy.js';
import { decideReferenceChange } from '../../src/core/reference.policy.js';
import { ROLES, type Role } from '../../src/core/vocabulary.js';

const actor = (role: Role, groups: string[] = []): Actor => ({
  userId: role,
  login: role,
  role,
  unitId: null,
  unit: null,
  workGroupIds: groups,
  scope: [],
});

/** role → [manage campaigns, record a visit for own group, for another group, edit reference data] */
const EXPECTED: Record<Role, [boolean, boolean, boolean, boolean]> = {
  system_admin: [false, false, false, true],
  security_admin: [false, false, false, false],
  audit_admin: [false, false, false, false],
  office: [true, true, true, true],
  group_member: [false, true, false, false],
  expert: [false, true, false, false],
  unit_staff: [false, true, false, false],
  complaint_handler: [false, true, false, false],
  viewer: [false, false, false, false],
};

describe('campaign and reference-data policies', () => {
  it.each(ROLES)('%s', (role) => {
    const a = actor(role, ['g1']);
    const [manage, ownVisit, otherVisit, reference] = EXPECTED[role];
    expect(canManageCampaigns(a)).toBe(manage);
    expect(canRecordSiteVisit(a, 'g1')).toBe(ownVisit);
    expect(canRecordSiteVisit(a, 'g2')).toBe(otherVisit);
    expect(decideReferenceChange(a).allowed).toBe(reference);
  });
});
