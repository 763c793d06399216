import type SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { DEFAULT_RULES } from '../../src/core/rules.js';
import { warningPredicates } from '../../src/core/warnings.js';
import { todayInShanghai } from '../../src/core/working-days.js';
import { complaintQuery } from '../../src/db/complaint.query.js';
import { newestFirstPage } from '../../src/db/keyset.js';
import { listProblemRows, type ProblemFilter, regionColumn } from '../../src/db/problem.query.js';
import { problemStats } from '../../src/db/problem.stats.js';
import type { DB } from '../../src/db/schema.js';
import { inRegions, searchRegions } from '../../src/db/search.js';
import { type SearchQuery, searchQuery } from '../../src/text/search-terms.js';
import { SEARCH } from './cases.js';
import { type Explained, postgresExplainer, sqliteExplainer, textIndexFlags } from './explain.js';
import type { Fixtures } from './fixtures.js';

export type Plan = Explained & { name: string; ms: number };

interface Captured {
  sql: string;
  params: readonly unknown[];
}

/** The list filters the API offers, each on the data's biggest province or city. */
function filters(f: Fixtures, cursor: string): [string, ProblemFilter, string?][] {
  const p = warningPredicates(todayInShanghai(new Date().toISOString()), DEFAULT_RULES);
  const w = (level: 'red' | 'yellow' | 'stalled' | 'green' | 'none') => ({ level, predicates: p });
  const city = { regionCode: f.city.code };
  const prov = { regionCode: f.province.code };
  const all: [string, ProblemFilter, string?][] = [
    ['province', prov],
    ['city + status', { ...city, status: ['rectifying'] }],
    ['city + rectifying + red', { ...city, status: ['rectifying'], warning: w('red') }],
    [
      'province + open statuses + red',
      {
        ...prov,
        status: ['assigned', 'acknowledged', 'plan_submitted', 'plan_returned', 'rectifying'],
        warning: w('red'),
      },
    ],
    ['province + rectifying, deep page', { ...prov, status: ['rectifying'] }, cursor],
    ['county + status', { regionCode: f.counties[0]!, status: ['rectifying'] }],
    ['province + yellow', { ...prov, warning: w('yellow') }],
    ['province + stalled', { ...prov, warning: w('stalled') }],
    ['province + green', { ...prov, warning: w('green') }],
    ['province + none', { ...prov, warning: w('none') }],
    ['province + source', { ...prov, source: 'media' }],
    ['province + area + sub-area', { ...prov, area: 'water', subArea: 'black_odorous' }],
    ['province + problem kind', { ...prov, problemKind: 'complaint' }],
    ['province + deadline range', { ...prov, deadlineFrom: '2026-01-01', deadlineTo: '2026-03-31' }],
    ['province + supervised', { ...prov, supervised: true }],
    ['unit', { unitId: f.leadUnit }],
    ['unit (city bureau, co-operating)', { unitId: f.cityBureau }],
    ["unit's staff (scope)", { scope: [{ kind: 'unit', unitId: f.leadUnit }] }],
    [
      "city bureau's staff + status",
      { scope: [{ kind: 'unit', unitId: f.cityBureau }], status: ['rectifying'] },
    ],
    ['campaign', { campaignId: f.campaign }],
    ['work group', { workGroupId: f.workGroup }],
    ['origin', { originId: f.ids[0]! }],
    ['search province (q)', { ...prov, q: searchQuery(SEARCH.problems) }],
    ['search city (q)', { ...city, q: searchQuery(SEARCH.problems) }],
    ['no filter', {}],
  ];
  // The bench user's scope, unless the filter is a unit's staff's (its own scope).
  return all.map(([name, filter, c]) => [name, { scope: f.scope, ...filter }, c]);
}

/** Runs each list filter and the dashboard through src's own query code and explains its SQL. */
export async function explainAll(
  engine: 'sqlite' | 'postgres',
  handle: { sqlite?: SQLite.Database; url?: string },
  f: Fixtures,
  cursor: string,
): Promise<Plan[]> {
  let captured: Captured[] = [];
  const log = (e: { level: string; query: { sql: string; parameters: readonly unknown[] } }) => {
    if (e.level === 'query') captured.push({ sql: e.query.sql, params: e.query.parameters });
  };
  const pool = handle.url ? new pg.Pool({ connectionString: handle.url, max: 1 }) : undefined;
  const dialect = pool ? new PostgresDialect({ pool }) : new SqliteDialect({ database: handle.sqlite! });
  const db = new Kysely<DB>({ dialect, log });
  const explain = engine === 'sqlite' ? sqliteExplainer(handle.sqlite!) : postgresExplainer(pool!);
  const plans: Plan[] = [];
  const time = async (name: string, fn: () => Promise<unknown>, pick: (c: Captured[]) => Captured[]) => {
    captured = [];
    const t = performance.now();
    await fn();
    const ms = performance.now() - t;
    for (const [i, q] of pick(captured).entries()) {
      const e = await explain(q);
      plans.push({ ...e, name: i ? `${name} #${i + 1}` : name, ms: e.ms ?? ms });
    }
  };
  for (const [name, filter, c] of filters(f, cursor))
    await time(
      name,
      () => listProblemRows(db, filter, { limit: 50, cursor: c }),
      (qs) => qs.slice(-1),
    );
  // As the app runs it (complaint.queries.ts): the list's rows in order, each checked for the
  // words, while matches are common; from the region's matches in the index when they are rare.
  const complaintsOf = async (q: SearchQuery | undefined) =>
    complaintQuery(db, {
      scope: f.scope,
      regionCode: f.province.code,
      regionColumn: await regionColumn(db, f.province.code),
      q,
      fromMatches: Boolean(q),
    });
  const page = { limit: 20 };
  const byDate = (r: { received_on: string }) => r.received_on;
  await time(
    'complaints walked for q (rows checked)',
    async () => newestFirstPage(await complaintsOf(undefined), 'received_on', byDate, page),
    (qs) => qs.slice(-1),
  );
  await time(
    'search complaints (q, from the matches)',
    async () => {
      const q = inRegions(searchQuery(SEARCH.complaints)!, searchRegions(f.province.code, f.scope));
      return newestFirstPage(await complaintsOf(q), 'received_on', byDate, page);
    },
    (qs) => qs.slice(-1),
  );
  // A text search must be answered from the search index (FTS5 on SQLite, GIN on PostgreSQL).
  for (const plan of plans)
    if (plan.name.startsWith('search ')) plan.flags.push(...textIndexFlags(engine, plan));
  const p = warningPredicates(todayInShanghai(new Date().toISOString()), DEFAULT_RULES);
  for (const [name, code] of [
    ['dashboard province', f.province.code],
    ['dashboard city', f.city.code],
  ] as const)
    await time(
      name,
      () => problemStats(db, code, undefined, p, f.scope),
      (qs) => qs.slice(1),
    );
  // SQLite: the handle belongs to the caller (destroying the dialect would close it).
  if (pool) await db.destroy();
  return plans;
}
