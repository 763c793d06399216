import type { UnitRef } from './actor.js';
import type { CampaignRules } from './rules.js';
import type { Label, PlanKind, ProblemStatus, SupervisionLevel } from './vocabulary.js';

/** ISO calendar date in Asia/Shanghai, 'YYYY-MM-DD'. */
export type IsoDate = string;
/** ISO instant in UTC, 'YYYY-MM-DDTHH:mm:ss.sssZ'. */
export type IsoInstant = string;

export interface Measure {
  id: string;
  text: string;
  owner: string;
  dueOn: IsoDate;
  doneOn: IsoDate | null;
}

export interface Plan {
  goal: string;
  measures: Measure[];
  deadline: IsoDate;
  kind: PlanKind;
  submittedAt: IsoInstant;
  approvedAt: IsoInstant | null;
}

/** The four not-let-go (四个不放过), each answered before closure. */
export interface FourNotLetGo {
  /** 问题不查清不放过 */
  cause: string;
  /** 整改不到位不放过 */
  rectification: { summary: string; evidence: string[] };
  /** 责任不落实不放过: what was done, or why none was needed */
  accountability: { done: boolean; summary: string };
  /** 群众不满意不放过 */
  publicSatisfaction:
    | { kind: 'complainant_feedback'; satisfied: boolean; summary: string }
    | { kind: 'public_notice'; summary: string }
    | { kind: 'not_applicable'; reason: string };
}

export interface ClosureRequest {
  requestedAt: IsoInstant;
  requestedBy: string;
  fourNotLetGo: FourNotLetGo;
}

export interface Acceptance {
  acceptedAt: IsoInstant;
  acceptedBy: string;
  acceptorUnitId: string | null;
  checkedOn: IsoDate;
  checkers: string[];
  opinion: string;
}

export interface ExtensionRequest {
  requestedAt: IsoInstant;
  requestedBy: string;
  newDeadline: IsoDate;
  reason: string;
}

export interface ListedSupervision {
  level: SupervisionLevel;
  deadline: IsoDate;
  listedAt: IsoInstant;
  reason: string;
}

/** The projection: a problem's current state, rebuilt exactly by replaying its events. */
export interface ProblemState {
  id: string;
  code: string;
  version: number;
  status: ProblemStatus;
  title: string;
  description: string;
  source: string;
  areas: string[];
  subArea: string | null;
  problemKind: string | null;
  campaignId: string | null;
  workGroupId: string | null;
  regionCode: string;
  location: { lat: number; lng: number } | null;
  leadUnitId: string | null;
  coUnitIds: string[];
  responsiblePerson: string | null;
  deadline: IsoDate | null;
  /** Set on acknowledgement from the campaign's rules. */
  planDueOn: IsoDate | null;
  plan: Plan | null;
  planComments: string[];
  lastProgressOn: IsoDate | null;
  supervision: ListedSupervision | null;
  pendingExtension: ExtensionRequest | null;
  closureRequest: ClosureRequest | null;
  acceptance: Acceptance | null;
  noticeEndsOn: IsoDate | null;
  complaintLinked: boolean;
  reopenCount: number;
  originId: string | null;
  duplicateOfId: string | null;
  createdAt: IsoInstant;
  updatedAt: IsoInstant;
  handledAt: IsoInstant | null;
  closedAt: IsoInstant | null;
}

/** Everything a lifecycle command may be, with its payload. */
export type ProblemCommand =
  | {
      type: 'assign';
      leadUnitId: string;
      coUnitIds?: string[];
      responsiblePerson?: string | null;
      deadline: IsoDate;
    }
  | { type: 'acknowledge' }
  | {
      type: 'submit_plan';
      goal: string;
      measures: Omit<Measure, 'doneOn'>[];
      deadline: IsoDate;
      kind: PlanKind;
    }
  | { type: 'approve_plan'; comment?: string }
  | { type: 'return_plan'; comments: string }
  | {
      type: 'report_progress';
      reportedOn: IsoDate;
      text: string;
      evidence?: string[];
      measuresDone?: string[];
    }
  | { type: 'request_closure'; fourNotLetGo: FourNotLetGo }
  | { type: 'accept_closure'; checkedOn: IsoDate; checkers: string[]; opinion: string }
  | { type: 'reject_closure'; reasons: string }
  | { type: 'raise_objection'; text: string }
  | { type: 'close' }
  | { type: 'reopen'; reason: string }
  | { type: 'request_extension'; newDeadline: IsoDate; reason: string }
  | { type: 'approve_extension'; comment?: string }
  | { type: 'reject_extension'; comment: string }
  | { type: 'urge'; text: string }
  | { type: 'add_expert_opinion'; rootCause: string; recommendations: string }
  | { type: 'list_supervision'; level: SupervisionLevel; deadline: IsoDate; reason: string }
  | { type: 'lift_supervision'; reason: string }
  | { type: 'dismiss'; reason: string }
  | { type: 'merge_into'; targetId: string; targetCode: string }
  | {
      type: 'edit';
      changes: Partial<
        Pick<
          ProblemState,
          'title' | 'description' | 'areas' | 'subArea' | 'problemKind' | 'location' | 'source'
        >
      >;
    };

export type ProblemCommandType = ProblemCommand['type'];

/** What the pure lifecycle needs besides the state and the command. */
export interface DecisionContext {
  now: IsoInstant;
  /** Today in Asia/Shanghai. */
  today: IsoDate;
  rules: CampaignRules;
  actor: { userId: string; unit: UnitRef | null; workGroupIds: readonly string[]; isProvinceOffice: boolean };
  /** The lead responsible unit, as the rules see it (for acceptance rank). */
  leadUnit: UnitRef | null;
  /** The campaign's work group for this problem's region, if any. */
  campaignWorkGroupIds: readonly string[];
  /** Adds working days (China's official calendar) — injected so core stays pure and testable. */
  addWorkingDays: (from: IsoDate, days: number) => IsoDate;
}

/** The event a decision appends: past-tense type, public payload. */
export interface ProblemEventDraft {
  type: string;
  payload: Record<string, unknown>;
}

export interface Decision {
  next: ProblemState;
  event: ProblemEventDraft;
}

export type LabelOf<T extends string> = Record<T, Label>;
