import { type ExpressionBuilder, type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import { type RegionColumn, regionScopeOf, type ScopeClause } from '../core/scope.js';
import { PROBLEM_STATUSES, type ProblemStatus, type WarningLevel } from '../core/vocabulary.js';
import type { WarningPredicates } from '../core/warnings.js';
import type { DB } from './schema.js';

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
  /** Substring of the title or ledger code. */
  q?: string;
  /** The actor's scope: applied in the query itself, never fetched then filtered. */
  scope?: readonly ScopeClause[];
  /** A warning light with the thresholds in force (from core `warningPredicates`). */
  warning?: { level: WarningLevel; predicates: WarningPredicates };
}

export interface Page {
  limit: number;
  cursor?: string;
}

/** The summary fields a list row carries (no description, no plan). */
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
  'problems.plan_due_on',
  'problems.progress_reference_on',
  'problems.supervision_level',
  'problems.supervision_deadline',
  'problems.notice_ends_on',
  'problems.reopen_count',
  'problems.complaint_linked',
  'problems.illustrative',
  'problems.updated_at',
] as const;

// Regions do not change while a process runs: their subtree column is looked up once.
const regionColumns = new WeakMap<Kysely<DB>, Map<string, RegionColumn | undefined>>();

/** Which denormalised column answers "in the subtree of this region". */
export async function regionColumn(db: Kysely<DB>, code: string): Promise<RegionColumn | undefined> {
  let known = regionColumns.get(db);
  if (!known) {
    known = new Map();
    regionColumns.set(db, known);
  }
  if (known.has(code)) return known.get(code);
  const region = await db
    .selectFrom('regions')
    .select(['code', 'level', 'directly_administered'])
    .where('code', '=', code)
    .executeTakeFirst();
  const column =
    region && regionScopeOf({ ...region, directlyAdministered: region.directly_administered === 1 }).column;
  // Unknown codes are not remembered: reference data may still be loading.
  if (column) known.set(code, column);
  return column;
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
 * (region column, status, due_key, id) indexes serve the list without walking the tree.
 */
export function applyProblemFilter<O>(
  query: SelectQueryBuilder<DB, 'problems', O>,
  f: ProblemFilter,
  regionCol?: RegionColumn,
): SelectQueryBuilder<DB, 'problems', O> {
  let q = query;
  if (f.regionCode && regionCol) q = q.where(`problems.${regionCol}`, '=', f.regionCode);
  if (f.status?.length) q = q.where('problems.status', 'in', f.status);
  if (f.campaignId) q = q.where('problems.campaign_id', '=', f.campaignId);
  if (f.workGroupId) q = q.where('problems.work_group_id', '=', f.workGroupId);
  if (f.source) q = q.where('problems.source', '=', f.source);
  if (f.area) q = q.where('problems.area', '=', f.area);
  if (f.subArea) q = q.where('problems.sub_area', '=', f.subArea);
  if (f.problemKind) q = q.where('problems.problem_kind', '=', f.problemKind);
  if (f.originId) q = q.where('problems.origin_id', '=', f.originId);
  if (f.deadlineFrom) q = q.where('problems.deadline', '>=', f.deadlineFrom);
  if (f.deadlineTo) q = q.where('problems.deadline', '<=', f.deadlineTo);
  if (f.supervised !== undefined) {
    q = q.where('problems.supervision_level', f.supervised ? 'is not' : 'is', null);
  }
  if (f.unitId) {
    const unitId = f.unitId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('problem_units')
          .select(sql`1`.as('one'))
          .whereRef('problem_units.problem_id', '=', 'problems.id')
          .where('problem_units.unit_id', '=', unitId),
      ),
    );
  }
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('problems.title', 'like', sql<string>`${like} escape '\\'`),
        eb('problems.code', '=', f.q!.toUpperCase()),
      ]),
    );
  }
  if (f.scope && !f.scope.some((c) => c.kind === 'all')) {
    const scope = f.scope;
    q = q.where((eb) => scopeCondition(eb, scope));
  }
  if (f.warning) {
    const { level, predicates } = f.warning;
    q = q.where((eb) => warningCondition(eb, level, predicates));
  }
  return q;
}

type Eb = ExpressionBuilder<DB, 'problems'>;

/** The SQL form of core `inScope`: one OR of indexed equalities and a unit EXISTS. */
export function scopeCondition(eb: Eb, scope: readonly ScopeClause[]) {
  const inRegion = (r: { code: string; column: RegionColumn }) => eb(`problems.${r.column}`, '=', r.code);
  const clauses = scope.flatMap((c) => {
    if (c.kind === 'region') return [inRegion(c.region)];
    if (c.kind === 'unit') {
      return [
        eb.exists(
          eb
            .selectFrom('problem_units')
            .select(sql`1`.as('one'))
            .whereRef('problem_units.problem_id', '=', 'problems.id')
            .where('problem_units.unit_id', '=', c.unitId),
        ),
      ];
    }
    if (c.kind === 'work_group' && c.regions.length) {
      return [eb.and([eb('problems.campaign_id', '=', c.campaignId), eb.or(c.regions.map(inRegion))])];
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

/** One status's slice of a page: the index (region column, status, due_key, id) in order. */
function pageBranch(db: Kysely<DB>, f: ProblemFilter, regionCol: RegionColumn | undefined, page: Page) {
  let q = applyProblemFilter(db.selectFrom('problems').select([...LIST_COLUMNS]), f, regionCol);
  const after = page.cursor ? decodeCursor(page.cursor) : undefined;
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb('problems.due_key', '>', after.dueKey),
        eb.and([eb('problems.due_key', '=', after.dueKey), eb('problems.id', '>', after.id)]),
      ]),
    );
  }
  return q
    .orderBy('problems.due_key')
    .orderBy('problems.id')
    .limit(page.limit + 1);
}

/**
 * One keyset page sorted by deadline (none last), then id. With several statuses the index
 * cannot give one deadline order, so each status reads its own first limit+1 rows in index
 * order and the page is merged from those: a page reads at most statuses × (limit+1) rows,
 * never the whole region × status range.
 */
export async function listProblemRows(db: Kysely<DB>, f: ProblemFilter, page: Page) {
  const regionCol = f.regionCode ? await regionColumn(db, f.regionCode) : undefined;
  if (f.regionCode && !regionCol) return { rows: [], nextCursor: null };
  // No status filter is every status: each is its own index range too. A selective filter of
  // its own (origin, campaign, group, unit) has a better index: then one plain query.
  const selective = Boolean(f.originId || f.campaignId || f.workGroupId || f.unitId);
  const statuses = selective ? [] : f.status?.length ? f.status : PROBLEM_STATUSES;
  const branches =
    statuses.length > 1
      ? statuses.map((status, i) =>
          db.selectFrom(pageBranch(db, { ...f, status: [status] }, regionCol, page).as(`s${i}`)).selectAll(),
        )
      : [db.selectFrom(pageBranch(db, f, regionCol, page).as('s0')).selectAll()];
  const merged = branches.slice(1).reduce((union, b) => union.unionAll(b), branches[0]!);
  // Names by primary-key joins: one statement per page, not one look-up per row.
  const rows = await db
    .selectFrom(merged.as('page'))
    .leftJoin('regions', 'regions.code', 'page.region_code')
    .leftJoin('units', 'units.id', 'page.lead_unit_id')
    .selectAll('page')
    .select(['regions.name as region_name', 'units.name as lead_unit_name'])
    .orderBy('page.due_key')
    .orderBy('page.id')
    .limit(page.limit + 1)
    .execute();
  const more = rows.length > page.limit;
  const pageRows = more ? rows.slice(0, page.limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return { rows: pageRows, nextCursor: more && last ? encodeCursor(last.due_key, last.id) : null };
}
