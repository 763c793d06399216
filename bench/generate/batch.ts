import type { GeneratedProblem } from './problem.js';

/** Column order of each bulk-loaded table; rows travel between threads as flat value arrays. */
export const COLUMNS = {
  problems: [
    'id',
    'code',
    'version',
    'status',
    'title',
    'source',
    'area',
    'sub_area',
    'problem_kind',
    'campaign_id',
    'work_group_id',
    'region_code',
    'province_code',
    'city_code',
    'county_code',
    'lead_unit_id',
    'deadline',
    'due_key',
    'plan_due_on',
    'progress_reference_on',
    'supervision_level',
    'supervision_deadline',
    'notice_ends_on',
    'complaint_linked',
    'reopen_count',
    'origin_id',
    'duplicate_of_id',
    'illustrative',
    'created_at',
    'updated_at',
    'closed_at',
    'state',
  ],
  events: [
    'id',
    'aggregate_type',
    'aggregate_id',
    'seq',
    'type',
    'actor_id',
    'occurred_at',
    'payload',
    'prev_hash',
    'hash',
  ],
  problem_units: ['problem_id', 'unit_id', 'role', 'due_key'],
  problem_links: ['from_id', 'to_id', 'kind', 'created_at'],
  complaints: [
    'id',
    'tracking_code',
    'channel',
    'content',
    'place',
    'search_text',
    'pollution_type',
    'region_code',
    'province_code',
    'city_code',
    'county_code',
    'campaign_id',
    'confidentiality',
    'anonymous',
    'status',
    'received_on',
    'answer_due_on',
    'routed_unit_id',
    'finding',
    'result',
    'accountability',
    'problem_id',
    'repeat_of_id',
    'public_content',
    'public_result',
    'disclosed_at',
    'illustrative',
    'version',
    'created_at',
    'updated_at',
  ],
  complainant_identities: ['complaint_id', 'sealed', 'created_at'],
  /**
   * The search index (migration 0008): `terms` is the document (problemSearchDocument,
   * complaintSearchDocument), which each sink stores as its engine indexes it: SQLite in the FTS5
   * table search_terms (rowid = doc_id), PostgreSQL as the tsvector column search_docs.terms.
   */
  search_docs: ['doc_id', 'kind', 'ref_id', 'terms'],
} as const;

export type BulkTable = keyof typeof COLUMNS;
export type Value = string | number | null;
export type Batch = Record<BulkTable, Value[]> & { problems_done: number };

export const emptyBatch = (): Batch => ({
  problems: [],
  events: [],
  problem_units: [],
  problem_links: [],
  complaints: [],
  complainant_identities: [],
  search_docs: [],
  problems_done: 0,
});

export function pushRow(out: Value[], table: BulkTable, row: object): void {
  const r = row as Record<string, Value>;
  for (const c of COLUMNS[table]) out.push(r[c] ?? null);
}

export function addToBatch(b: Batch, g: GeneratedProblem): void {
  pushRow(b.problems, 'problems', g.row);
  for (const e of g.events) pushRow(b.events, 'events', e);
  for (const u of g.units) pushRow(b.problem_units, 'problem_units', u);
  for (const l of g.links) pushRow(b.problem_links, 'problem_links', l);
  pushRow(b.search_docs, 'search_docs', g.search);
  b.problems_done++;
}
