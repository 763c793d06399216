import type { Finding } from '../../core/complaint.js';
import type { IsoDate, ProblemCommand } from '../../core/problem.types.js';
import type { Role, UnitKind } from '../../core/vocabulary.js';
import type { NewCampaign } from '../campaigns/campaign-input.js';
import type { MemberRole } from '../campaigns/work-group-input.js';
import type { NewComplaint } from '../complaints/complaint-input.js';
import type { NewProblem } from '../problems/problem-input.js';

/**
 * The demo as data: units, people, campaigns, work groups, site visits and problems with
 * their dated story. Names stand in for ids (units by name, people by login, problems by a
 * story key); the runner in demo.story.ts resolves them and calls the services.
 */

export interface DemoUnit {
  name: string;
  shortName?: string;
  kind: UnitKind;
  regionCode: string;
}

export interface DemoUser {
  login: string;
  displayName: string;
  role: Role;
  /** The unit the person works for, by name. */
  unitName: string | null;
  /** Confidentiality clearances (e.g. complainant_confidential for a complaint handler). */
  clearances?: readonly string[];
}

/** An account printed by `serve --demo`, with what it is for (中文 + English). */
export interface DemoAccount extends DemoUser {
  description: string;
}

export interface DemoMember {
  name: string;
  title?: string;
  unitName?: string;
  /** The person's account, so the group's rights reach them. */
  login?: string;
  memberRole: MemberRole;
  expertise?: string;
}

export interface DemoGroup {
  /** Story key, e.g. 'G2'. */
  key: string;
  name: string;
  leadUnit: string;
  memberUnits?: string[];
  regionCodes: string[];
  members: DemoMember[];
}

export interface DemoVisit {
  key: string;
  group: string;
  on: IsoDate;
  /** Login of the group member who records it. */
  as: string;
  regionCode: string;
  place: string;
  participants: string[];
  summary: string;
  findings: { text: string; area: string }[];
}

/** A lifecycle command as the story writes it: units by name, merge targets by story key. */
export type DemoCommand =
  | Exclude<ProblemCommand, { type: 'assign' } | { type: 'merge_into' }>
  | { type: 'assign'; lead: string; co?: string[]; responsiblePerson?: string; deadline: IsoDate }
  | { type: 'merge_into'; target: string };

/** One dated step: on that day, that login does that. */
export type DemoStep = readonly [on: IsoDate, as: string, command: DemoCommand];

export type DemoProblemFields = Omit<NewProblem, 'campaignId' | 'workGroupId' | 'illustrative' | 'originId'>;

export interface DemoProblem {
  key: string;
  /** Registered on this day by this login. */
  on: IsoDate;
  as: string;
  problem: DemoProblemFields;
  /** Story key of the work group whose list it is on. */
  group?: string;
  /** The site-visit finding it was registered from (then the visit gives group and campaign). */
  finding?: { visit: string; index: number };
  steps: readonly DemoStep[];
}

/** 举一反三: one screening call from an origin problem into other regions, each item with its story. */
export interface DemoScreening {
  origin: string;
  on: IsoDate;
  as: string;
  items: { key: string; regionCode: string; steps: readonly DemoStep[] }[];
}

export interface DemoCampaign {
  /** Units, people and the campaign are set up on this day. */
  setUpOn: IsoDate;
  /** Login that creates the campaign and its work groups. */
  createdBy: string;
  campaign: Omit<NewCampaign, 'illustrative'>;
  units: DemoUnit[];
  users: DemoUser[];
  groups: DemoGroup[];
  visits: DemoVisit[];
  problems: DemoProblem[];
  screenings: DemoScreening[];
  /** Public complaints (信访举报件) as received, with how they were handled. */
  complaints?: DemoComplaint[];
  /** The last day of the story: warnings in the demo are meant to be read as of this day. */
  storyEndsOn: IsoDate;
}

/** A complaint step: unit names and story keys stand for ids. */
export type DemoComplaintCommand =
  | { type: 'route'; unit: string }
  | { type: 'verify'; finding: Finding; result: string; accountability?: string }
  | { type: 'close' }
  | { type: 'link_problem'; problem: string }
  | { type: 'mark_repeat'; first: string }
  | { type: 'disclose'; publicContent: string; publicResult: string };

export interface DemoComplaint {
  key: string;
  on: IsoDate;
  /** Login that records it. */
  as: string;
  complaint: Omit<NewComplaint, 'campaignId' | 'receivedOn'>;
  steps: [on: IsoDate, as: string, command: DemoComplaintCommand][];
}
