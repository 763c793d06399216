import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import type { ScopeClause } from '../core/scope.js';
import type { WarningPredicates } from '../core/warnings.js';
import {
  applyProblemFilter,
  regionColumn,
  scopeUnit,
  unitProblems,
  warningCondition,
} from './problem.query.js';
import type { DB } from './schema.js';

type RegionCol = 'province_code' | 'city_code' | 'county_code' | 'region_code';
const CHILD_COLUMN: Partial<Record<RegionCol, RegionCol>> = {
  province_code: 'city_code',
  city_code: 'county_code',
};

/**
 * Counts of one region subtree (optionally one campaign): by status and area, by warning
 * light, and per child region. Each is one grouped query on the region-column indexes.
 */
type Eb = ExpressionBuilder<DB, 'problems'>;

/** SUM(CASE WHEN condition THEN 1 ELSE 0 END): a count of the rows meeting a condition. */
const countWhen = (eb: Eb, condition: Expression<SqlBool>) =>
  eb.fn.sum<number>(eb.case().when(condition).then(1).else(0).end());

export async function problemStats(
  db: Kysely<DB>,
  regionCode: string,
  campaignId: string | undefined,
  p: WarningPredicates,
  scope: readonly ScopeClause[],
) {
  const col = await regionColumn(db, regionCode);
  if (!col) return undefined;
  // A unit's staff see their unit's problems: counted from its entries, where testing every
  // problem of the region for the unit took 0.2–0.66 s at 1M on SQLite (docs/benchmarks.md).
  const unit = scopeUnit(scope);
  const base = () =>
    unit
      ? applyProblemFilter(unitProblems(db, unit), { regionCode, campaignId }, col)
      : applyProblemFilter(db.selectFrom('problems'), { regionCode, campaignId, scope }, col);
  const byStatusArea = await base()
    .select(['problems.status', 'problems.area', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['problems.status', 'problems.area'])
    .execute();
  const warnings = await base()
    .select((eb) =>
      (['red', 'yellow', 'stalled', 'green'] as const).map((level) =>
        countWhen(eb, warningCondition(eb, level, p)).as(level),
      ),
    )
    .executeTakeFirstOrThrow();
  const childCol = CHILD_COLUMN[col];
  const children = childCol
    ? await base()
        .select((eb) => [
          sql<string>`problems.${sql.ref(childCol)}`.as('code'),
          eb.fn.countAll<number>().as('total'),
          countWhen(eb, eb('problems.status', 'not in', [...p.doneStatuses])).as('open'),
          countWhen(eb, warningCondition(eb, 'red', p)).as('overdue'),
        ])
        .groupBy(`problems.${childCol}`)
        .execute()
    : [];
  return { byStatusArea, warnings, children };
}
