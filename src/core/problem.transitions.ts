import { DomainError } from './errors.js';
import type { ProblemCommandType } from './problem.types.js';
import {
  type Label,
  PROBLEM_STATUSES,
  type ProblemStatus,
  STATUS_LABELS,
  TERMINAL_STATUSES,
} from './vocabulary.js';

/** Every command type, in lifecycle order (for matrices, presenters and generators). */
export const PROBLEM_COMMAND_TYPES = [
  'assign',
  'acknowledge',
  'submit_plan',
  'approve_plan',
  'return_plan',
  'report_progress',
  'request_closure',
  'accept_closure',
  'reject_closure',
  'raise_objection',
  'close',
  'reopen',
  'request_extension',
  'approve_extension',
  'reject_extension',
  'urge',
  'add_expert_opinion',
  'list_supervision',
  'lift_supervision',
  'dismiss',
  'merge_into',
  'edit',
] as const satisfies readonly ProblemCommandType[];

export const NON_TERMINAL_STATUSES: readonly ProblemStatus[] = PROBLEM_STATUSES.filter(
  (s) => !TERMINAL_STATUSES.includes(s),
);

/** Statuses in which the deadline can still move: from acknowledgement until closure is asked. */
const EXTENDABLE: readonly ProblemStatus[] = [
  'acknowledged',
  'plan_submitted',
  'plan_returned',
  'rectifying',
];

export interface Transition {
  /** Statuses in which the command is allowed. */
  from: readonly ProblemStatus[];
  /** Status afterwards; 'same' when the command records something without moving the problem. */
  to: ProblemStatus | 'same';
}

/**
 * The lifecycle as data: which command each status allows and where it leads. `decide`
 * enforces it; presenters and tests read it.
 */
export const PROBLEM_TRANSITIONS: Readonly<Record<ProblemCommandType, Transition>> = {
  // Re-assignment is allowed until the unit signs for it (wrong unit, 退回重新交办).
  assign: { from: ['registered', 'assigned'], to: 'assigned' },
  acknowledge: { from: ['assigned'], to: 'acknowledged' },
  submit_plan: { from: ['acknowledged', 'plan_returned'], to: 'plan_submitted' },
  approve_plan: { from: ['plan_submitted'], to: 'rectifying' },
  return_plan: { from: ['plan_submitted'], to: 'plan_returned' },
  report_progress: { from: ['rectifying'], to: 'same' },
  request_closure: { from: ['rectifying'], to: 'closure_requested' },
  accept_closure: { from: ['closure_requested'], to: 'handled' },
  reject_closure: { from: ['closure_requested'], to: 'rectifying' },
  raise_objection: { from: ['handled'], to: 'rectifying' },
  close: { from: ['handled'], to: 'closed' },
  reopen: { from: ['closed'], to: 'rectifying' },
  request_extension: { from: EXTENDABLE, to: 'same' },
  // A request made while rectifying may still be pending once closure has been asked for.
  approve_extension: { from: [...EXTENDABLE, 'closure_requested'], to: 'same' },
  reject_extension: { from: [...EXTENDABLE, 'closure_requested'], to: 'same' },
  urge: { from: NON_TERMINAL_STATUSES, to: 'same' },
  add_expert_opinion: { from: NON_TERMINAL_STATUSES, to: 'same' },
  list_supervision: { from: NON_TERMINAL_STATUSES, to: 'same' },
  lift_supervision: { from: NON_TERMINAL_STATUSES, to: 'same' },
  dismiss: { from: ['registered', 'assigned', 'acknowledged'], to: 'dismissed' },
  merge_into: { from: NON_TERMINAL_STATUSES, to: 'merged' },
  edit: { from: NON_TERMINAL_STATUSES, to: 'same' },
};

export const COMMAND_LABELS: Readonly<Record<ProblemCommandType, { zh: string; en: string }>> = {
  assign: { zh: '交办', en: 'assign' },
  acknowledge: { zh: '签收', en: 'acknowledge' },
  submit_plan: { zh: '提交整改方案', en: 'submit a plan' },
  approve_plan: { zh: '审核通过方案', en: 'approve the plan' },
  return_plan: { zh: '退回方案', en: 'return the plan' },
  report_progress: { zh: '报送进展', en: 'report progress' },
  request_closure: { zh: '申请销号', en: 'request closure' },
  accept_closure: { zh: '验收通过', en: 'accept closure' },
  reject_closure: { zh: '验收不通过', en: 'reject closure' },
  raise_objection: { zh: '公示异议', en: 'raise an objection' },
  close: { zh: '销号', en: 'close' },
  reopen: { zh: '反弹重启', en: 'reopen' },
  request_extension: { zh: '申请延期', en: 'request an extension' },
  approve_extension: { zh: '批准延期', en: 'approve the extension' },
  reject_extension: { zh: '驳回延期', en: 'reject the extension' },
  urge: { zh: '督促', en: 'urge' },
  add_expert_opinion: { zh: '专家意见', en: 'add an expert opinion' },
  list_supervision: { zh: '挂牌督办', en: 'list for supervision' },
  lift_supervision: { zh: '摘牌', en: 'lift supervision' },
  dismiss: { zh: '不予立案', en: 'dismiss' },
  merge_into: { zh: '合并重复', en: 'merge as duplicate' },
  edit: { zh: '修改', en: 'edit' },
};

/** True when the status allows the command (the transition table alone). */
export function transitionAllowed(status: ProblemStatus, type: ProblemCommandType): boolean {
  return PROBLEM_TRANSITIONS[type].from.includes(status);
}

/** Why the status does not allow the command, or null when it does. */
export function transitionRefusal(status: ProblemStatus, type: ProblemCommandType): Label | null {
  if (transitionAllowed(status, type)) return null;
  const s = STATUS_LABELS[status];
  const c = COMMAND_LABELS[type];
  return {
    zh: `问题处于“${s.zh}”状态，不能${c.zh}`,
    // "Cannot request an extension: …": the command labels are verb phrases, some with objects.
    en: `Cannot ${c.en}: the problem is "${s.en}"`,
  };
}

/** Throws INVALID_TRANSITION unless the status allows the command. */
export function assertTransition(status: ProblemStatus, type: ProblemCommandType): void {
  const refusal = transitionRefusal(status, type);
  if (refusal) throw new DomainError('INVALID_TRANSITION', refusal);
}
