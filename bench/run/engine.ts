import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { DEFAULT_RULES } from '../../src/core/rules.js';
import { todayInShanghai } from '../../src/core/working-days.js';
import { type Database, openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrator.js';
import { readCountBasis, rebuildCounts, sameThresholds } from '../../src/db/problem.counts.js';
import { listProblemRows } from '../../src/db/problem.query.js';
import { buildCases, type Case, type Run } from './cases.js';
import { type Fixtures, loadFixtures } from './fixtures.js';
import { explainAll, type Plan } from './plans.js';
import { checkTargets, type Measured, machine, type Report } from './report.js';
import { memoryOf, type RunningServer, startServer, withPeakRss } from './server.js';
import { type Statements, statementsPerRequest } from './statements.js';
import { warmCache } from './warm.js';

export interface Options {
  engine: 'sqlite' | 'postgres';
  url: string;
  cases: string[] | null;
  duration: number;
  connections: number;
  onResult: (m: Measured) => void;
  onPlans: (plans: Plan[]) => void;
  onStatements: (s: Statements[]) => void;
  /** The duban CLI entry: src/cli/main.ts (tsx) or a compiled main.js. */
  serverEntry: string;
  /** The commit the server was built from. */
  commit: string;
}

/**
 * The server's daily job recounts the dashboard rollup when its date is not today (the dataset
 * was counted for its `--today`): done here first, so that it does not run beside the first
 * cases (a minute of CPU at 1M problems, and its memory in the server's peak RSS).
 */
async function countForToday(database: Database): Promise<void> {
  const today = todayInShanghai(new Date().toISOString());
  const basis = await readCountBasis(database.db);
  if (basis?.validOn === today && sameThresholds(basis, DEFAULT_RULES)) return;
  const started = performance.now();
  await rebuildCounts(database.db, today, DEFAULT_RULES);
  console.log(
    `dashboard counts rebuilt for ${today} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
}

/** Everything for one engine: fixtures, plans, servers, every case, the report. */
export async function benchEngine(o: Options): Promise<Report> {
  const database = openDatabase(o.url);
  // As the server would at its start: the plans below are of the schema it serves.
  const started = performance.now();
  const applied = await migrateToLatest(database.db);
  if (applied.length)
    console.log(`migrated: ${applied.join(', ')} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  const size = async () =>
    o.engine === 'sqlite'
      ? statSync(database.location).size
      : Number(
          (await sql<{ s: string }>`select pg_database_size(current_database()) as s`.execute(database.db))
            .rows[0]!.s,
        );
  await warmCache(database);
  await countForToday(database);
  const fixtures = await loadFixtures(database, size);
  const cursor = await deepCursor(database.db, fixtures, 40);
  const version =
    o.engine === 'sqlite'
      ? `SQLite ${(database.sqlite!.prepare('select sqlite_version() as v').get() as { v: string }).v}`
      : `PostgreSQL ${(await sql<{ v: string }>`select current_setting('server_version') as v`.execute(database.db)).rows[0]!.v}`;
  const handle = { sqlite: database.sqlite, url: o.engine === 'postgres' ? o.url : undefined };
  const plans = await explainAll(o.engine, handle, fixtures, cursor);
  o.onPlans(plans);
  const statements = await statementsPerRequest(o.engine, handle, fixtures, cursor);
  o.onStatements(statements);
  await database.close();

  const cases = buildCases(fixtures, cursor).filter(
    (c) => (!o.cases || o.cases.includes(c.name)) && !(c.durable && o.engine === 'postgres'),
  );
  const results: Measured[] = [];
  const peakRss: Record<string, number> = {};
  let servers = await startBoth(o.url, false, o.serverEntry);
  let durable = false;
  for (const c of cases) {
    if (Boolean(c.durable) !== durable) {
      durable = Boolean(c.durable);
      await stopBoth(servers, peakRss);
      servers = await startBoth(o.url, durable, o.serverEntry);
    }
    const measured: Omit<Measured, 'ratio'>[] = [];
    for (const run of c.runs) {
      await Promise.all([servers.duban.idle(), servers.naive.idle()]);
      measured.push(await measure(c, run, servers[run.server], o));
    }
    for (const m of measured) {
      results.push({ ...m, ratio: ratioToCeiling(results, measured, m) });
      o.onResult(results[results.length - 1]!);
    }
  }
  await stopBoth(servers, peakRss);
  return {
    engine: o.engine,
    date: new Date().toISOString().slice(0, 10),
    machine: machine(version, o.commit),
    dataset: { ...pick(fixtures), dbBytes: await sizeAfter(o.url, o.engine) },
    settings: { connections: o.connections, durationSeconds: o.duration },
    results,
    peakRss,
    plans,
    statements,
    checks: checkTargets(results, peakRss),
  };
}

const pick = ({ token, ids, open, counties, scope, ...rest }: Fixtures) => rest;

async function sizeAfter(url: string, engine: string): Promise<number> {
  const database = openDatabase(url);
  try {
    if (engine === 'sqlite') return statSync(database.location).size;
    return Number(
      (await sql<{ s: string }>`select pg_database_size(current_database()) as s`.execute(database.db))
        .rows[0]!.s,
    );
  } finally {
    await database.close();
  }
}

/** Ratio to the ceiling: duban to the naive server's same case; naive runs and /healthz to bare Fastify. */
function ratioToCeiling(
  results: Measured[],
  sameCase: Omit<Measured, 'ratio'>[],
  m: Omit<Measured, 'ratio'>,
) {
  const naive = sameCase.find((r) => r.label === 'naive');
  const bare = results.find((r) => r.case === 'bare');
  const ceiling = m.label === 'duban' && naive ? naive : m.case !== 'bare' ? bare : undefined;
  return ceiling ? m.rps / ceiling.rps : null;
}

/** Follows `pages` cursors of the province's rectifying list, with src's own query code. */
async function deepCursor(
  db: Parameters<typeof listProblemRows>[0],
  f: Fixtures,
  pages: number,
): Promise<string> {
  let cursor: string | undefined;
  for (let i = 0; i < pages; i++) {
    const page = await listProblemRows(
      db,
      { regionCode: f.province.code, status: ['rectifying'], scope: f.scope },
      { limit: 50, cursor },
    );
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return cursor ?? '';
}

type Servers = Record<'duban' | 'naive', RunningServer>;

// BENCH_HEAP_MB: another heap bound for duban, to weigh memory against throughput.
const HEAP_FLAG = `--max-old-space-size=${process.env.BENCH_HEAP_MB ?? 256}`;

async function startBoth(url: string, durable: boolean, entry: string): Promise<Servers> {
  const env = {
    DATABASE_URL: url,
    // duban reads DUBAN_DURABILITY; the naive server takes SQLite's synchronous setting as it is.
    DUBAN_DURABILITY: durable ? 'full' : 'normal',
    DUBAN_SQLITE_SYNCHRONOUS: durable ? 'FULL' : 'NORMAL',
    DUBAN_DATA_DIR: mkdtempSync(join(tmpdir(), 'duban-bench-')),
    LOG_LEVEL: 'warn',
    DUBAN_RATE_LIMIT_GLOBAL: '1000000',
    DUBAN_ENCRYPTION_KEY: process.env.DUBAN_ENCRYPTION_KEY!,
    ...(process.env.DUBAN_SQLITE_CACHE_MB
      ? { DUBAN_SQLITE_CACHE_MB: process.env.DUBAN_SQLITE_CACHE_MB }
      : {}),
  };
  const naive = await startServer('naive', ['bench/naive/server.ts'], env, '/ready');
  // BENCH_CPU_PROF=DIR: duban writes a V8 CPU profile per run there (open in Chrome DevTools).
  const prof = process.env.BENCH_CPU_PROF;
  // The heap bound `npm start` and docs/operations.md give the server: without it V8 lets a busy
  // server's heap grow lazily (healthz alone reached 317 MB at 40k requests/s).
  const flags = [HEAP_FLAG, ...(prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : [])];
  const duban = await startServer('duban', [...flags, entry, 'serve'], env, '/readyz');
  return { duban, naive };
}

async function stopBoth(s: Servers, peakRss: Record<string, number>): Promise<void> {
  for (const [name, server] of Object.entries(s)) {
    peakRss[name] = Math.max(peakRss[name] ?? 0, memoryOf(server.pid, 'VmHWM'));
    await server.stop();
  }
}

async function measure(
  c: Case,
  run: Run,
  server: RunningServer,
  o: Options,
): Promise<Omit<Measured, 'ratio'>> {
  // A 30 s timeout: a slow answer is a latency to report, not an error.
  const opts = { url: server.url, connections: o.connections, requests: [run.request], timeout: 30 };
  // Warm-up for reads only: a write's unread answers would leave stale versions behind.
  if (run.request.method === 'GET') {
    await autocannon({ ...opts, duration: 1 });
    await server.idle();
  }
  const { result, peak } = await withPeakRss(server.pid, () => autocannon({ ...opts, duration: o.duration }));
  return {
    case: c.name,
    what: c.what,
    label: run.label,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    rssBytes: peak,
  };
}
