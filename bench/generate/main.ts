import { statSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { migrateToLatest } from '../../src/db/migrator.js';
import { rebuildCounts } from '../../src/db/problem.counts.js';
import { seedReferenceData } from '../../src/db/reference/seed-reference.js';
import type { DB } from '../../src/db/schema.js';
import { progress } from '../progress.js';
import { loadComplaints } from './complaints.js';
import {
  dropForBulkLoad,
  forTables,
  PROBLEM_TABLES,
  type Restore,
  restorePostgres,
  restoreSqlite,
  SEARCH_TABLES,
  vacuumAnalyze,
} from './indexes.js';
import { loadProblems } from './load.js';
import { continueDocIds, deferFtsMerges, ftsSegments, optimizeFts } from './search.js';
import { buildSkeleton, ledgerSequences } from './skeleton.js';
import { bulkPragmas, indexBuildPragmas, servingPragmas } from './sqlite-writer.js';
import { DEFAULT_PG_URL, defaultSqlitePath, freshDatabase } from './target.js';
import { verifyComplaintSample, verifySample, verifySearchSample } from './verify.js';
import { buildWorld } from './world.js';

const { values: opts } = parseArgs({
  options: {
    problems: { type: 'string', default: '100000' },
    // Public complaints: half as many as problems unless told (national scale: several million).
    complaints: { type: 'string' },
    engine: { type: 'string', default: 'sqlite' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string' },
    url: { type: 'string' },
    today: { type: 'string', default: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10) },
    workers: { type: 'string', default: '2' },
    force: { type: 'boolean', default: false },
  },
});
const engine = opts.engine === 'postgres' ? 'postgres' : 'sqlite';
const n = Number(opts.problems);
const complaintCount = Number(opts.complaints ?? Math.round(n / 2));
const seed = Number(opts.seed);
const location = engine === 'sqlite' ? (opts.out ?? defaultSqlitePath(n)) : (opts.url ?? DEFAULT_PG_URL);
// The data ends at 10:00 Shanghai time on --today: the same seed and day give the same rows.
const nowMs = Date.parse(`${opts.today}T02:00:00Z`);

/** PostgreSQL sessions building indexes and keys at once (one per core). */
const INDEX_CONNECTIONS = Math.max(2, availableParallelism());

const started = performance.now();
const lap = (label: string) =>
  console.log(`${label.padEnd(34)} ${((performance.now() - started) / 1000).toFixed(1)} s`);

const database = await freshDatabase(engine, location, opts.force);
const { db } = database;
if (database.sqlite) bulkPragmas(database.sqlite);
await migrateToLatest(db);
await seedReferenceData(db, {});
lap('schema and regions');

const regions = await db
  .selectFrom('regions')
  .selectAll()
  .where('level', '!=', 'town')
  .orderBy('code')
  .execute();
const { world, rows } = buildWorld(regions, seed, nowMs);
await db.transaction().execute(async (trx) => {
  for (const [table, list] of Object.entries(rows))
    for (let i = 0; i < list.length; i += 500)
      await trx
        .insertInto(table as keyof DB)
        .values(list.slice(i, i + 500) as never)
        .execute();
});
const skeleton = buildSkeleton(world, n);
await db.insertInto('ledger_sequences').values(ledgerSequences(world, skeleton)).execute();
lap(`units, users, ${world.campaigns.length} campaigns`);

const restore = await dropForBulkLoad(db, database.sqlite);
if (database.sqlite) deferFtsMerges(database.sqlite);
await loadProblems(
  world,
  skeleton,
  Number(opts.workers),
  engine === 'sqlite' ? { sqlite: database.sqlite! } : { postgresUrl: location },
);
lap('problems and events');

const restoreIndexes = async (what: Restore[], label: string) => {
  const bar = progress(label, what.length);
  if (database.sqlite) {
    indexBuildPragmas(database.sqlite);
    restoreSqlite(database.sqlite, what, () => bar.add(1));
  } else await restorePostgres(location, what, INDEX_CONNECTIONS, () => bar.add(1));
  bar.finish();
  lap(`${what.length} ${label}`);
};
// The problems' indexes before the complaints: the target is for problems, events and indexes.
await restoreIndexes(forTables(restore, PROBLEM_TABLES), 'indexes and keys');

const complaintSink =
  engine === 'sqlite'
    ? (await import('./sqlite-writer.js')).openSqliteSink(location)
    : await (await import('./postgres-copy.js')).openCopySink(location);
const complaints = await loadComplaints(db, world, skeleton, complaintCount, complaintSink, n + 1);
lap(`complaints (${complaints.repeats} repeats) and their events`);
await restoreIndexes(
  restore.filter((r) => !PROBLEM_TABLES.includes(r.table) && !SEARCH_TABLES.includes(r.table)),
  'complaint indexes and keys',
);
// The search documents were written with their records; what is left is the index itself.
if (database.sqlite) {
  const segments = ftsSegments(database.sqlite);
  optimizeFts(database.sqlite);
  lap(`search index: ${segments} FTS5 segments merged`);
} else {
  await restoreIndexes(forTables(restore, SEARCH_TABLES), 'search index and keys');
  await continueDocIds(db);
}
// Rows were written directly, not through the services: count them for the dashboards once.
const counted = await rebuildCounts(db, opts.today);
lap(`dashboard counts (${counted.cells} cells)`);
if (engine === 'postgres') {
  await vacuumAnalyze(db, location, INDEX_CONNECTIONS);
  lap('vacuum analyze');
}
if (database.sqlite) servingPragmas(database.sqlite);
await verifySample(db, 300);
await verifyComplaintSample(db, 300);
// Fewer documents: on SQLite each is a query for all of its ~100 terms (5–8 ms).
await verifySearchSample(db, 100);
lap('verified 300 problems and 300 complaints, 100 search documents of each');

const count = async (t: 'problems' | 'events') =>
  Number(
    (
      await db
        .selectFrom(t)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const [problems, events] = [await count('problems'), await count('events')];
const size =
  engine === 'sqlite'
    ? statSync(location).size
    : Number(
        (await sql<{ s: string }>`select pg_database_size(current_database()) as s`.execute(db)).rows[0]!.s,
      );
await database.close();
const secs = (performance.now() - started) / 1000;
// CPU of all threads: with other work on the machine, wall time alone says little.
const cpu = process.cpuUsage();
console.log(
  `${engine} ${location}: ${problems} problems, ${events} events (${(events / problems).toFixed(1)} per problem), ` +
    `${(size / 2 ** 30).toFixed(2)} GiB, ${secs.toFixed(1)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(0)} s CPU ` +
    `(this process; load average ${loadavg()[0]!.toFixed(1)}), seed ${seed}, today ${opts.today}; ` +
    `${complaints.complaints} complaints (${complaints.repeats} repeats), their events included above.`,
);
