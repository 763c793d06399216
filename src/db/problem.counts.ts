import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { ProblemState } from '../core/problem.types.js';
import { type CampaignRules, DEFAULT_RULES } from '../core/rules.js';
import { computeWarning, type WarningPredicates, warningPredicates } from '../core/warnings.js';
import { reusable, reusableRows } from './compiled-statements.js';
import { countsMovedBy } from './count-notices.js';
import { isPostgres, type Query } from './one-statement.js';
import type { DB, ProblemRow } from './schema.js';
import { inOwnTransaction } from './sqlite-batch-driver.js';

/*
 * The dashboard rollup (docs/decisions/0007): problems counted per county × campaign × status
 * × area × warning light (and per city for province dashboards), adjusted in the transaction
 * that writes the projection. Lights are those of one date and one pair of thresholds (the
 * default rules, as the live query uses them without a campaign filter), recorded in
 * `problem_count_state`; a rebuild moves them to a new date.
 */

/** What the warning columns of the rollup are valid for. */
export interface CountBasis {
  validOn: string;
  yellowWithinDays: number;
  stalledAfterDays: number;
  generation: number;
}

/** The statement reading the rollup's basis (see `basisOf`). */
export const countBasisQuery = (db: Kysely<DB>) =>
  reusable(db, 'count-basis', {}, () =>
    db
      .selectFrom('problem_count_state')
      .select(['valid_on', 'yellow_within_days', 'stalled_after_days', 'generation'])
      .where('id', '=', 1),
  );

/** The basis from the state row, or undefined while the rollup was never built. */
export function basisOf(s: Record<string, unknown> | undefined): CountBasis | undefined {
  if (!s || s.valid_on === '') return undefined;
  return {
    validOn: s.valid_on as string,
    yellowWithinDays: Number(s.yellow_within_days),
    stalledAfterDays: Number(s.stalled_after_days),
    generation: Number(s.generation),
  };
}

/** The rollup's basis, or undefined while it was never built (nothing is counted then). */
export async function readCountBasis(db: Kysely<DB>): Promise<CountBasis | undefined> {
  return basisOf((await db.executeQuery<Record<string, unknown>>(countBasisQuery(db))).rows[0]);
}

/** True when a request's rules give the same lights as the rollup's thresholds. */
export const sameThresholds = (basis: CountBasis, rules: CampaignRules) =>
  basis.yellowWithinDays === rules.yellowWithinDays && basis.stalledAfterDays === rules.stalledAfterDays;

const rulesOf = (basis: CountBasis): CampaignRules => ({
  ...DEFAULT_RULES,
  yellowWithinDays: basis.yellowWithinDays,
  stalledAfterDays: basis.stalledAfterDays,
});

/** A problem as the rollup sees it: its row's key columns and its state (for the light). */
export interface CountedProblem {
  row: Pick<ProblemRow, 'province_code' | 'city_code' | 'county_code' | 'campaign_id' | 'status' | 'area'>;
  state: ProblemState;
}

type CountCell = DB['problem_counts'];
type CityCell = DB['problem_city_counts'];

function cellOf(p: CountedProblem, basis: CountBasis): Omit<CountCell, 'n'> {
  const light = computeWarning(p.state, basis.validOn, rulesOf(basis));
  return {
    province_code: p.row.province_code,
    city_code: p.row.city_code ?? '',
    county_code: p.row.county_code ?? '',
    campaign_id: p.row.campaign_id ?? '',
    status: p.row.status,
    area: p.row.area,
    warning: light === 'none' ? '' : light,
  };
}

/** Sums deltas per key, drops the zero ones, and sorts by key (one lock order on PostgreSQL). */
function netDeltas<C extends { n: number }>(cells: C[], keyOf: (c: C) => string): C[] {
  const byKey = new Map<string, C>();
  for (const c of cells) {
    const k = keyOf(c);
    const seen = byKey.get(k);
    byKey.set(k, seen ? { ...seen, n: seen.n + c.n } : c);
  }
  return [...byKey.entries()]
    .filter(([, c]) => c.n !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, c]) => c);
}

/** The columns that name a cell of the rollup (problem_counts) and of its city totals. */
const CELL_KEY = [
  'province_code',
  'city_code',
  'county_code',
  'campaign_id',
  'status',
  'area',
  'warning',
] as const;
const CITY_CELL_KEY = ['province_code', 'city_code', 'status', 'area', 'warning'] as const;

const countKey = (c: CountCell) =>
  [c.province_code, c.city_code, c.county_code, c.campaign_id, c.status, c.area, c.warning].join('\u0000');
const cityKey = (c: CityCell) => [c.province_code, c.city_code, c.status, c.area, c.warning].join('\u0000');

/**
 * The statements that move a problem from its old cell to its new one (before = null:
 * registered; after = null: gone), for the caller's write transaction, with the basis read
 * earlier in it (`countBasisQuery`, which must come first: on PostgreSQL it holds off a rebuild
 * until the commit, see `rebuildCounts`). None when the rollup is not built or the cell does not
 * change. Only the problem's own county and city rows and the city's stamp are touched, so
 * writes elsewhere never wait on them; they stay locked until the commit: send them together,
 * right before it.
 */
export function countWrites(
  trx: Kysely<DB>,
  basis: CountBasis | undefined,
  before: CountedProblem | null,
  after: CountedProblem | null,
): Query[] {
  if (!basis) return [];
  const moves = [
    ...(before ? [{ ...cellOf(before, basis), n: -1 }] : []),
    ...(after ? [{ ...cellOf(after, basis), n: 1 }] : []),
  ];
  const counties = netDeltas(moves, countKey);
  if (!counties.length) return [];
  const cities = netDeltas(
    counties.map(({ county_code, campaign_id, ...city }) => city),
    cityKey,
  );
  // Bumped even when the city totals net to zero: the county rows under it moved.
  const stamps = netDeltas(
    counties.map((c) => ({ city_code: c.city_code, province_code: c.province_code, n: 1 })),
    (c) => c.city_code,
  ).map(({ n: _n, ...stamp }) => ({ ...stamp, version: 1 }));
  return [
    reusableRows(trx, 'count-cells', counties, (rows) =>
      trx
        .insertInto('problem_counts')
        .values(rows)
        .onConflict((oc) =>
          oc
            .columns(CELL_KEY)
            .doUpdateSet((eb) => ({ n: eb('problem_counts.n', '+', eb.ref('excluded.n')) })),
        ),
    ),
    ...(cities.length
      ? [
          reusableRows(trx, 'count-city-cells', cities, (rows) =>
            trx
              .insertInto('problem_city_counts')
              .values(rows)
              .onConflict((oc) =>
                oc
                  .columns(CITY_CELL_KEY)
                  .doUpdateSet((eb) => ({ n: eb('problem_city_counts.n', '+', eb.ref('excluded.n')) })),
              ),
          ),
        ]
      : []),
    reusableRows(trx, 'count-stamps', stamps, (rows) =>
      trx
        .insertInto('problem_count_stamps')
        .values(rows)
        .onConflict((oc) =>
          oc
            .column('city_code')
            .doUpdateSet((eb) => ({ version: eb('problem_count_stamps.version', '+', 1) })),
        ),
    ),
  ];
}

/** The SQL form of computeWarning as one CASE (first match wins; NULL is not a match). */
function warningCase(eb: ExpressionBuilder<DB, 'problems'>, p: WarningPredicates) {
  return eb
    .case()
    .when('problems.status', 'in', [...p.doneStatuses])
    .then('')
    .when('problems.deadline', '<', p.redBefore)
    .then('red')
    .when(
      eb.or([
        eb('problems.deadline', '<=', p.yellowUntil),
        eb.and([
          eb('problems.status', 'in', [...p.planDueStatuses]),
          eb('problems.plan_due_on', '<', p.planOverdueBefore),
        ]),
        eb('problems.supervision_deadline', '<=', p.yellowUntil),
      ]),
    )
    .then('yellow')
    .when(
      eb.and([
        eb('problems.status', 'in', [...p.stalledStatuses]),
        eb('problems.progress_reference_on', '<', p.stalledBefore),
      ]),
    )
    .then('stalled')
    .else('green')
    .end();
}

/**
 * Recounts everything from `problems` for a date (first start, a new day, new thresholds), in
 * one transaction. On PostgreSQL it first locks the state table exclusively: writers read that
 * table before adjusting, so the lock waits for the writers in flight (whose changes the
 * recount then sees) and holds back new ones until the new date is in place.
 */
export async function rebuildCounts(
  db: Kysely<DB>,
  today: string,
  rules: CampaignRules = DEFAULT_RULES,
): Promise<{ cells: number; cityCells: number }> {
  const run = async (trx: Kysely<DB>) => {
    if (isPostgres(trx)) await sql`lock table problem_count_state in access exclusive mode`.execute(trx);
    await trx.deleteFrom('problem_counts').execute();
    await trx.deleteFrom('problem_city_counts').execute();
    const p = warningPredicates(today, rules);
    // One province at a time: a GROUP BY over every problem sorts them all at once, and SQLite
    // (temp_store = MEMORY) held that sort in memory: +160 MB of server RSS at 1M problems.
    const provinces = await trx
      .selectFrom('regions')
      .select('code')
      .where('level', '=', 'province')
      .orderBy('code')
      .execute();
    let cells = 0;
    let cityCells = 0;
    for (const { code } of provinces) {
      // The light in a derived table, grouped outside: the CASE's parameters appear once.
      const lit = trx
        .selectFrom('problems')
        .select((eb) => [
          'problems.province_code',
          eb.fn.coalesce('problems.city_code', eb.val('')).as('city_code'),
          eb.fn.coalesce('problems.county_code', eb.val('')).as('county_code'),
          eb.fn.coalesce('problems.campaign_id', eb.val('')).as('campaign_id'),
          'problems.status',
          'problems.area',
          warningCase(eb, p).as('warning'),
        ])
        .where('problems.province_code', '=', code)
        .as('lit');
      const counted = await trx
        .insertInto('problem_counts')
        .columns([...CELL_KEY, 'n'])
        .expression(
          trx
            .selectFrom(lit)
            .select((eb) => [...CELL_KEY, eb.fn.countAll<number>().as('n')])
            .groupBy(CELL_KEY),
        )
        .executeTakeFirst();
      cells += Number(counted.numInsertedOrUpdatedRows ?? 0);
      const cities = await trx
        .insertInto('problem_city_counts')
        .columns([...CITY_CELL_KEY, 'n'])
        .expression(
          trx
            .selectFrom('problem_counts')
            .select((eb) => [...CITY_CELL_KEY, eb.fn.sum<number>('n').as('n')])
            .where('province_code', '=', code)
            .groupBy(CITY_CELL_KEY),
        )
        .executeTakeFirst();
      cityCells += Number(cities.numInsertedOrUpdatedRows ?? 0);
    }
    await trx
      .updateTable('problem_count_state')
      .set((eb) => ({
        valid_on: today,
        yellow_within_days: rules.yellowWithinDays,
        stalled_after_days: rules.stalledAfterDays,
        generation: eb('generation', '+', 1),
        built_at: new Date().toISOString(),
      }))
      .where('id', '=', 1)
      .execute();
    return {
      cells,
      cityCells,
    };
  };
  // Inside a caller's transaction the other processes read the new basis within a second
  // (count-notices.ts); its own notice would go out before the commit.
  if (db.isTransaction) return run(db);
  // On SQLite a transaction of its own: in a shared batch's savepoint, the original of every
  // page the rebuild rewrites would be kept in memory (sqlite-batch-driver.ts).
  const counted = await inOwnTransaction(() => db.transaction().execute(run));
  countsMovedBy(db, '*');
  return counted;
}
