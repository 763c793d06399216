import type { ExpressionBuilder, Kysely } from 'kysely';
import type { RegionColumn, ScopeClause } from '../core/scope.js';
import type { SearchQuery } from '../text/search-terms.js';
import type { ComplaintRow } from './schema.complaints.js';
import type { DB } from './schema.js';
import { matchingIds } from './search.js';

type Eb = ExpressionBuilder<DB, 'complaints'>;

/** The SQL form of core `inScope` for complaints: indexed equalities, the routed unit for units. */
export function complaintScopeCondition(eb: Eb, scope: readonly ScopeClause[]) {
  const inRegion = (r: { code: string; column: RegionColumn }) => eb(`complaints.${r.column}`, '=', r.code);
  const clauses = scope.flatMap((c) => {
    if (c.kind === 'region') return [inRegion(c.region)];
    if (c.kind === 'unit') return [eb('complaints.routed_unit_id', '=', c.unitId)];
    if (c.kind === 'work_group' && c.regions.length)
      return [eb.and([eb('complaints.campaign_id', '=', c.campaignId), eb.or(c.regions.map(inRegion))])];
    return [];
  });
  return clauses.length ? eb.or(clauses) : eb(eb.val(1), '=', 0);
}

export interface ComplaintFilter {
  scope: readonly ScopeClause[];
  regionCode?: string;
  regionColumn?: RegionColumn;
  status?: readonly string[];
  pollutionType?: string;
  channel?: string;
  /** Unanswered after the answer date, as of `today`. */
  overdueOn?: string;
  problemId?: string;
  repeatOfId?: string;
  /** Text search over tracking code, content and place (never the complainant), from the index. */
  q?: SearchQuery;
  /**
   * How `q` runs: from the matches (a page, when matches are rare: the service checks the rows
   * itself while they are common); unset: `id in (matches)`, for the planner to place (the export).
   */
  fromMatches?: boolean;
}

/** The complaints matching a filter, scope applied in the query; page with newestFirstPage. */
export function complaintQuery(db: Kysely<DB>, f: ComplaintFilter) {
  const text = f.q;
  // From the matches: a materialised CTE joined to the rows by primary key (never reordered by
  // PostgreSQL's estimate of a tsquery), then filtered and sorted by the caller's page.
  let q =
    text && f.fromMatches
      ? db
          .with(
            (cte) => cte('search_matches').materialized(),
            () => matchingIds(db, 'complaint', text),
          )
          .selectFrom('search_matches')
          .crossJoin('complaints')
          .whereRef('complaints.id', '=', 'search_matches.ref_id')
          .selectAll('complaints')
      : db.selectFrom('complaints').selectAll();
  if (!f.scope.some((c) => c.kind === 'all')) q = q.where((eb) => complaintScopeCondition(eb, f.scope));
  if (f.regionCode && f.regionColumn) q = q.where(`complaints.${f.regionColumn}`, '=', f.regionCode);
  if (f.status?.length) q = q.where('status', 'in', [...f.status]);
  if (f.pollutionType) q = q.where('pollution_type', '=', f.pollutionType);
  if (f.channel) q = q.where('channel', '=', f.channel);
  if (f.problemId) q = q.where('problem_id', '=', f.problemId);
  if (f.repeatOfId) q = q.where('repeat_of_id', '=', f.repeatOfId);
  if (text && !f.fromMatches) q = q.where('complaints.id', 'in', matchingIds(db, 'complaint', text));
  if (f.overdueOn)
    q = q.where('status', 'in', ['received', 'routed']).where('answer_due_on', '<', f.overdueOn);
  return q;
}

/** Disclosed complaints (what the public may read); page newest disclosure first. */
export function disclosureQuery(db: Kysely<DB>, f: { provinceCode?: string }) {
  let q = db.selectFrom('complaints').selectAll().where('disclosed_at', 'is not', null);
  if (f.provinceCode) q = q.where('province_code', '=', f.provinceCode);
  return q;
}

/** Earlier complaints from the same county (or region) and pollution type: repeat candidates. */
export async function earlierComplaintsNear(
  db: Kysely<DB>,
  c: Pick<
    ComplaintRow,
    'id' | 'region_code' | 'county_code' | 'city_code' | 'pollution_type' | 'received_on'
  >,
  since: string,
): Promise<ComplaintRow[]> {
  let q = db.selectFrom('complaints').selectAll();
  q = c.county_code
    ? q.where('county_code', '=', c.county_code)
    : c.city_code
      ? q.where('city_code', '=', c.city_code)
      : q.where('region_code', '=', c.region_code);
  return q
    .where('pollution_type', '=', c.pollution_type)
    .where('received_on', '>=', since)
    .where('received_on', '<=', c.received_on)
    .where('id', '!=', c.id)
    .where('status', '!=', 'not_accepted')
    .orderBy('received_on')
    .limit(200)
    .execute();
}
