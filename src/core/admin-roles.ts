import type { Label } from './vocabulary.js';

/**
 * Separation of the three administrators (三权分立, GB/T 22239-2019 8.1.4.2):
 * the system administrator manages accounts and configuration, the security administrator
 * roles, policies and labels, the audit administrator reads and exports the audit and
 * changes nothing else. Pure rules over the actor, the action and the target account.
 */
export const SEPARATED_ADMIN_ROLES = ['system_admin', 'security_admin', 'audit_admin'] as const;
export type AdminRole = (typeof SEPARATED_ADMIN_ROLES)[number];

export const isAdminRole = (role: string): role is AdminRole =>
  (SEPARATED_ADMIN_ROLES as readonly string[]).includes(role);

/** The role a system administrator may give a new account; every other role is granted later. */
export const INITIAL_ROLE = 'viewer';

export type AccountAction =
  | 'user.list'
  | 'user.create'
  | 'user.update'
  | 'user.disable'
  | 'user.enable'
  | 'user.reset_password'
  | 'user.grant_role'
  | 'user.grant_clearance'
  | 'audit.read'
  | 'audit.export';

export type AccountDecision = { allowed: true } | { allowed: false; reason: Label };

interface Who {
  userId: string;
  role: string;
}
interface Target {
  id: string;
  /** Roles the target holds now. */
  roles: readonly string[];
}

const deny = (zh: string, en: string): AccountDecision => ({ allowed: false, reason: { zh, en } });
const ALLOW: AccountDecision = { allowed: true };

/** Holding two of the three administrator roles defeats the separation. */
export function checkAdminSeparation(roles: readonly string[]): AccountDecision {
  return new Set(roles.filter(isAdminRole)).size > 1
    ? deny(
        '一个账号最多只能担任系统、安全、审计管理员中的一个',
        'An account may hold at most one administrator role',
      )
    : ALLOW;
}

/** Who may act on accounts and the audit; `grant` is the role being given (user.grant_role, user.create). */
export function decideAccountAction(
  actor: Who,
  action: AccountAction,
  target?: Target,
  grant?: string,
): AccountDecision {
  const self = target !== undefined && target.id === actor.userId;
  switch (action) {
    case 'user.list':
      return isAdminRole(actor.role)
        ? ALLOW
        : deny('仅管理员可查看账号', 'Only administrators may list accounts');
    case 'user.create':
      if (actor.role !== 'system_admin')
        return deny('仅系统管理员可创建账号', 'Only the system administrator creates accounts');
      return grant === undefined || grant === INITIAL_ROLE
        ? ALLOW
        : deny(
            '新账号的角色由安全管理员授予（创建时为查看者）',
            'Roles are granted by the security administrator; new accounts start as viewer',
          );
    case 'user.update':
    case 'user.enable':
      return actor.role === 'system_admin'
        ? ALLOW
        : deny('仅系统管理员可修改账号', 'Only the system administrator changes accounts');
    case 'user.disable':
    case 'user.reset_password':
      if (actor.role !== 'system_admin')
        return deny(
          '仅系统管理员可停用账号或重置密码',
          'Only the system administrator disables accounts or resets passwords',
        );
      return self ? deny('不能对自己的账号执行此操作', 'Not on your own account') : ALLOW;
    case 'user.grant_role':
      return decideGrant(actor, target, grant);
    case 'user.grant_clearance':
      if (actor.role !== 'security_admin')
        return deny('仅安全管理员可授予保密授权', 'Only the security administrator grants clearances');
      if (!target || self) return deny('任何人不得修改自己的授权', 'Nobody changes their own clearances');
      // Administrators see no ledger content, so a clearance would only widen what a breach exposes.
      return target.roles.some(isAdminRole)
        ? deny('管理员账号不能获得保密授权', 'Administrator accounts cannot be cleared')
        : ALLOW;
    case 'audit.read':
    case 'audit.export':
      return actor.role === 'audit_admin'
        ? ALLOW
        : deny(
            '仅审计管理员可查看和导出审计记录',
            'Only the audit administrator reads and exports the audit',
          );
  }
}

function decideGrant(actor: Who, target: Target | undefined, grant: string | undefined): AccountDecision {
  if (actor.role !== 'security_admin')
    return deny('仅安全管理员可授予角色', 'Only the security administrator grants roles');
  if (!target || target.id === actor.userId)
    return deny('任何人不得修改自己的角色', 'Nobody changes their own roles');
  // One role per account today: the grant replaces it; with several, the rest would stay.
  return checkAdminSeparation(grant === undefined ? target.roles : [grant]);
}
