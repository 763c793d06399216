import { type ExpressionBuilder, type Kysely, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import { type RegionColumn, regionScopeOf, type ScopeClause } from '../core/scope.js';
import { PROBLEM_STATUSES, type ProblemStatus, type WarningLevel } from '../core/vocabulary.js';
import type { WarningPredicates } from '../core/warnings.js';
import type { SearchQuery } from '../text/search-terms.js';
import { compiledOnce } from './compiled-statements.js';
import { beyondPosition } from './keyset.js';
import { isPostgres } from './one-statement.js';
import type { DB } from './schema.js';
import {
  chooseSearchPlan,
  inRegions,
  matchingIds,
  rowMatches,
  type SearchPlan,
  searchRegions,
} from './search.js';

export interface ProblemFilter {
  regionCode?: string;
  status?: ProblemStatus[];
  campaignId?: string;
  workGroupId?: string;
  source?: string;
  area?: string;
  subArea?: string;
  problemKind?: string;
  /** Problems where this unit is lead or co-operating unit. */
  unitId?: string;
  deadlineFrom?: string;
  deadlineTo?: string;
  supervised?: boolean;
  originId?: string;
  /**
   * Text search (src/text/search-terms.ts): problems whose code, title or description hold
   * every term of the query, from the search index. A ledger code finds its problem (the
   * code's words are in the document).
   */
  q?: SearchQuery;
  /** The actor's scope: applied in the query itself, never fetched then filtered. */
  scope?: readonly ScopeClause[];
  /** A warning light with the thresholds in force (from core `warningPredicates`). */
  warning?: { level: WarningLevel; predicates: WarningPredicates };
}

export interface Page {
  limit: number;
  cursor?: string;
}

/**
 * The summary fields a list row carries (no description, no plan): only what the list answers
 * with (and due_key for its cursor). Every column is a value to build per row of every page.
 */
export const LIST_COLUMNS = [
  'problems.id',
  'problems.code',
  'problems.version',
  'problems.status',
  'problems.title',
  'problems.source',
  'problems.area',
  'problems.sub_area',
  'problems.problem_kind',
  'problems.campaign_id',
  'problems.region_code',
  'problems.lead_unit_id',
  'problems.deadline',
  'problems.due_key',
  'problems.supervision_level',
  'problems.reopen_count',
  'problems.illustrative',
  'problems.updated_at',
] as const;

// Regions do not change while a process runs: their subtree column is looked up once.
const regionSubtrees = new WeakMap<Kysely<DB>, Map<string, RegionSubtree>>();

/** Where a region's subtree lives in the denormalised columns, and the city it belongs to. */
export interface RegionSubtree {
  column: RegionColumn;
  /** The region's city ('' for a province): whose write stamp covers it (problem.counts.read). */
  cityCode: string;
}

/** A region's subtree facts, looked up once per process (unknown codes: undefined). */
export async function regionSubtree(db: Kysely<DB>, code: string): Promise<RegionSubtree | undefined> {
  let known = regionSubtrees.get(db);
  if (!known) {
    known = new Map();
    regionSubtrees.set(db, known);
  }
  const cached = known.get(code);
  if (cached) return cached;
  const region = await db
    .selectFrom('regions')
    .select(['code', 'level', 'directly_administered', 'city_code'])
    .where('code', '=', code)
    .executeTakeFirst();
  if (!region) return undefined;
  const facts = {
    column: regionScopeOf({ ...region, directlyAdministered: region.directly_administered === 1 }).column,
    cityCode: region.city_code ?? '',
  };
  // Unknown codes are not remembered (above): reference data may still be loading.
  known.set(code, facts);
  return facts;
}

/** Which denormalised column answers "in the subtree of this region". */
export async function regionColumn(db: Kysely<DB>, code: string): Promise<RegionColumn | undefined> {
  return (await regionSubtree(db, code))?.column;
}

export const encodeCursor = (dueKey: string, id: string) =>
  Buffer.from(`${dueKey}|${id}`).toString('base64url');
export function decodeCursor(cursor: string): { dueKey: string; id: string } | undefined {
  const [dueKey, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!dueKey || !id || !/^\d{4}-\d{2}-\d{2}$/.test(dueKey)) return undefined;
  return { dueKey, id };
}

/**
 * Applies the filters. The region subtree is one equality on a denormalised column, so the
 * (region column, status, due_key, id) indexes serve the list without walking the tree. A text
 * search (`q`) needs the database the query is for (the index is engine-specific).
 */
export function applyProblemFilter<O>(
  query: SelectQueryBuilder<DB, 'problems', O>,
  f: ProblemFilter,
  regionCol?: RegionColumn,
  db?: Kysely<DB>,
  how: FilterForm = {},
): SelectQueryBuilder<DB, 'problems', O> {
  let q = query;
  const { textAs = 'in', regionsAs = 'index' } = how;
  if (f.regionCode && regionCol) q = q.where((eb) => inRegion(eb, regionCol, f.regionCode!, regionsAs));
  if (f.status?.length) q = q.where('problems.status', 'in', f.status);
  if (f.campaignId) q = q.where('problems.campaign_id', '=', f.campaignId);
  if (f.workGroupId) q = q.where('problems.work_group_id', '=', f.workGroupId);
  if (f.source) q = q.where('problems.source', '=', f.source);
  if (f.area) q = q.where('problems.area', '=', f.area);
  if (f.subArea) q = q.where('problems.sub_area', '=', f.subArea);
  if (f.problemKind) q = q.where('problems.problem_kind', '=', f.problemKind);
  if (f.originId) q = q.where('problems.origin_id', '=', f.originId);
  // The same bounds on due_key too (the deadline, or NO_DEADLINE): implied by the deadline's,
  // they make a range of the list indexes, which order by due_key, instead of a filter on
  // every row of the region's statuses (a province's first page at 1M: 338 → 3.7 ms on
  // PostgreSQL, 1.3–2.6 s → 5–16 ms on SQLite).
  if (f.deadlineFrom)
    q = q.where('problems.deadline', '>=', f.deadlineFrom).where('problems.due_key', '>=', f.deadlineFrom);
  if (f.deadlineTo)
    q = q.where('problems.deadline', '<=', f.deadlineTo).where('problems.due_key', '<=', f.deadlineTo);
  if (f.supervised !== undefined) {
    q = q.where('problems.supervision_level', f.supervised ? 'is not' : 'is', null);
  }
  // Lists read a unit's problems from its entries (unitRows); a unit here is a per-row test.
  if (f.unitId) {
    const unitId = f.unitId;
    q = q.where((eb) => ofUnit(eb, unitId));
  }
  if (f.q) {
    if (!db) throw new Error('applyProblemFilter: a text search needs the database');
    const text = f.q;
    q =
      textAs === 'probe'
        ? q.where(() => rowMatches(db, 'problem', text, 'problems.id'))
        : q.where('problems.id', 'in', matchingIds(db, 'problem', text));
  }
  if (f.scope && !f.scope.some((c) => c.kind === 'all')) {
    const scope = f.scope;
    q = q.where((eb) => scopeCondition(eb, scope, regionsAs));
  }
  if (f.warning) {
    const { level, predicates } = f.warning;
    q = q.where((eb) => warningCondition(eb, level, predicates));
  }
  return q;
}

/** How applyProblemFilter writes its conditions (defaults first). */
export interface FilterForm {
  /** How `q` is checked: `in` the matching ids (a set), or per row (`probe`, the walk plan). */
  textAs?: 'in' | 'probe';
  /**
   * Region equalities as an index's key (`index`), or as a test on rows another index found
   * (`test`, SQLite only: the unary + keeps SQLite's planner off the region's range).
   */
  regionsAs?: 'index' | 'test';
}

type Eb = ExpressionBuilder<DB, 'problems'>;

function inRegion(eb: Eb, column: RegionColumn, code: string, as: FilterForm['regionsAs']) {
  return as === 'test'
    ? sql<SqlBool>`+${sql.ref(`problems.${column}`)} = ${code}`
    : eb(`problems.${column}`, '=', code);
}

/** The problem has this unit as lead or co-operating unit. */
function ofUnit(eb: Eb, unitId: string) {
  return eb.exists(
    eb
      .selectFrom('problem_units')
      .select(sql`1`.as('one'))
      .whereRef('problem_units.problem_id', '=', 'problems.id')
      .where('problem_units.unit_id', '=', unitId),
  );
}

/** The SQL form of core `inScope`: one OR of indexed equalities and a unit EXISTS. */
export function scopeCondition(
  eb: Eb,
  scope: readonly ScopeClause[],
  regionsAs: FilterForm['regionsAs'] = 'index',
) {
  const inRegions = (r: { code: string; column: RegionColumn }) => inRegion(eb, r.column, r.code, regionsAs);
  const clauses = scope.flatMap((c) => {
    if (c.kind === 'region') return [inRegions(c.region)];
    if (c.kind === 'unit') return [ofUnit(eb, c.unitId)];
    if (c.kind === 'work_group' && c.regions.length) {
      return [eb.and([eb('problems.campaign_id', '=', c.campaignId), eb.or(c.regions.map(inRegions))])];
    }
    return [];
  });
  // An empty scope sees nothing.
  return clauses.length ? eb.or(clauses) : eb(eb.val(1), '=', 0);
}

/** The SQL form of computeWarning (same order: none › red › yellow › stalled › green). */
export function warningCondition(eb: Eb, level: WarningLevel, p: WarningPredicates) {
  const none = eb('problems.status', 'in', [...p.doneStatuses]);
  const red = eb('problems.deadline', '<', p.redBefore);
  const yellow = eb.or([
    eb('problems.deadline', '<=', p.yellowUntil),
    eb.and([
      eb('problems.status', 'in', [...p.planDueStatuses]),
      eb('problems.plan_due_on', '<', p.planOverdueBefore),
    ]),
    eb('problems.supervision_deadline', '<=', p.yellowUntil),
  ]);
  const stalled = eb.and([
    eb('problems.status', 'in', [...p.stalledStatuses]),
    eb('problems.progress_reference_on', '<', p.stalledBefore),
  ]);
  // NULL comparisons are unknown, and NOT(unknown) is unknown: coalesce each to false.
  const not = (e: ReturnType<Eb['and']>) => eb.not(eb.fn.coalesce(e, eb.lit(false)) as never);
  switch (level) {
    case 'none':
      return none;
    case 'red':
      return eb.and([not(none), red]);
    case 'yellow':
      return eb.and([not(none), not(red), yellow]);
    case 'stalled':
      return eb.and([not(none), not(red), not(yellow), stalled]);
    case 'green':
      return eb.and([not(none), not(red), not(yellow), not(stalled)]);
  }
}

/**
 * The statuses a warning light implies (none: the done ones; stalled: the stalled ones; red,
 * yellow, green: the open ones), so that branches for statuses that cannot match are never
 * built or planned.
 */
function statusesOfWarning(w: ProblemFilter['warning']): readonly ProblemStatus[] {
  if (!w) return PROBLEM_STATUSES;
  const { doneStatuses, stalledStatuses } = w.predicates;
  if (w.level === 'none') return doneStatuses;
  if (w.level === 'stalled') return stalledStatuses;
  return PROBLEM_STATUSES.filter((s) => !doneStatuses.includes(s));
}

/**
 * One status's slice of a page from the index (region column, status, due_key, id), in order:
 * the whole rows (`columns`) when it is the only slice, only the keys when slices are merged.
 */
function pageSlice<O>(
  db: Kysely<DB>,
  query: SelectQueryBuilder<DB, 'problems', O>,
  f: ProblemFilter,
  regionCol: RegionColumn | undefined,
  page: Page,
  { regionsAs = 'index', keys = PROBLEM_KEYS }: { regionsAs?: FilterForm['regionsAs']; keys?: ListKeys } = {},
) {
  // A text search left in the filter is the walk's (the matches plan takes it out): per row.
  // Red is "open and deadline passed"; due_key is the deadline whenever there is one (else
  // 9999-12-31), so `due_key < today` is part of the index range. When only open statuses are
  // asked for, it is the whole condition and the slice reads the index alone.
  const red = f.warning?.level === 'red' ? f.warning.predicates : undefined;
  const openOnly = red && f.status?.length && f.status.every((s) => !red.doneStatuses.includes(s));
  const rest = openOnly ? { ...f, warning: undefined } : f;
  let q = applyProblemFilter(query, rest, regionCol, db, { textAs: 'probe', regionsAs });
  if (red) q = q.where(sql.ref(keys.due), '<', red.redBefore);
  const after = page.cursor ? decodeCursor(page.cursor) : undefined;
  if (after) q = beyondPosition(q, keys.due, keys.id, '>', { key: after.dueKey, id: after.id });
  return q
    .orderBy(sql.ref(keys.due))
    .orderBy(sql.ref(keys.id))
    .limit(page.limit + 1);
}

/** The columns a page is ordered and cut by: the problem's, or its unit entry's (unitRows). */
interface ListKeys {
  due: string;
  id: string;
}
const PROBLEM_KEYS: ListKeys = { due: 'problems.due_key', id: 'problems.id' };
const UNIT_KEYS: ListKeys = { due: 'problem_units.due_key', id: 'problem_units.problem_id' };

/**
 * One keyset page sorted by deadline (none last), then id. With several statuses the index
 * cannot give one deadline order, so each status reads its own first limit+1 keys in index
 * order and the page's keys are merged from those: a page reads at most statuses × (limit+1)
 * index entries, never the whole region × status range, and only the page's rows whole.
 * Names of regions and units are the caller's (reference data, cached in the services).
 */
export async function listProblemRows(db: Kysely<DB>, f: ProblemFilter, page: Page) {
  const empty = { rows: [], nextCursor: null };
  const regionCol = f.regionCode ? await regionColumn(db, f.regionCode) : undefined;
  if (f.regionCode && !regionCol) return empty;
  const possible = statusesOfWarning(f.warning);
  const statuses = (f.status?.length ? f.status : PROBLEM_STATUSES).filter((s) => possible.includes(s));
  if (!statuses.length) return empty;
  // A text search asks the index for the region's matches only (its marker terms), and runs
  // from those matches when they are few, along the list's own order when they are many.
  const text = f.q && inRegions(f.q, searchRegions(f.regionCode, f.scope));
  const plan = text ? await chooseSearchPlan(db, 'problem', text) : undefined;
  // A list asked for again (refreshed, paged back, the same office's view) skips Kysely's
  // building and compiling, about a tenth of a first page's CPU. The key is everything the SQL
  // is built from (filter with its text query's terms, scope, warning dates, page, plan).
  const key = JSON.stringify(['list', f, regionCol, page.limit, page.cursor, plan]);
  const query = compiledOnce(db, key, () =>
    listQuery(db, { ...f, q: text }, statuses, regionCol, page, plan).compile(),
  );
  const { rows } = await db.executeQuery(query);
  const more = rows.length > page.limit;
  const pageRows = more ? rows.slice(0, page.limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return { rows: pageRows, nextCursor: more && last ? encodeCursor(last.due_key, last.id) : null };
}

function listQuery(
  db: Kysely<DB>,
  f: ProblemFilter,
  statuses: ProblemStatus[],
  regionCol: RegionColumn | undefined,
  page: Page,
  plan: SearchPlan | undefined,
) {
  if (f.q && plan === 'matches') {
    // From the matches (a materialised CTE: on PostgreSQL the planner's estimate of a
    // tsquery cannot reorder it), each joined to its row by primary key, filtered, sorted.
    const matches = db
      .with(
        (cte) => cte('search_matches').materialized(),
        () => matchingIds(db, 'problem', f.q!),
      )
      .selectFrom('search_matches')
      .crossJoin('problems')
      .whereRef('problems.id', '=', 'search_matches.ref_id')
      .select([...LIST_COLUMNS]);
    return pageSlice(db, matches, { ...f, q: undefined }, regionCol, page);
  }
  const unit = unitOfList(f);
  if (unit)
    return pageSlice(db, unitRows(db, unit), withoutUnit(f, unit), regionCol, page, { keys: UNIT_KEYS });
  if (f.supervised && !isPostgres(db)) {
    // SQLite, without statistics, takes the region's range (filter or scope) for the
    // supervised few and tests each row (a province at 1M: 0.2–1.7 s a page). Regions as
    // tests leave it the supervised index, read in list order; PostgreSQL chooses that itself.
    const rows = db.selectFrom('problems').select([...LIST_COLUMNS]);
    return pageSlice(db, rows, f, regionCol, page, { regionsAs: 'test' });
  }
  // A selective filter of its own (origin, campaign, group, supervised) has a better index than
  // the per-status ranges of the region: then one plain query, and the planner picks. A text
  // search here (the walk) is checked per row of the ranges.
  const selective = Boolean(f.originId || f.campaignId || f.workGroupId || f.supervised);
  const one = selective ? f : statuses.length === 1 ? { ...f, status: statuses } : undefined;
  return one
    ? pageSlice(db, db.selectFrom('problems').select([...LIST_COLUMNS]), one, regionCol, page)
    : mergedPage(db, { ...f, status: statuses }, regionCol, page);
}

/** The unit whose problems are all a scope sees (a unit's staff's), if it is one. */
export function scopeUnit(scope: readonly ScopeClause[] | undefined): string | undefined {
  const only = scope?.length === 1 ? scope[0] : undefined;
  return only?.kind === 'unit' ? only.unitId : undefined;
}

/** The one unit a list is of: its unit filter, else the scope of a unit's staff. */
const unitOfList = (f: ProblemFilter): string | undefined => f.unitId ?? scopeUnit(f.scope);

/** The filter left once the list is read from the unit's rows (unitRows). */
function withoutUnit(f: ProblemFilter, unit: string): ProblemFilter {
  return { ...f, unitId: undefined, scope: scopeUnit(f.scope) === unit ? undefined : f.scope };
}

/** A unit's problems, from its entries in problem_units (CROSS JOIN: SQLite keeps this order). */
export function unitProblems(db: Kysely<DB>, unitId: string) {
  return db
    .selectFrom('problem_units')
    .crossJoin('problems')
    .whereRef('problems.id', '=', 'problem_units.problem_id')
    .where('problem_units.unit_id', '=', unitId);
}

/**
 * A unit's problems in list order from its entries in problem_units (unit_id, due_key,
 * problem_id), each joined to its row and tested against the rest of the filter (PostgreSQL
 * plans the CROSS JOIN as any join): a page reads about its own rows,
 * where walking a region's deadline order and testing every row for the unit took 0.35–2.5 s
 * at a million problems on SQLite, and a unit's staff walked every problem's. The entry's
 * due_key is the one selected, so the cursor is made from the key the page is ordered by.
 */
function unitRows(db: Kysely<DB>, unitId: string) {
  const columns = LIST_COLUMNS.filter((c) => c !== 'problems.due_key');
  return unitProblems(db, unitId).select([...columns, 'problem_units.due_key']);
}

/** Merges the statuses' key slices into the page's keys, then reads those rows by id. */
function mergedPage(
  db: Kysely<DB>,
  f: ProblemFilter & { status: readonly ProblemStatus[] },
  regionCol: RegionColumn | undefined,
  page: Page,
) {
  const keys = () => db.selectFrom('problems').select(['problems.due_key', 'problems.id']);
  const merged = f.status
    .map((status, i) =>
      db
        .selectFrom(pageSlice(db, keys(), { ...f, status: [status] }, regionCol, page).as(`s${i}`))
        .selectAll(),
    )
    .reduce((union, slice) => union.unionAll(slice));
  const pageKeys = db
    .selectFrom(merged.as('merged'))
    .selectAll()
    .orderBy('merged.due_key')
    .orderBy('merged.id')
    .limit(page.limit + 1);
  return db
    .selectFrom(pageKeys.as('k'))
    .innerJoin('problems', 'problems.id', 'k.id')
    .select([...LIST_COLUMNS])
    .orderBy('k.due_key')
    .orderBy('k.id');
}
