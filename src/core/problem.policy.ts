import type { Actor } from './actor.js';
import type { ProblemCommandType, ProblemState } from './problem.types.js';
import type { Role } from './vocabulary.js';

export type ProblemAction = ProblemCommandType | 'register' | 'read' | 'screen';

export interface PolicyDecision {
  allowed: boolean;
  reason: { zh: string; en: string } | null;
}

/** What the responsible (lead or co-operating) unit's own staff may do to their items. */
const UNIT_ACTIONS: readonly ProblemAction[] = [
  'read',
  'acknowledge',
  'submit_plan',
  'report_progress',
  'request_closure',
  'request_extension',
];

/** Role → actions. Unit staff are further limited to problems of their unit. */
const ROLE_ACTIONS: Record<Role, readonly ProblemAction[] | 'all'> = {
  admin: 'all',
  office: 'all',
  group_member: 'all',
  expert: ['read', 'add_expert_opinion'],
  unit_staff: UNIT_ACTIONS,
  complaint_handler: ['read', 'register', 'urge', 'dismiss'],
  viewer: ['read'],
};

const allow: PolicyDecision = { allowed: true, reason: null };
const deny = (zh: string, en: string): PolicyDecision => ({ allowed: false, reason: { zh, en } });

/**
 * The minimal role policy of the ledger foundation: (actor, action, problem) → allow/deny with
 * a reason. Scopes by region and work group, and separation of duties beyond what the
 * lifecycle enforces, come with the access-control issue.
 */
export function authorizeProblem(
  actor: Actor,
  action: ProblemAction,
  problem: ProblemState | null,
): PolicyDecision {
  const granted = ROLE_ACTIONS[actor.role];
  if (granted !== 'all' && !granted.includes(action)) {
    return deny(
      `角色“${actor.role}”不能执行此操作`,
      `Role "${actor.role}" may not ${action.replaceAll('_', ' ')}`,
    );
  }
  if (actor.role === 'unit_staff' && problem && action !== 'register') {
    const ownUnit =
      actor.unitId !== null &&
      (problem.leadUnitId === actor.unitId || problem.coUnitIds.includes(actor.unitId));
    if (!ownUnit) return deny('只能办理本单位承办的问题', 'Only problems assigned to your unit');
    if (action !== 'read' && action !== 'report_progress' && problem.leadUnitId !== actor.unitId) {
      return deny('此操作须由牵头责任单位办理', 'Only the lead responsible unit may do this');
    }
  }
  return allow;
}
