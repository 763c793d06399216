import type { Actor } from '../../core/actor.js';
import {
  COMPLAINT_COMMANDS,
  COMPLAINT_STATUS_LABELS,
  type ComplaintStatus,
  type Confidentiality,
  complaintCommandAvailable,
  complaintOverdue,
  FINDING_LABELS,
  type Finding,
  POLLUTION_TYPE_LABELS,
  type PollutionType,
} from '../../core/complaint.js';
import {
  authorizeComplaint,
  type ComplaintAction,
  type ComplaintFacts,
} from '../../core/complaint.policy.js';
import type { Label } from '../../core/vocabulary.js';
import type { ComplaintRow } from '../../db/schema.complaints.js';

/** The facts the policy decides on, from the stored row. */
export const complaintFacts = (r: ComplaintRow): ComplaintFacts => ({
  regionCode: r.region_code,
  provinceCode: r.province_code,
  cityCode: r.city_code,
  countyCode: r.county_code,
  campaignId: r.campaign_id,
  unitIds: r.routed_unit_id ? [r.routed_unit_id] : [],
  confidentiality: r.confidentiality as Confidentiality,
});

/** A number the public may see (the tracking code is the complainant's alone). */
export const publicNumberOf = (r: Pick<ComplaintRow, 'id' | 'received_on'>) =>
  `GK${r.received_on.replaceAll('-', '')}-${r.id.replaceAll('-', '').slice(-6).toUpperCase()}`;

export interface ComplaintView {
  id: string;
  publicNumber: string;
  /** Only for those who handle the complaint (the complainant's key to follow it). */
  trackingCode: string | null;
  channel: string;
  content: string;
  place: string;
  pollutionType: string;
  pollutionTypeLabel: Label;
  region: { code: string; name: string };
  campaignId: string | null;
  confidentiality: string;
  anonymous: boolean;
  /** Whether an identity is sealed in the vault; the identity itself is read separately. */
  hasComplainant: boolean;
  status: string;
  statusLabel: Label;
  receivedOn: string;
  answerDueOn: string;
  overdue: boolean;
  routedUnit: { id: string; name: string } | null;
  finding: string | null;
  findingLabel: Label | null;
  result: string | null;
  accountability: string | null;
  problemId: string | null;
  repeatOfId: string | null;
  disclosedAt: string | null;
  publicContent: string | null;
  publicResult: string | null;
  illustrative: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** What this actor may do now (policy and status together). */
  abilities: Record<ComplaintAction, boolean>;
}

export interface PresentContext {
  actor: Actor;
  today: string;
  regionName: (code: string) => string;
  unitName: (id: string) => string;
  hasIdentity: boolean;
}

export function presentComplaint(r: ComplaintRow, c: PresentContext): ComplaintView {
  const facts = complaintFacts(r);
  const status = r.status as ComplaintStatus;
  const can = (action: ComplaintAction) => authorizeComplaint(c.actor, action, facts).allowed;
  const abilities = Object.fromEntries([
    ['read', true],
    ['read_identity', c.hasIdentity && can('read_identity')],
    ['receive', false],
    ['export', can('export')],
    ...COMPLAINT_COMMANDS.map((cmd) => [
      cmd,
      complaintCommandAvailable(status, cmd) && !(cmd === 'disclose' && r.disclosed_at) && can(cmd),
    ]),
  ]) as Record<ComplaintAction, boolean>;
  return {
    id: r.id,
    publicNumber: publicNumberOf(r),
    trackingCode: can('route') || can('read_identity') ? r.tracking_code : null,
    channel: r.channel,
    content: r.content,
    place: r.place,
    pollutionType: r.pollution_type,
    pollutionTypeLabel: POLLUTION_TYPE_LABELS[r.pollution_type as PollutionType],
    region: { code: r.region_code, name: c.regionName(r.region_code) },
    campaignId: r.campaign_id,
    confidentiality: r.confidentiality,
    anonymous: r.anonymous === 1,
    hasComplainant: c.hasIdentity,
    status,
    statusLabel: COMPLAINT_STATUS_LABELS[status],
    receivedOn: r.received_on,
    answerDueOn: r.answer_due_on,
    overdue: complaintOverdue(status, r.answer_due_on, c.today),
    routedUnit: r.routed_unit_id ? { id: r.routed_unit_id, name: c.unitName(r.routed_unit_id) } : null,
    finding: r.finding,
    findingLabel: r.finding ? FINDING_LABELS[r.finding as Finding] : null,
    result: r.result,
    accountability: r.accountability,
    problemId: r.problem_id,
    repeatOfId: r.repeat_of_id,
    disclosedAt: r.disclosed_at,
    publicContent: r.public_content,
    publicResult: r.public_result,
    illustrative: r.illustrative === 1,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    abilities,
  };
}

/** What the complainant sees with the tracking code: progress and the answer, nothing internal. */
export interface TrackingView {
  trackingCode: string;
  status: string;
  statusLabel: Label;
  receivedOn: string;
  answerDueOn: string;
  region: string;
  finding: string | null;
  findingLabel: Label | null;
  result: string | null;
}

export function presentTracking(r: ComplaintRow, regionName: string): TrackingView {
  const status = r.status as ComplaintStatus;
  const answered = status === 'verified' || status === 'closed';
  return {
    trackingCode: r.tracking_code,
    status,
    statusLabel: COMPLAINT_STATUS_LABELS[status],
    receivedOn: r.received_on,
    answerDueOn: r.answer_due_on,
    region: regionName,
    finding: answered ? r.finding : null,
    findingLabel: answered && r.finding ? FINDING_LABELS[r.finding as Finding] : null,
    result: answered ? (r.public_result ?? r.result) : null,
  };
}

/** One line of 群众信访举报转办和边督边改公开情况一览表: only what was reviewed for publication. */
export interface DisclosureRow {
  publicNumber: string;
  receivedOn: string;
  region: string;
  pollutionType: Label;
  content: string;
  finding: Label | null;
  result: string;
  accountability: string | null;
  disclosedAt: string;
}

export function presentDisclosure(r: ComplaintRow, regionName: string): DisclosureRow {
  return {
    publicNumber: publicNumberOf(r),
    receivedOn: r.received_on,
    region: regionName,
    pollutionType: POLLUTION_TYPE_LABELS[r.pollution_type as PollutionType],
    content: r.public_content ?? '',
    finding: r.finding ? FINDING_LABELS[r.finding as Finding] : null,
    result: r.public_result ?? '',
    accountability: r.accountability,
    disclosedAt: r.disclosed_at ?? '',
  };
}
