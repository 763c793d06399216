import type { Actor } from '../../core/actor.js';
import { placeSimilarity, REPEAT_SIMILARITY } from '../../core/complaint.js';
import { authorizeComplaint } from '../../core/complaint.policy.js';
import { notFound } from '../../core/errors.js';
import { isBusinessRole } from '../../core/policy-table.js';
import { addDays, todayInShanghai } from '../../core/working-days.js';
import {
  type ComplaintFilter,
  complaintQuery,
  disclosureQuery,
  earlierComplaintsNear,
} from '../../db/complaint.query.js';
import { newestFirstPage, newestFirstPageWhere, pageLimit } from '../../db/keyset.js';
import { regionColumn } from '../../db/problem.query.js';
import type { ComplaintRow } from '../../db/schema.complaints.js';
import { containsAll, inRegions, searchRegions, searchWalkRows } from '../../db/search.js';
import { regionTerms } from '../../text/search-documents.js';
import { requiredSubstrings, textMatcher } from '../../text/text-match.js';
import type { ServiceContext } from '../context.js';
import { regionNames, unitNames } from '../reference-names.js';
import { parseSearch } from '../search-input.js';
import {
  type ComplaintView,
  complaintFacts,
  type DisclosureRow,
  presentComplaint,
  presentDisclosure,
  presentTracking,
  publicNumberOf,
  type TrackingView,
} from './complaint.presenter.js';
import { COMPLAINT, findComplaintRowByTrackingCode, loadComplaint } from './complaint.service.js';

async function namesOf(ctx: ServiceContext, rows: readonly ComplaintRow[]) {
  const [region, unit] = await Promise.all([
    regionNames(ctx, new Set(rows.map((r) => r.region_code))),
    unitNames(ctx, new Set(rows.flatMap((r) => (r.routed_unit_id ? [r.routed_unit_id] : [])))),
  ]);
  return { regionName: (c: string) => region.get(c) ?? c, unitName: (id: string) => unit.get(id) ?? id };
}

async function withIdentity(ctx: ServiceContext, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await ctx.db
    .selectFrom('complainant_identities')
    .select('complaint_id')
    .where('complaint_id', 'in', [...ids])
    .execute();
  return new Set(rows.map((r) => r.complaint_id));
}

async function present(
  ctx: ServiceContext,
  actor: Actor,
  rows: readonly ComplaintRow[],
): Promise<ComplaintView[]> {
  const [names, sealed] = await Promise.all([
    namesOf(ctx, rows),
    withIdentity(
      ctx,
      rows.map((r) => r.id),
    ),
  ]);
  const today = todayInShanghai(ctx.clock.now().toISOString());
  return rows.map((r) => presentComplaint(r, { actor, today, ...names, hasIdentity: sealed.has(r.id) }));
}

export interface RepeatCandidate {
  id: string;
  publicNumber: string;
  place: string;
  receivedOn: string;
  status: string;
  similarity: number;
}

/** One complaint as this actor sees it, with the earlier reports it probably repeats. */
export async function viewComplaint(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
): Promise<ComplaintView & { repeatCandidates: RepeatCandidate[] }> {
  const row = await loadComplaint(ctx, actor, id);
  const [view] = await present(ctx, actor, [row]);
  return { ...view!, repeatCandidates: await repeatCandidates(ctx, actor, row) };
}

/** Earlier reports from the same place and pollution type within a year, most alike first. */
async function repeatCandidates(
  ctx: ServiceContext,
  actor: Actor,
  row: ComplaintRow,
): Promise<RepeatCandidate[]> {
  if (row.repeat_of_id) return [];
  const earlier = await earlierComplaintsNear(ctx.db, row, addDays(row.received_on, -365));
  return earlier
    .filter((e) => authorizeComplaint(actor, 'read', complaintFacts(e)).allowed)
    .filter((e) => !(e.received_on === row.received_on && e.id > row.id))
    .map((e) => ({ e, similarity: placeSimilarity(e.place, row.place) }))
    .filter(({ similarity }) => similarity >= REPEAT_SIMILARITY)
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, 10)
    .map(({ e, similarity }) => ({
      id: e.id,
      publicNumber: publicNumberOf(e),
      place: e.place,
      receivedOn: e.received_on,
      status: e.status,
      similarity: Math.round(similarity * 100) / 100,
    }));
}

export interface ComplaintListFilter {
  regionCode?: string;
  status?: string[];
  pollutionType?: string;
  channel?: string;
  overdue?: boolean;
  problemId?: string;
  repeatOfId?: string;
  /** Text search (tracking code, content, place), as typed. */
  q?: string;
}

/** A keyset page of the complaints in the actor's scope (filtered in the query), newest first. */
export async function listComplaints(
  ctx: ServiceContext,
  actor: Actor,
  filter: ComplaintListFilter,
  page: { limit?: number; cursor?: string } = {},
): Promise<{ items: ComplaintView[]; nextCursor: string | null }> {
  const f = await complaintFilter(ctx, actor, filter);
  if (!f) return { items: [], nextCursor: null };
  const text = f.q;
  const keyOf = (r: { received_on: string }) => r.received_on;
  if (text) {
    const matches = textMatcher(text);
    // A search's page: first by reading the list in its order, SQL passing over the rows that
    // lack one of the query's words or bigrams in their kept text (cheap while matches are
    // common), the rows it returns checked exactly; then, if matches prove rare, from the index.
    const walked = await newestFirstPageWhere(
      complaintQuery(ctx.db, { ...f, q: undefined }),
      'received_on',
      keyOf,
      page,
      {
        test: containsAll(ctx.db, 'complaints.search_text', requiredSubstrings(text)),
        // The same answer as the row's document (text-match.ts), without making it.
        keep: (r) => matches([r.tracking_code, r.content, r.place], regionTerms(r), [r.search_text]),
      },
      searchWalkRows(pageLimit(page.limit)),
    );
    if (walked) return { items: await present(ctx, actor, walked.rows), nextCursor: walked.nextCursor };
  }
  const { rows, nextCursor } = await newestFirstPage(
    complaintQuery(ctx.db, { ...f, fromMatches: Boolean(text) }),
    'received_on',
    keyOf,
    page,
  );
  return { items: await present(ctx, actor, rows), nextCursor };
}

/** The query of the complaints this actor may see that match the filter; none for administrators. */
export async function complaintRowsQuery(ctx: ServiceContext, actor: Actor, filter: ComplaintListFilter) {
  const f = await complaintFilter(ctx, actor, filter);
  return f && complaintQuery(ctx.db, f);
}

/** The list filter in query terms, the actor's scope included; none for administrators. */
async function complaintFilter(
  ctx: ServiceContext,
  actor: Actor,
  filter: ComplaintListFilter,
): Promise<ComplaintFilter | undefined> {
  // Validated first: a query with nothing to search for is a 400 for every caller.
  const q = parseSearch(filter.q);
  if (!isBusinessRole(actor.role)) return undefined;
  const f: ComplaintFilter = {
    scope: actor.scope,
    status: filter.status,
    pollutionType: filter.pollutionType,
    channel: filter.channel,
    problemId: filter.problemId,
    repeatOfId: filter.repeatOfId,
    q,
    overdueOn: filter.overdue ? todayInShanghai(ctx.clock.now().toISOString()) : undefined,
  };
  if (filter.regionCode) {
    const col = await regionColumn(ctx.db, filter.regionCode);
    if (!col) throw notFound({ zh: '行政区划', en: 'Region' });
    f.regionCode = filter.regionCode;
    f.regionColumn = col;
  }
  // The index reads only the region's matches (its marker terms: the filter's region, the
  // reader's one region); the conditions on the rows stay.
  if (f.q) f.q = inRegions(f.q, searchRegions(f.regionCode, f.scope));
  return f;
}

/** What the complainant sees with their tracking code; unknown and malformed codes look alike. */
export async function trackComplaint(ctx: ServiceContext, code: string): Promise<TrackingView> {
  const row = await findComplaintRowByTrackingCode(ctx, code);
  if (!row) throw notFound(COMPLAINT);
  const names = await namesOf(ctx, [row]);
  return presentTracking(row, names.regionName(row.region_code));
}

/** The public disclosure table, newest first. */
export async function listDisclosures(
  ctx: ServiceContext,
  filter: { provinceCode?: string },
  page: { limit?: number; cursor?: string } = {},
): Promise<{ items: DisclosureRow[]; nextCursor: string | null }> {
  const { rows, nextCursor } = await newestFirstPage(
    disclosureQuery(ctx.db, filter),
    'disclosed_at',
    (r) => r.disclosed_at,
    page,
  );
  const names = await namesOf(ctx, rows);
  return { items: rows.map((r) => presentDisclosure(r, names.regionName(r.region_code))), nextCursor };
}
