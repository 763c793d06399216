import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { seedReferenceData } from '../../src/db/reference/seed-reference.js';
import { addUser, createToken } from '../../src/services/accounts.service.js';
import { createServiceContext } from '../../src/services/context.js';
import { createUnit } from '../../src/services/units.service.js';
import { ENGINES, freshDatabase } from '../support/engines.js';

/** A free loopback port, asked of the kernel. */
const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

interface Server {
  url: string;
  child: ChildProcess;
  output: string[];
}

async function startServer(databaseUrl: string): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
    env: {
      ...process.env,
      DUBAN_MODE: 'production',
      DUBAN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      DUBAN_JOB_INTERVAL_MS: '100',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout?.on('data', (d) => output.push(String(d)));
  child.stderr?.on('data', (d) => output.push(String(d)));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return { url, child, output };
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error(`server did not start:\n${output.join('')}`);
}

// Several stateless processes share one PostgreSQL; SQLite is one process by design.
describe.runIf(ENGINES.includes('postgres'))('two server processes on one PostgreSQL', () => {
  let database: Database;
  let drop: () => Promise<void>;
  let servers: Server[] = [];
  let token = '';
  let body: Record<string, unknown> = {};

  beforeAll(async () => {
    const fresh = await freshDatabase('postgres');
    database = fresh.database;
    drop = fresh.drop;
    const ctx = createServiceContext(database.db, 'postgres');
    await seedReferenceData(database.db, { provinces: ['220000'], towns: false });
    const unit = await createUnit(ctx, { name: '吉林省督察办', kind: 'office', regionCode: '220000' });
    await addUser(ctx, { login: 'office', role: 'office', unitId: unit.id });
    token = (await createToken(ctx, 'office')).token;
    body = { title: '多进程测试', source: 'provincial_look_back', areas: ['water'], regionCode: '220184' };
    servers = await Promise.all([startServer(fresh.url), startServer(fresh.url)]);
  }, 90_000);

  afterAll(async () => {
    for (const s of servers) s.child.kill('SIGTERM');
    await database?.close();
    await drop?.();
  });

  const call = (
    i: number,
    method: string,
    path: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) =>
    fetch(`${servers[i % 2]!.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
    });

  it('loses no update: of concurrent writers on the same version one wins, every other gets 412', async () => {
    const created = (await (await call(0, 'POST', '/problems', body)).json()) as { id: string };
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        call(i, 'POST', `/problems/${created.id}/urge`, { text: `督促${i}` }, { 'if-match': '"1"' }),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([200, ...Array(9).fill(412)]);
    const events = (await (await call(1, 'GET', `/problems/${created.id}/events`)).json()) as {
      items: unknown[];
    };
    expect(events.items).toHaveLength(2);
  });

  it('creates once when a retry with the same Idempotency-Key reaches the other process', async () => {
    const headers = { 'idempotency-key': 'multi-process-retry-1' };
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, i) => call(i, 'POST', '/problems', { ...body, title: '重试' }, headers)),
    );
    const ids = new Set(
      await Promise.all(responses.map(async (r) => ((await r.json()) as { id: string }).id)),
    );
    expect(ids.size).toBe(1);
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
  });

  it('fires scheduled work once across both processes', async () => {
    const deadline = Date.now() + 20_000;
    let runs: { job: string; owner: string; outcome: string }[] = [];
    while (Date.now() < deadline) {
      runs = await database.db.selectFrom('job_runs').select(['job', 'owner', 'outcome']).execute();
      if (runs.length === 4 && runs.every((r) => r.outcome !== 'running')) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const jobs = ['audit-seal', 'disable-inactive-accounts', 'problem-counts', 'warning-snapshot'];
    expect(runs.map((r) => r.job).sort()).toEqual(jobs);
    expect(runs.every((r) => r.outcome === 'done')).toBe(true);
    // Both schedulers were ticking; each job ran in exactly one of them.
    for (const job of jobs) {
      const ranIn = servers.filter((s) => s.output.join('').includes(`"job":"${job}"`));
      expect(ranIn, job).toHaveLength(1);
    }
  });

  it("keeps each process's dashboards up with the other's writes (LISTEN/NOTIFY, decision 0013)", async () => {
    const totalOf = async (i: number, region: string) =>
      ((await (await call(i, 'GET', `/stats/problems?regionCode=${region}`)).json()) as { total: number })
        .total;
    // The daily job builds the rollup in one of the processes; its notice reaches the other.
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const job = await database.db
        .selectFrom('job_runs')
        .select('outcome')
        .where('job', '=', 'problem-counts')
        .executeTakeFirst();
      if (job?.outcome === 'done') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    for (const region of ['220000', '220100']) {
      const before = [await totalOf(0, region), await totalOf(1, region)];
      expect(before[0]).toBe(before[1]);
      // Kept in process 1 (asked twice), then a create through process 0 and one through 1.
      await totalOf(1, region);
      expect((await call(0, 'POST', '/problems', { ...body, title: `看板${region}` })).status).toBe(201);
      let seen = await totalOf(1, region);
      for (let i = 0; i < 100 && seen !== before[1]! + 1; i++) {
        await new Promise((r) => setTimeout(r, 20));
        seen = await totalOf(1, region);
      }
      expect(seen, `${region} in process 1 after a create in process 0`).toBe(before[1]! + 1);
      // In the writing process at once, without waiting for its own notice.
      expect((await call(1, 'POST', '/problems', { ...body, title: `看板${region}` })).status).toBe(201);
      expect(await totalOf(1, region)).toBe(before[1]! + 2);
    }
  });
});
