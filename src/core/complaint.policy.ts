import type { Actor } from './actor.js';
import {
  COMPLAINANT_CLEARANCE,
  COMPLAINT_COMMANDS,
  type ComplaintCommand,
  type Confidentiality,
} from './complaint.js';
import { type BusinessRole, byRole, isBusinessRole } from './policy-table.js';
import { inScope, type ScopeFacts } from './scope.js';
import type { Label } from './vocabulary.js';

export type ComplaintAction = 'read' | 'read_identity' | 'receive' | 'export' | ComplaintCommand;

export const COMPLAINT_ACTIONS: readonly ComplaintAction[] = [
  'read',
  'read_identity',
  'receive',
  'export',
  ...COMPLAINT_COMMANDS,
];

/** 'yes'; 'unit': only staff of the unit the complaint was routed to; 'no'. */
type Grant = 'yes' | 'unit' | 'no';
const Y = 'yes' as const;
const N = 'no' as const;
const U = 'unit' as const;
const row = byRole<Grant>;

/**
 * The one table of who may do what to a complaint, inside their scope. The identity is the
 * handler's alone (举报人信息保密), and for a confidential complaint only with a clearance.
 */
export const COMPLAINT_POLICY: Record<ComplaintAction, Record<BusinessRole, Grant>> = {
  //                       office group expert unit handler viewer
  read: row(Y, Y, Y, U, Y, Y),
  read_identity: row(N, N, N, N, Y, N),
  receive: row(Y, N, N, N, Y, N),
  export: row(Y, Y, N, N, Y, Y),
  route: row(Y, N, N, N, Y, N),
  verify: row(Y, N, N, U, Y, N),
  close: row(Y, N, N, N, Y, N),
  not_accept: row(N, N, N, N, Y, N),
  link_problem: row(Y, Y, N, N, Y, N),
  mark_repeat: row(Y, N, N, N, Y, N),
  disclose: row(Y, N, N, N, Y, N),
};

export interface ComplaintPolicyDecision {
  allowed: boolean;
  /** Outside the actor's scope: answer 404, as if it did not exist. */
  hidden: boolean;
  reason: Label | null;
}

const ALLOW: ComplaintPolicyDecision = { allowed: true, hidden: false, reason: null };
const HIDDEN: ComplaintPolicyDecision = {
  allowed: false,
  hidden: true,
  reason: { zh: '举报件不存在', en: 'Complaint not found' },
};
const deny = (zh: string, en: string): ComplaintPolicyDecision => ({
  allowed: false,
  hidden: false,
  reason: { zh, en },
});

/** What the rules need to know about a complaint (or, for `receive`, the one about to be). */
export interface ComplaintFacts extends ScopeFacts {
  confidentiality: Confidentiality;
}

/** (actor, action, complaint) → allow, deny with a reason, or hidden (outside scope). */
export function authorizeComplaint(
  actor: Actor,
  action: ComplaintAction,
  facts: ComplaintFacts | null,
): ComplaintPolicyDecision {
  if (!isBusinessRole(actor.role)) {
    return action === 'read' || action === 'read_identity'
      ? HIDDEN
      : deny('管理员角色不办理信访举报（三权分立）', 'Administrator roles do not handle complaints');
  }
  if (facts && !inScope(actor.scope, facts)) {
    return action === 'receive'
      ? deny('该地区不在您的管辖范围内', 'The region is outside your scope')
      : HIDDEN;
  }
  const grant = COMPLAINT_POLICY[action][actor.role];
  if (grant === 'no') {
    return action === 'read_identity'
      ? deny('举报人信息仅限信访举报受理人查看', "Only complaint handlers may see a complainant's identity")
      : deny(
          `角色“${actor.role}”不能执行此操作`,
          `Role "${actor.role}" may not ${action.replaceAll('_', ' ')}`,
        );
  }
  if (grant === 'unit' && !(actor.unitId !== null && facts?.unitIds.includes(actor.unitId))) {
    return deny('只能办理转办给本单位的举报件', 'Only complaints routed to your unit');
  }
  if (
    action === 'read_identity' &&
    facts?.confidentiality === 'confidential' &&
    !(actor.clearances ?? []).includes(COMPLAINANT_CLEARANCE)
  ) {
    return deny(
      '该举报件标记为“举报人保密”，您未获得查看授权',
      'This complaint is labelled confidential and you are not cleared to see its complainant',
    );
  }
  return ALLOW;
}
