import type { AccountTables } from './schema.accounts.js';
import type { AuditTables } from './schema.audit.js';
import type { ComplaintTables } from './schema.complaints.js';
import type { CountTables } from './schema.counts.js';
import type { JobTables } from './schema.jobs.js';
import type { SearchTables } from './schema.search.js';

/** Row types of the tables, as Kysely sees them (portable types: see the first migration). */
export interface RegionRow {
  code: string;
  name: string;
  level: string;
  parent_code: string | null;
  admin_parent_code: string | null;
  province_code: string;
  city_code: string | null;
  county_code: string | null;
  directly_administered: number;
}

export interface VocabularyTermRow {
  kind: string;
  code: string;
  label_zh: string;
  label_en: string;
  parent_code: string | null;
  sort_order: number;
  active: number;
}

export interface UnitRow {
  id: string;
  name: string;
  short_name: string | null;
  kind: string;
  region_code: string;
  parent_unit_id: string | null;
  version: number;
  created_at: string;
}

export interface UserRow {
  id: string;
  login: string;
  display_name: string;
  role: string;
  unit_id: string | null;
  scopes: string;
  active: number;
  version: number;
  created_at: string;
  /** JSON array of confidentiality labels the user is cleared for (granted by the security admin). */
  clearances: string;
}

export interface ApiTokenRow {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface CampaignRow {
  id: string;
  name: string;
  level: string;
  kind: string;
  province_code: string;
  starts_on: string;
  ends_on: string;
  description: string;
  areas: string;
  problem_kinds: string;
  settings: string;
  illustrative: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface WorkGroupRow {
  id: string;
  campaign_id: string;
  name: string;
  lead_unit_id: string;
  version: number;
  created_at: string;
}

export interface WorkGroupMemberRow {
  id: string;
  work_group_id: string;
  name: string;
  title: string | null;
  unit_id: string | null;
  user_id: string | null;
  member_role: string;
  expertise: string | null;
}

export interface SiteVisitRow {
  id: string;
  work_group_id: string;
  visited_on: string;
  region_code: string;
  place: string;
  participants: string;
  summary: string;
  findings: string;
  recorded_by: string;
  version: number;
  created_at: string;
}

export interface ProblemRow {
  id: string;
  code: string;
  version: number;
  status: string;
  title: string;
  source: string;
  area: string;
  sub_area: string | null;
  problem_kind: string | null;
  campaign_id: string | null;
  work_group_id: string | null;
  region_code: string;
  province_code: string;
  city_code: string | null;
  county_code: string | null;
  lead_unit_id: string | null;
  deadline: string | null;
  due_key: string;
  plan_due_on: string | null;
  progress_reference_on: string | null;
  supervision_level: string | null;
  supervision_deadline: string | null;
  notice_ends_on: string | null;
  complaint_linked: number;
  reopen_count: number;
  origin_id: string | null;
  duplicate_of_id: string | null;
  illustrative: number;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  state: string;
}

export interface EventRow {
  id: string;
  aggregate_type: string;
  aggregate_id: string;
  seq: number;
  type: string;
  actor_id: string;
  occurred_at: string;
  payload: string;
  prev_hash: string;
  hash: string;
}

export interface AttachmentRow {
  id: string;
  problem_id: string | null;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  storage_path: string;
  uploaded_by: string;
  created_at: string;
}

export interface DB
  extends AccountTables,
    AuditTables,
    ComplaintTables,
    CountTables,
    JobTables,
    SearchTables {
  regions: RegionRow;
  vocabulary_terms: VocabularyTermRow;
  units: UnitRow;
  users: UserRow;
  api_tokens: ApiTokenRow;
  campaigns: CampaignRow;
  campaign_regions: { campaign_id: string; region_code: string };
  work_groups: WorkGroupRow;
  work_group_units: { work_group_id: string; unit_id: string };
  work_group_regions: { work_group_id: string; region_code: string };
  work_group_members: WorkGroupMemberRow;
  site_visits: SiteVisitRow;
  problems: ProblemRow;
  /** A problem's lead and co-operating units, each entry with the problem's due_key. */
  problem_units: { problem_id: string; unit_id: string; role: string; due_key: string };
  problem_links: { from_id: string; to_id: string; kind: string; created_at: string };
  events: EventRow;
  attachments: AttachmentRow;
  idempotency_keys: {
    key: string;
    actor_id: string;
    request_hash: string;
    status_code: number;
    response: string;
    created_at: string;
  };
  ledger_sequences: { prefix: string; year: number; last_value: number };
}
