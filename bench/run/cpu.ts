import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { openDatabase } from '../../src/db/database.js';
import { DEFAULT_PG_URL } from '../generate/target.js';
import { buildCases } from './cases.js';
import { loadFixtures } from './fixtures.js';
import { buildServer, type RunningServer, startServer } from './server.js';

/*
 * CPU per request of each server, for A/B comparisons on a busy machine: throughput moves with
 * whatever else runs, the server process's own CPU time per request much less. Sends a fixed
 * number of requests per round (autocannon `amount`) and reads utime + stime of the server
 * from /proc before and after; prints each round and the median.
 *
 *   npx tsx bench/run/cpu.ts --db /tmp/d100k.db --case detail --requests 20000 --rounds 5
 *   BENCH_CPU_PROF=DIR ... writes V8 CPU profiles of both servers there (--only duban|naive: one).
 */
const { values: opts } = parseArgs({
  options: {
    engine: { type: 'string', default: 'sqlite' },
    db: { type: 'string', default: 'data/bench-100000.db' },
    url: { type: 'string', default: DEFAULT_PG_URL },
    case: { type: 'string', multiple: true },
    requests: { type: 'string', default: '20000' },
    rounds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '16' },
    server: { type: 'string', default: 'built' },
    // A compiled CLI entry to run as duban instead (e.g. another commit's build, for A/B).
    entry: { type: 'string' },
    only: { type: 'string' },
  },
});

process.env.DUBAN_ENCRYPTION_KEY ??= randomBytes(32).toString('base64');
const url = opts.engine === 'postgres' ? opts.url : `sqlite:${opts.db}`;
const wanted = opts.case?.flatMap((c) => c.split(',')) ?? ['detail'];
const requests = Number(opts.requests);
const rounds = Number(opts.rounds);

const database = openDatabase(url);
const fixtures = await loadFixtures(database, async () => 0);
await database.close();
const cases = buildCases(fixtures, '').filter((c) => wanted.includes(c.name));

const entry = opts.entry ?? (opts.server === 'tsx' ? 'src/cli/main.ts' : buildServer());
const env = {
  DATABASE_URL: url,
  DUBAN_DURABILITY: 'normal',
  DUBAN_SQLITE_SYNCHRONOUS: 'NORMAL',
  DUBAN_DATA_DIR: mkdtempSync(join(tmpdir(), 'duban-cpu-')),
  LOG_LEVEL: 'warn',
  DUBAN_RATE_LIMIT_GLOBAL: '1000000',
  DUBAN_ENCRYPTION_KEY: process.env.DUBAN_ENCRYPTION_KEY,
};
const prof = process.env.BENCH_CPU_PROF;
const flags = [
  '--max-old-space-size=256',
  ...(prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : []),
  // e.g. --perf-basic-prof, to profile the servers with `perf record -p PID`.
  ...(process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? []),
];
const servers: Partial<Record<'duban' | 'naive', RunningServer>> = {};
if (opts.only !== 'duban')
  servers.naive = await startServer('naive', [...flags.slice(1), 'bench/naive/server.ts'], env, '/ready');
if (opts.only !== 'naive')
  servers.duban = await startServer('duban', [...flags, entry, 'serve'], env, '/readyz');
for (const [name, s] of Object.entries(servers)) console.log(`${name}: pid ${s.pid}`);

/** utime + stime of a process (all threads), or of its main thread, in microseconds. */
function cpuOf(pid: number, mainThread = false): number {
  const file = mainThread ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`;
  const fields = readFileSync(file, 'utf8').split(') ')[1]!.split(' ');
  // After "pid (comm) ": state is field 0, utime field 11, stime field 12 (clock ticks, 100/s).
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

/** CPU of every PostgreSQL process on this machine (backends included), in microseconds. */
function postgresCpu(): number {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.indexOf(')')) === 'postgres') total += cpuOf(Number(pid));
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}
const onPostgres = opts.engine === 'postgres';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

try {
  for (const c of cases) {
    const perServer: Record<string, number[]> = {};
    for (let round = 0; round < rounds; round++) {
      for (const run of c.runs) {
        const server = servers[run.server];
        if (!server) continue;
        const o = {
          url: server.url,
          connections: Number(opts.connections),
          requests: [run.request],
          timeout: 30,
        };
        if (round === 0) await autocannon({ ...o, amount: Math.min(requests, 5000) });
        await server.idle();
        const before = cpuOf(server.pid);
        const beforeMain = cpuOf(server.pid, true);
        const beforeDb = onPostgres ? postgresCpu() : 0;
        const t = performance.now();
        const client = process.cpuUsage();
        const r = await autocannon({ ...o, amount: requests });
        const wall = performance.now() - t;
        // The load generator's CPU (autocannon runs in this process): with two cores it can be
        // the ceiling of both servers, and it grows with the bytes of each response.
        const used = process.cpuUsage(client);
        const clientUs = (used.user + used.system) / requests;
        const us = (cpuOf(server.pid) - before) / requests;
        // The event loop's thread bounds the throughput; GC helpers and workers run beside it.
        const main = (cpuOf(server.pid, true) - beforeMain) / requests;
        // On PostgreSQL the database's work is in its own processes: counted apart.
        const db = onPostgres ? (postgresCpu() - beforeDb) / requests : 0;
        const add = (key: string, value: number) => {
          perServer[key] = [...(perServer[key] ?? []), value];
        };
        if (onPostgres) add(`${run.label} database`, db);
        add(run.label, us);
        add(`${run.label} main thread`, main);
        console.log(
          `${c.name.padEnd(18)} ${run.label.padEnd(6)} round ${round + 1}: ${us.toFixed(1)} µs CPU/request (main thread ${main.toFixed(1)}${onPostgres ? `, PostgreSQL ${db.toFixed(1)}` : ''}), ${Math.round((requests / wall) * 1000)}/s, ${Math.round(r.throughput.total / requests)} B/response, client ${clientUs.toFixed(0)} µs/request${r.non2xx + r.errors ? `  (${r.non2xx} non-2xx, ${r.errors} errors)` : ''}`,
        );
      }
    }
    const m = Object.fromEntries(Object.entries(perServer).map(([k, v]) => [k, median(v)]));
    const main = (label: string) => m[`${label} main thread`];
    const ratio =
      m.duban && m.naive
        ? `  naive÷duban CPU ${(m.naive / m.duban).toFixed(2)}×, main thread ${(main('naive')! / main('duban')!).toFixed(2)}×`
        : '';
    console.log(
      `== ${c.name}: median ${Object.entries(m)
        .map(([k, v]) => `${k} ${v.toFixed(1)} µs`)
        .join(', ')}${ratio}`,
    );
  }
} finally {
  for (const s of Object.values(servers)) await s.stop();
  rmSync(env.DUBAN_DATA_DIR, { recursive: true, force: true });
}
