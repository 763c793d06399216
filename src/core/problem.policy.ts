import type { Actor } from './actor.js';
import { type BusinessRole, byRole, isBusinessRole } from './policy-table.js';
import { PROBLEM_COMMAND_TYPES } from './problem.transitions.js';
import type { ProblemCommandType, ProblemState } from './problem.types.js';
import { inScope, type ScopeFacts } from './scope.js';
import type { Label } from './vocabulary.js';

export type ProblemAction = ProblemCommandType | 'read' | 'register' | 'screen';

export const PROBLEM_ACTIONS: readonly ProblemAction[] = [
  'read',
  'register',
  'screen',
  ...PROBLEM_COMMAND_TYPES,
];

/**
 * How a role may take an action on a problem inside its scope:
 * - 'yes': allowed;
 * - 'lead': only staff of the lead responsible unit;
 * - 'unit': staff of the lead or a co-operating unit;
 * - 'no': never.
 */
export type Grant = 'yes' | 'lead' | 'unit' | 'no';

const Y = 'yes' as const;
const N = 'no' as const;

const row = byRole<Grant>;

/**
 * The one table of who may do what to a problem. A new action without a row fails to compile
 * and fails the matrix test.
 */
export const PROBLEM_POLICY: Record<ProblemAction, Record<BusinessRole, Grant>> = {
  //                              office group expert unit     handler viewer
  read: row(Y, Y, Y, 'unit', Y, Y),
  register: row(Y, Y, N, N, Y, N),
  screen: row(Y, Y, N, N, N, N),
  edit: row(Y, Y, N, N, N, N),
  assign: row(Y, Y, N, N, N, N),
  acknowledge: row(N, N, N, 'lead', N, N),
  submit_plan: row(N, N, N, 'lead', N, N),
  approve_plan: row(Y, Y, N, N, N, N),
  return_plan: row(Y, Y, N, N, N, N),
  report_progress: row(N, N, N, 'unit', N, N),
  request_closure: row(N, N, N, 'lead', N, N),
  accept_closure: row(Y, Y, N, N, N, N),
  reject_closure: row(Y, Y, N, N, N, N),
  raise_objection: row(Y, N, N, N, Y, N),
  close: row(Y, N, N, N, N, N),
  reopen: row(Y, N, N, N, Y, N),
  request_extension: row(N, N, N, 'lead', N, N),
  approve_extension: row(Y, Y, N, N, N, N),
  reject_extension: row(Y, Y, N, N, N, N),
  urge: row(Y, Y, N, N, Y, N),
  add_expert_opinion: row(Y, Y, Y, N, N, N),
  list_supervision: row(Y, N, N, N, N, N),
  lift_supervision: row(Y, N, N, N, N, N),
  dismiss: row(Y, Y, N, N, Y, N),
  merge_into: row(Y, Y, N, N, Y, N),
};

export interface PolicyDecision {
  allowed: boolean;
  /** Denied because the problem is outside the actor's scope: answer 404, not 403. */
  hidden: boolean;
  reason: Label | null;
}

const allow: PolicyDecision = { allowed: true, hidden: false, reason: null };
const deny = (zh: string, en: string): PolicyDecision => ({
  allowed: false,
  hidden: false,
  reason: { zh, en },
});
const hidden: PolicyDecision = {
  allowed: false,
  hidden: true,
  reason: { zh: '问题不存在', en: 'Problem not found' },
};

/**
 * (actor, action, problem) → allow or deny with a reason. `facts` places the problem (or, for
 * `register`, the problem about to be registered) for the scope check.
 */
export function authorizeProblem(
  actor: Actor,
  action: ProblemAction,
  problem: Pick<ProblemState, 'leadUnitId' | 'coUnitIds'> | null,
  facts: ScopeFacts | null,
): PolicyDecision {
  if (!isBusinessRole(actor.role)) {
    return action === 'read'
      ? hidden
      : deny('管理员角色不办理台账业务（三权分立）', 'Administrator roles do not handle ledger items');
  }
  if (facts && !inScope(actor.scope, facts)) {
    return action === 'register'
      ? deny('该地区不在您的管辖范围内', 'The region is outside your scope')
      : hidden;
  }
  const grant = PROBLEM_POLICY[action][actor.role];
  if (grant === 'no') {
    return deny(
      `角色“${actor.role}”不能执行此操作`,
      `Role "${actor.role}" may not ${action.replaceAll('_', ' ')}`,
    );
  }
  if (grant === 'yes') return allow;
  const unitId = actor.unitId;
  const isLead = unitId !== null && problem?.leadUnitId === unitId;
  const isCo = unitId !== null && (problem?.coUnitIds ?? []).includes(unitId);
  if (grant === 'lead' && !isLead)
    return deny('此操作须由牵头责任单位办理', 'Only the lead responsible unit may do this');
  if (grant === 'unit' && !isLead && !isCo)
    return deny('只能办理本单位承办的问题', 'Only problems assigned to your unit');
  return allow;
}
