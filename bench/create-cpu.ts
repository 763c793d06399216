import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/db/database.js';
import { buildApp } from '../src/http/app.js';
import { addUser, createToken, findUserByLogin, loadActor } from '../src/services/accounts.service.js';
import { createServiceContext } from '../src/services/context.js';
import { registerProblem } from '../src/services/problems/problem.service.js';
import { threadCpuSeconds } from './generate/thread-cpu.js';

/*
 * CPU per create in the service, in process (no HTTP): `npm run bench:data -- --problems 20000
 * --out /tmp/c.db`, then `npx tsx bench/create-cpu.ts --db /tmp/c.db` (a copy of the file is
 * written to, so every run starts from the same data), or `--url postgres://…` (writes to that
 * database). Creates `--n` problems, `--concurrency` at a time as the server would, in the
 * counties of the biggest province, as one office user (the bench's), and prints CPU µs per
 * create: the main thread's (where the service runs) and the whole process's (with the WAL
 * checkpointer, on SQLite). `--http` sends each create through the whole app (app.inject) instead
 * of calling the service; `--spread` creates in the counties of every province (service only), so
 * no ledger row is shared by all of them. `node --cpu-prof --import tsx bench/create-cpu.ts …` profiles it.
 */
const { values: opts } = parseArgs({
  options: {
    db: { type: 'string', default: '/tmp/c.db' },
    url: { type: 'string' },
    n: { type: 'string', default: '5000' },
    concurrency: { type: 'string', default: '32' },
    rounds: { type: 'string', default: '3' },
    idempotency: { type: 'boolean', default: false },
    http: { type: 'boolean', default: false },
    spread: { type: 'boolean', default: false },
  },
});
const n = Number(opts.n);
const concurrency = Number(opts.concurrency);

let url = opts.url;
let copyDir: string | undefined;
if (!url) {
  if (!existsSync(opts.db))
    throw new Error(`no ${opts.db}: npm run bench:data -- --problems 20000 --out ${opts.db}`);
  copyDir = mkdtempSync(join(tmpdir(), 'create-cpu-'));
  const copy = join(copyDir, 'c.db');
  copyFileSync(opts.db, copy);
  url = `sqlite:${copy}`;
}
const database = openDatabase(url);
const { db } = database;
const ctx = createServiceContext(db, database.engine, { cacheTtlMs: 5000 });

const province = await db
  .selectFrom('problems')
  .select(['province_code', (eb) => eb.fn.countAll<number>().as('n')])
  .groupBy('province_code')
  .orderBy('n', 'desc')
  .limit(1)
  .executeTakeFirstOrThrow();
const counties = (
  await db
    .selectFrom('regions')
    .select('code')
    .$if(!opts.spread, (q) => q.where('province_code', '=', province.province_code))
    .where('level', '=', 'county')
    .execute()
).map((r) => r.code);
const LOGIN = 'bench-office';
if (!(await findUserByLogin(ctx, LOGIN))) {
  const office = await db
    .selectFrom('units')
    .select('id')
    .where('region_code', '=', province.province_code)
    .where('kind', '=', 'office')
    .executeTakeFirst();
  await addUser(ctx, { login: LOGIN, displayName: '性能测试', role: 'office', unitId: office?.id ?? null });
}
const office = await loadActor(ctx, (await findUserByLogin(ctx, LOGIN))!);
// --spread: creates in every county of the country (no province's ledger row shared by all).
const actor = opts.spread ? { ...office, scope: [{ kind: 'all' as const }] } : office;

// --http: through the whole app (auth, validation, serialisation), as app.inject sends it.
const app = opts.http ? await buildApp({ ctx, hardening: { globalPerMinute: 1_000_000_000 } }) : undefined;
const token = opts.http
  ? (await createToken(ctx, LOGIN, { name: 'create-cpu', expiresInDays: 1 })).token
  : '';
let made = 0;
const body = (i: number) => ({
  title: '群众反映河道两侧堆放生活垃圾',
  description: '性能测试：河道两侧堆放生活垃圾，雨季冲刷入河。',
  source: 'public_complaint',
  areas: ['water'],
  regionCode: counties[i % counties.length]!,
});
async function createMany(count: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = made + next++;
      const input = body(i);
      if (app) {
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/problems',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            ...(opts.idempotency ? { 'idempotency-key': `cpu-${process.pid}-${i}` } : {}),
          },
          payload: input,
        });
        if (res.statusCode !== 201) throw new Error(`HTTP ${res.statusCode}: ${res.body}`);
        continue;
      }
      await registerProblem(
        ctx,
        actor,
        input,
        opts.idempotency
          ? { key: `cpu-${process.pid}-${i}`, request: { path: '/problems', body: input } }
          : undefined,
      );
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  made += count;
}

await createMany(Math.min(500, n)); // warm-up: caches, statements, JIT
const results: { thread: number | null; process: number; wall: number }[] = [];
for (let r = 0; r < Number(opts.rounds); r++) {
  const t0 = threadCpuSeconds();
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  await createMany(n);
  const wall = performance.now() - w0;
  const c = process.cpuUsage(c0);
  const t1 = threadCpuSeconds();
  results.push({
    thread: t0 === null || t1 === null ? null : ((t1 - t0) * 1e6) / n,
    process: (c.user + c.system) / n,
    wall: (wall * 1000) / n,
  });
}
const fmt = (v: number | null) => (v === null ? '—' : v.toFixed(0).padStart(6));
console.log(`${database.engine}, ${n} creates × ${results.length} rounds, ${concurrency} at a time`);
console.log('round  main-thread µs/create  process µs/create  wall µs/create');
results.forEach((r, i) => {
  console.log(
    `${String(i + 1).padStart(5)}  ${fmt(r.thread).padStart(21)}  ${fmt(r.process).padStart(17)}  ${fmt(r.wall).padStart(14)}`,
  );
});
const best = (k: 'thread' | 'process') => Math.min(...results.map((r) => r[k] ?? Number.POSITIVE_INFINITY));
console.log(
  `best: main thread ${best('thread').toFixed(0)} µs, process ${best('process').toFixed(0)} µs per create`,
);
if (database.commits)
  console.log(
    `commits ${database.commits.commits}, transactions ${database.commits.transactions}, ` +
      `${((database.commits.commitMs * 1000) / database.commits.transactions).toFixed(0)} µs in COMMIT per transaction`,
  );
await app?.close();
await database.close();
if (copyDir) rmSync(copyDir, { recursive: true, force: true });
