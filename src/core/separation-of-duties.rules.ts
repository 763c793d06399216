import type { UnitRef } from './actor.js';
import type { DecisionContext, ProblemState } from './problem.types.js';
import type { Label } from './vocabulary.js';

/** What the separation-of-duties rules need to know about who is acting. */
export interface DutyParties {
  actor: DecisionContext['actor'];
  /** The lead responsible unit with its region ancestry (ignored unless it is the problem's lead unit). */
  leadUnit: UnitRef | null;
  campaignWorkGroupIds: readonly string[];
}

const OWN_UNIT: Label = {
  zh: '责任单位及配合单位不能验收本单位整改的问题，须由上级验收',
  en: 'The responsible unit and its co-operating units cannot accept their own rectification; a higher level must',
};
const OWN_REQUEST: Label = {
  zh: '申请销号的人不能验收自己的申请',
  en: 'The person who requested closure cannot accept it',
};
const NOT_HIGHER: Label = {
  zh: '验收须由高于责任单位的层级进行：省督察办、本轮工作组或责任单位所在行政区的上级',
  en: "Acceptance must come from above the responsible unit: the province office, the campaign's work group, or a higher administrative region",
};
const OWN_EXTENSION: Label = {
  zh: '延期申请人不能批准自己的申请',
  en: 'The person who requested an extension cannot approve it',
};
const UNIT_EXTENSION: Label = {
  zh: '责任单位及配合单位不能批准本单位问题的延期',
  en: 'The responsible unit and its co-operating units cannot approve an extension of their own deadline',
};

/** True when the actor works for the lead unit or a co-operating unit of the problem. */
export function isResponsibleUnit(state: ProblemState, actor: DutyParties['actor']): boolean {
  const unitId = actor.unit?.id;
  if (unitId === undefined) return false;
  return unitId === state.leadUnitId || state.coUnitIds.includes(unitId);
}

/** True when the actor's unit region is a strict administrative ancestor of the lead unit's region. */
function outranksByRegion(state: ProblemState, parties: DutyParties): boolean {
  const { actor, leadUnit } = parties;
  if (!actor.unit || !leadUnit || leadUnit.id !== state.leadUnitId) return false;
  if (actor.unit.regionCode === leadUnit.regionCode) return false;
  return leadUnit.regionAncestors.includes(actor.unit.regionCode);
}

/**
 * Why this actor may not accept the closure, or null when they may. Acceptance must come from
 * a higher level than the unit that did the work (省督察办, the campaign's work group, or an
 * ancestor region); the responsible units themselves are refused whatever else holds.
 */
export function acceptanceRefusal(state: ProblemState, parties: DutyParties): Label | null {
  const { actor } = parties;
  if (isResponsibleUnit(state, actor)) return OWN_UNIT;
  if (state.closureRequest?.requestedBy === actor.userId) return OWN_REQUEST;
  if (actor.isProvinceOffice) return null;
  if (actor.workGroupIds.some((id) => parties.campaignWorkGroupIds.includes(id))) return null;
  if (outranksByRegion(state, parties)) return null;
  return NOT_HIGHER;
}

/**
 * Why this actor may not approve the pending extension, or null. A deadline is a commitment
 * to the supervising level: neither the requester nor the responsible units may extend it.
 */
export function extensionApprovalRefusal(state: ProblemState, actor: DutyParties['actor']): Label | null {
  if (state.pendingExtension?.requestedBy === actor.userId) return OWN_EXTENSION;
  if (isResponsibleUnit(state, actor)) return UNIT_EXTENSION;
  return null;
}
