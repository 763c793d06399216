import { type Kysely, sql } from 'kysely';
import type { ScopeClause } from '../core/scope.js';
import type { WarningPredicates } from '../core/warnings.js';
import { applyProblemFilter, regionColumn, warningCondition } from './problem.query.js';
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
export async function problemStats(
  db: Kysely<DB>,
  regionCode: string,
  campaignId: string | undefined,
  p: WarningPredicates,
  scope: readonly ScopeClause[],
) {
  const col = await regionColumn(db, regionCode);
  if (!col) return undefined;
  const filter = { regionCode, campaignId, scope };
  const base = () => applyProblemFilter(db.selectFrom('problems'), filter, col);
  const byStatusArea = await base()
    .select(['problems.status', 'problems.area', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['problems.status', 'problems.area'])
    .execute();
  const warnings = await base()
    .select((eb) => [
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(warningCondition(eb, 'red', p))
            .then(1)
            .else(0)
            .end(),
        )
        .as('red'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(warningCondition(eb, 'yellow', p))
            .then(1)
            .else(0)
            .end(),
        )
        .as('yellow'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(warningCondition(eb, 'stalled', p))
            .then(1)
            .else(0)
            .end(),
        )
        .as('stalled'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(warningCondition(eb, 'green', p))
            .then(1)
            .else(0)
            .end(),
        )
        .as('green'),
    ])
    .executeTakeFirstOrThrow();
  const childCol = CHILD_COLUMN[col];
  const children = childCol
    ? await base()
        .select((eb) => [
          sql<string>`problems.${sql.ref(childCol)}`.as('code'),
          eb.fn.countAll<number>().as('total'),
          eb.fn
            .sum<number>(
              eb
                .case()
                .when('problems.status', 'not in', [...p.doneStatuses])
                .then(1)
                .else(0)
                .end(),
            )
            .as('open'),
          eb.fn
            .sum<number>(
              eb
                .case()
                .when(warningCondition(eb, 'red', p))
                .then(1)
                .else(0)
                .end(),
            )
            .as('overdue'),
        ])
        .groupBy(`problems.${childCol}`)
        .execute()
    : [];
  return { byStatusArea, warnings, children };
}
