import type { Actor } from './actor.js';
import { DomainError } from './errors.js';
import { ADMIN_ROLES, type Role } from './vocabulary.js';

/** Who may run campaigns, work groups and site visits: pure rules, as for problems. */
const CAMPAIGN_MANAGERS: readonly Role[] = ['office'];

/** The inspection office (督察办) sets up campaigns and work groups. */
export const canManageCampaigns = (actor: Actor): boolean => CAMPAIGN_MANAGERS.includes(actor.role);

/** Site visits are recorded by the office or by members of that work group. */
export const canRecordSiteVisit = (actor: Actor, workGroupId: string): boolean =>
  canManageCampaigns(actor) ||
  (actor.role !== 'viewer' && !ADMIN_ROLES.includes(actor.role) && actor.workGroupIds.includes(workGroupId));

export function requireAllowed(allowed: boolean): void {
  if (!allowed) {
    throw new DomainError('FORBIDDEN', {
      zh: '无权执行此操作（需督察办或本工作组成员）',
      en: 'Not allowed: the inspection office or a member of the work group may do this',
    });
  }
}

export const campaignAbilities = (actor: Actor) => ({
  update: canManageCampaigns(actor),
  createWorkGroup: canManageCampaigns(actor),
});

export const workGroupAbilities = (actor: Actor, workGroupId: string) => ({
  update: canManageCampaigns(actor),
  manageMembers: canManageCampaigns(actor),
  recordSiteVisit: canRecordSiteVisit(actor, workGroupId),
});
