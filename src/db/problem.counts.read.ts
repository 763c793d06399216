import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { CampaignRules } from '../core/rules.js';
import type { RegionColumn, ScopeClause } from '../core/scope.js';
import { DONE_STATUSES } from '../core/vocabulary.js';
import { compiledOnce } from './compiled-statements.js';
import { countNoticesOf, type NoticeMark, type NoticeRegion } from './count-notices.js';
import { type CountBasis, readCountBasis, sameThresholds } from './problem.counts.js';
import { regionSubtree } from './problem.query.js';
import type { DB } from './schema.js';

/** The shape `problemStats` answers with (the live query this rollup stands in for). */
export interface RegionCounts {
  byStatusArea: { status: string; area: string; n: number }[];
  warnings: { red: number; yellow: number; stalled: number; green: number };
  children: { code: string | null; total: number; open: number; overdue: number }[];
}

type CountColumn = 'province_code' | 'city_code' | 'county_code';
const COUNT_COLUMNS: readonly RegionColumn[] = ['province_code', 'city_code', 'county_code'];
const isCountColumn = (c: RegionColumn): c is CountColumn => COUNT_COLUMNS.includes(c);
const CHILD: Record<CountColumn, CountColumn | undefined> = {
  province_code: 'city_code',
  city_code: 'county_code',
  county_code: undefined,
};

/**
 * Which clauses the rollup can apply: everything, regions at province/city/county level, and
 * work groups (campaign + such regions). A unit's problems (lead or co-operating) and town
 * regions are not in its key: undefined, and the caller asks the live query.
 */
function countableScope(scope: readonly ScopeClause[]) {
  const regionsCountable = (rs: readonly { column: RegionColumn }[]) =>
    rs.every((r) => isCountColumn(r.column));
  const ok = scope.every(
    (c) =>
      c.kind === 'all' ||
      (c.kind === 'region' && regionsCountable([c.region])) ||
      (c.kind === 'work_group' && regionsCountable(c.regions)),
  );
  return ok ? scope : undefined;
}

type Cells = 'problem_counts' | 'problem_city_counts';

/** The scope as a condition on cells (mirrors `scopeCondition` of problem.query.ts). */
function scopeWhere(eb: ExpressionBuilder<DB, 'problem_counts'>, scope: readonly ScopeClause[]) {
  if (scope.some((c) => c.kind === 'all')) return eb.and([]);
  const inRegion = (r: { code: string; column: RegionColumn }) => eb(r.column as CountColumn, '=', r.code);
  const clauses = scope.flatMap((c) => {
    if (c.kind === 'region') return [inRegion(c.region)];
    if (c.kind === 'work_group' && c.regions.length) {
      return [eb.and([eb('campaign_id', '=', c.campaignId), eb.or(c.regions.map(inRegion))])];
    }
    return [];
  });
  return clauses.length ? eb.or(clauses) : eb(eb.val(1), '=', 0);
}

/**
 * Region totals from the rollup, or undefined when it cannot answer exactly: a scope or region
 * it does not key, thresholds other than the rollup's (a campaign with its own), a date other
 * than the one its lights hold, or a rebuild between our reads (the generation moved).
 */
export async function countsFromRollup(
  db: Kysely<DB>,
  q: {
    regionCode: string;
    campaignId: string | undefined;
    scope: readonly ScopeClause[];
    today: string;
    rules: CampaignRules;
  },
): Promise<RegionCounts | undefined> {
  const region = await regionSubtree(db, q.regionCode);
  const col = region?.column;
  const scope = countableScope(q.scope);
  if (!col || !isCountColumn(col) || !scope) return undefined;
  const city = col === 'city_code' ? q.regionCode : region.cityCode;
  const key = JSON.stringify([q.regionCode, q.campaignId ?? '', scope]);
  const cache = answersOf(db);
  const cached = cache.get(key);
  // PostgreSQL with a listener (decision 0013): an answer whose region has heard no notice
  // since it was read is still what the database holds, so no round trip. The mark is taken
  // before the reads below: a notice during them leaves what they find stale.
  const notices = countNoticesOf(db);
  const watched: NoticeRegion = col === 'province_code' ? `p:${q.regionCode}` : `c:${city}`;
  if (cached && notices?.unchanged(watched, cached.mark) && current(cached.basis, q)) return cached.counts;
  const mark = notices?.mark(watched);
  // The basis and the region's stamp in one read, before the cells: cells are then at least as
  // new as the stamp, and any write they miss or include has moved the stamp for the next reader.
  const read = await basisAndStamp(db, col, q.regionCode, city);
  if (!read) return undefined;
  const { basis } = read;
  if (!current(basis, q)) return undefined;
  const stamp = `${basis.generation}:${basis.validOn}:${read.stamp}`;
  if (cached?.stamp === stamp) {
    // Confirmed as of this read: with a listener, good again from the mark taken before it.
    if (mark) remember(cache, key, { ...cached, basis, mark });
    return cached.counts;
  }

  // A province without a campaign filter, seen whole or by province/city regions, reads the
  // city rows (a few hundred); everything else the county rows.
  const cityGrain =
    col === 'province_code' &&
    !q.campaignId &&
    scope.every((c) => c.kind === 'all' || (c.kind === 'region' && c.region.column !== 'county_code'));
  const table: Cells = cityGrain ? 'problem_city_counts' : 'problem_counts';
  // Both tables share the columns used below; typed as the county table.
  const cells = () => {
    let query = (db as Kysely<DB>).selectFrom(table as 'problem_counts').where(col, '=', q.regionCode);
    if (q.campaignId) query = query.where('campaign_id', '=', q.campaignId);
    return query.where((eb) => scopeWhere(eb, scope));
  };

  const lights = await cells()
    .select((eb) => ['status', 'area', 'warning', eb.fn.sum<number>('n').as('n')])
    .groupBy(['status', 'area', 'warning'])
    .execute();
  const child = CHILD[col];
  const children = child
    ? await cells()
        .select((eb) => [
          `${child} as code` as `${CountColumn} as code`,
          eb.fn.sum<number>('n').as('total'),
          eb.fn
            .sum<number>(
              eb
                .case()
                .when('status', 'not in', [...DONE_STATUSES])
                .then(eb.ref('n'))
                .else(0)
                .end(),
            )
            .as('open'),
          eb.fn
            .sum<number>(eb.case().when('warning', '=', 'red').then(eb.ref('n')).else(0).end())
            .as('overdue'),
        ])
        .groupBy(child)
        .execute()
    : [];
  const after = await readCountBasis(db);
  if (after?.generation !== basis.generation) return undefined;
  const counts = present(lights, children);
  remember(cache, key, { stamp, counts, basis, mark });
  return counts;
}

interface BasisAndStampRow {
  valid_on: string;
  yellow_within_days: number | string;
  stalled_after_days: number | string;
  generation: number | string;
  stamp: string | number | null;
}

/**
 * The rollup's basis and the write counters of a region, in one statement: its city's counter
 * for a city or county, the sum and number of its cities' counters for a province (counters
 * only grow, so the sum changes whenever one does).
 */
async function basisAndStamp(
  db: Kysely<DB>,
  col: CountColumn,
  code: string,
  city: string,
): Promise<{ basis: CountBasis; stamp: string } | undefined> {
  // Compiled once per region level (asked by every dashboard), the code swapped in.
  const query = compiledOnce(
    db,
    `count-basis-and-stamp-${col === 'province_code' ? 'province' : 'city'}`,
    () => {
      const stamp =
        col === 'province_code'
          ? sql`(select coalesce(sum(version), 0) || '/' || count(*) from problem_count_stamps where province_code = ${''})`
          : sql`(select version from problem_count_stamps where city_code = ${''})`;
      return sql<BasisAndStampRow>`select valid_on, yellow_within_days, stalled_after_days, generation, ${stamp} as stamp
       from problem_count_state where id = 1`.compile(db);
    },
  );
  const { rows } = await db.executeQuery<BasisAndStampRow>({
    ...query,
    parameters: [col === 'province_code' ? code : city],
  });
  const r = rows[0];
  if (!r || r.valid_on === '') return undefined;
  return {
    basis: {
      validOn: r.valid_on,
      yellowWithinDays: Number(r.yellow_within_days),
      stalledAfterDays: Number(r.stalled_after_days),
      generation: Number(r.generation),
    },
    stamp: String(r.stamp ?? 0),
  };
}

/*
 * Answers of this process, each with the stamp it was computed at: reused only while the
 * stamp is unchanged, so exact however long it is kept. Bounded, oldest dropped first.
 */
interface Answer {
  stamp: string;
  counts: RegionCounts;
  basis: CountBasis;
  /** The region's notice counters before the read (PostgreSQL with a listener). */
  mark: NoticeMark | undefined;
}

/** The rollup holds the lights of this date and these thresholds. */
const current = (basis: CountBasis, q: { today: string; rules: CampaignRules }) =>
  basis.validOn === q.today && sameThresholds(basis, q.rules);
const ANSWERS_MAX = 2000;
const answers = new WeakMap<Kysely<DB>, Map<string, Answer>>();

function answersOf(db: Kysely<DB>): Map<string, Answer> {
  let cache = answers.get(db);
  if (!cache) {
    cache = new Map();
    answers.set(db, cache);
  }
  return cache;
}

function remember(cache: Map<string, Answer>, key: string, answer: Answer): void {
  cache.delete(key);
  if (cache.size >= ANSWERS_MAX) cache.delete(cache.keys().next().value as string);
  cache.set(key, answer);
}

function present(
  lights: { status: string; area: string; warning: string; n: number | string }[],
  children: { code: string; total: number | string; open: number | string; overdue: number | string }[],
): RegionCounts {
  const statusArea = new Map<string, { status: string; area: string; n: number }>();
  const warnings = { red: 0, yellow: 0, stalled: 0, green: 0 };
  for (const l of lights) {
    const n = Number(l.n);
    const key = `${l.status}\u0000${l.area}`;
    const sa = statusArea.get(key) ?? { status: l.status, area: l.area, n: 0 };
    sa.n += n;
    statusArea.set(key, sa);
    if (l.warning !== '') warnings[l.warning as keyof typeof warnings] += n;
  }
  return {
    // Cells emptied by later moves stay with n = 0: the live GROUP BY has no such groups.
    byStatusArea: [...statusArea.values()].filter((sa) => sa.n !== 0),
    warnings,
    children: children
      .map((c) => ({
        code: c.code === '' ? null : c.code,
        total: Number(c.total),
        open: Number(c.open),
        overdue: Number(c.overdue),
      }))
      .filter((c) => c.total !== 0),
  };
}
