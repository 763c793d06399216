import type { Role } from './vocabulary.js';

/** The roles that handle ledger content; the three administrators handle none (三权分立). */
export type BusinessRole = Exclude<Role, 'system_admin' | 'security_admin' | 'audit_admin'>;

export const isBusinessRole = (role: Role): role is BusinessRole =>
  role !== 'system_admin' && role !== 'security_admin' && role !== 'audit_admin';

/** One row of a policy table: a grant per business role, in the order of ROLES. */
export const byRole = <G extends string>(
  office: G,
  group: G,
  expert: G,
  unit: G,
  handler: G,
  viewer: G,
): Record<BusinessRole, G> => ({
  office,
  group_member: group,
  expert,
  unit_staff: unit,
  complaint_handler: handler,
  viewer,
});
