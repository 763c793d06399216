import { parseArgs } from 'node:util';
import type SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { DEFAULT_RULES } from '../../src/core/rules.js';
import { warningPredicates } from '../../src/core/warnings.js';
import { todayInShanghai } from '../../src/core/working-days.js';
import { openDatabase } from '../../src/db/database.js';
import { listProblemRows } from '../../src/db/problem.query.js';
import { problemStats } from '../../src/db/problem.stats.js';
import type { DB } from '../../src/db/schema.js';
import { DEFAULT_PG_URL } from '../generate/target.js';
import { loadFixtures } from '../run/fixtures.js';
import { CANDIDATES } from './candidates.js';

/**
 * What-if: the list and dashboard queries of src/db, timed on the generated data as they are,
 * with each candidate index (created in a transaction, then rolled back), and on SQLite with
 * a prepared-statement cache. `npm run bench -- …` measures the server; this isolates the SQL.
 */
const { values: opts } = parseArgs({
  options: {
    db: { type: 'string', default: 'data/bench-100000.db' },
    url: { type: 'string' },
    engine: { type: 'string', default: 'sqlite' },
  },
});
const url = opts.engine === 'postgres' ? (opts.url ?? DEFAULT_PG_URL) : `sqlite:${opts.db}`;
const database = openDatabase(url);
const f = await loadFixtures(database, async () => 0);
const p = warningPredicates(todayInShanghai(new Date().toISOString()), DEFAULT_RULES);
const OPEN = ['assigned', 'acknowledged', 'plan_submitted', 'plan_returned', 'rectifying'] as const;
const queries: [string, (db: Kysely<DB>) => Promise<unknown>][] = [
  [
    'list province + open + red',
    (db) =>
      listProblemRows(
        db,
        {
          regionCode: f.province.code,
          status: [...OPEN],
          warning: { level: 'red', predicates: p },
          scope: f.scope,
        },
        { limit: 50 },
      ),
  ],
  [
    'list province, no status',
    (db) => listProblemRows(db, { regionCode: f.province.code, scope: f.scope }, { limit: 50 }),
  ],
  [
    'list city + rectifying + red',
    (db) =>
      listProblemRows(
        db,
        {
          regionCode: f.city.code,
          status: ['rectifying'],
          warning: { level: 'red', predicates: p },
          scope: f.scope,
        },
        { limit: 50 },
      ),
  ],
  ['dashboard province', (db) => problemStats(db, f.province.code, undefined, p, f.scope)],
  ['dashboard city', (db) => problemStats(db, f.city.code, undefined, p, f.scope)],
  // Proposed SQL (not src's yet): see docs/benchmarks.md.
  ['proposed: open + red on due_key, page then names', (db) => proposedOpenRed(db)],
  ['proposed: red/yellow/stalled counts, open rows only', (db) => proposedWarnings(db)],
  ['proposed: province totals from rollup', (db) => proposedRollup(db)],
];

/** The open-statuses list with the partial-index predicate spelled out and red as a due_key range. */
function proposedOpenRed(db: Kysely<DB>) {
  const page = db
    .selectFrom('problems')
    .select([
      'id',
      'due_key',
      'region_code',
      'lead_unit_id',
      'title',
      'status',
      'deadline',
      'code',
      'version',
    ])
    .where('province_code', '=', f.province.code)
    .where('status', 'in', [...OPEN])
    .where('status', 'not in', ['handled', 'closed', 'dismissed', 'merged'])
    .where('due_key', '<', p.redBefore)
    .orderBy('due_key')
    .orderBy('id')
    .limit(51)
    .as('p');
  return db
    .selectFrom(page)
    .leftJoin('regions', 'regions.code', 'p.region_code')
    .leftJoin('units', 'units.id', 'p.lead_unit_id')
    .selectAll('p')
    .select(['regions.name as region_name', 'units.name as lead_unit_name'])
    .orderBy('p.due_key')
    .orderBy('p.id')
    .execute();
}

/** Warning counts over open problems only, with the partial-index predicate spelled out. */
function proposedWarnings(db: Kysely<DB>) {
  return sql`select
      sum(case when deadline < ${p.redBefore} then 1 else 0 end) as red,
      sum(case when deadline >= ${p.redBefore} and (deadline <= ${p.yellowUntil} or supervision_deadline <= ${p.yellowUntil}
        or (status in ('acknowledged','plan_returned') and plan_due_on < ${p.redBefore})) then 1 else 0 end) as yellow,
      sum(case when status = 'rectifying' and progress_reference_on < ${p.stalledBefore} then 1 else 0 end) as stalled
    from problems
    where province_code = ${f.province.code} and status not in ('handled','closed','dismissed','merged')`.execute(
    db,
  );
}

// Set while the rollup candidate's table exists (a failed statement would abort a PostgreSQL transaction).
let rollupReady = false;

async function proposedRollup(db: Kysely<DB>) {
  if (!rollupReady) return null;
  return sql`select city_code, status, area, sum(n) as n from whatif_counts
    where province_code = ${f.province.code} group by city_code, status, area`.execute(db);
}

async function best(db: Kysely<DB>, fn: (db: Kysely<DB>) => Promise<unknown>, runs = 5): Promise<number> {
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    if ((await fn(db)) === null) return Number.NaN;
    min = Math.min(min, performance.now() - t);
  }
  return min;
}

const row = (label: string, times: number[]) =>
  `| ${label} | ${times.map((t) => (Number.isNaN(t) ? '—' : t.toFixed(2))).join(' | ')} |`;
const header = ['query', 'as is', ...CANDIDATES.map((c) => `+ ${c.name}`)];
console.log(`| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|`);

const pool = database.engine === 'postgres' ? new pg.Pool({ connectionString: url, max: 1 }) : undefined;
const client = pool ? await pool.connect() : undefined;
// One connection, so the uncommitted indexes are visible to the measured queries.
const db = new Kysely<DB>({
  dialect: client
    ? new PostgresDialect({ pool: { connect: async () => keep(client), end: async () => {} } as never })
    : new SqliteDialect({ database: database.sqlite! }),
});
/** The client with release() made a no-op: Kysely releases after every query. */
function keep(c: pg.PoolClient) {
  return new Proxy(c, {
    get: (target, key) => {
      if (key === 'release') return () => {};
      const v = Reflect.get(target, key, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

const results = new Map<string, number[]>(queries.map(([n]) => [n, []]));
for (const [name, q] of queries) results.get(name)!.push(await best(db, q));
for (const c of CANDIDATES) {
  await sql`begin`.execute(db);
  for (const ddl of c.ddl) await sql.raw(ddl).execute(db);
  rollupReady = c.name === 'rollup';
  if (client) await sql`analyze problems`.execute(db);
  for (const [name, q] of queries) results.get(name)!.push(await best(db, q));
  await sql`rollback`.execute(db);
  rollupReady = false;
}
for (const [name, times] of results) console.log(row(name, times));
for (const c of CANDIDATES) console.log(`\n- ${c.name}: ${c.why}\n  ${c.ddl.join(';\n  ')}`);

if (database.sqlite) await statementCache(database.sqlite);
client?.release();
await pool?.end();
await database.close();

/** SQLite: Kysely prepares every statement anew; a cache keyed by SQL text reuses them. */
async function statementCache(sqlite: SQLite.Database) {
  const cache = new Map<string, SQLite.Statement>();
  const caching = {
    close: () => {},
    prepare: (text: string) => {
      let s = cache.get(text);
      if (!s) {
        s = sqlite.prepare(text);
        cache.set(text, s);
      }
      return s;
    },
  };
  const plain = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  const cached = new Kysely<DB>({ dialect: new SqliteDialect({ database: caching as never }) });
  const detail = async (k: Kysely<DB>) => {
    for (const id of f.ids.slice(0, 500))
      await k.selectFrom('problems').selectAll().where('id', '=', id).executeTakeFirst();
  };
  const [a, b] = [await best(plain, detail, 3), await best(cached, detail, 3)];
  console.log(
    `\nSQLite statement cache: 500 lookups by id ${a.toFixed(1)} ms → ${b.toFixed(1)} ms (${(a / b).toFixed(1)}× faster)`,
  );
}
