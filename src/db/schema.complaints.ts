/** Tables of public complaints (migration 2026-11-25-0005-complaints). */

/** One complaint's current state: the projection of its events. Holds no complainant identity. */
export interface ComplaintRow {
  id: string;
  /** What the complainant follows the case with: unguessable, shown to them once. */
  tracking_code: string;
  channel: string;
  content: string;
  place: string;
  /** Tracking code, content and place as search reads them (search-documents.ts complaintSearchText). */
  search_text: string;
  pollution_type: string;
  region_code: string;
  province_code: string;
  city_code: string | null;
  county_code: string | null;
  campaign_id: string | null;
  /** 'confidential' (举报人保密) or 'normal'. */
  confidentiality: string;
  anonymous: number;
  status: string;
  received_on: string;
  answer_due_on: string;
  routed_unit_id: string | null;
  /** substantiated | partly_substantiated | unsubstantiated (属实 / 部分属实 / 不属实). */
  finding: string | null;
  result: string | null;
  accountability: string | null;
  problem_id: string | null;
  repeat_of_id: string | null;
  /** What the disclosure table shows, as reviewed by the handler (no personal data). */
  public_content: string | null;
  public_result: string | null;
  disclosed_at: string | null;
  illustrative: number;
  version: number;
  created_at: string;
  updated_at: string;
}

/** The vault: the complainant's identity and contact, sealed with the field cipher. */
export interface ComplainantIdentityRow {
  complaint_id: string;
  /** `<algorithm>:<parts>` from FieldCipher.encrypt, bound to the complaint id. */
  sealed: string;
  created_at: string;
}

export interface ComplaintTables {
  complaints: ComplaintRow;
  complainant_identities: ComplainantIdentityRow;
}
