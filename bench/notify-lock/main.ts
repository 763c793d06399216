/**
 * What a NOTIFY inside a write transaction costs PostgreSQL's other writers (decision 0015):
 * `--clients` writers, each updating a row of its own, commit as fast as they can, three ways:
 * no notice (a `select` in its place, so every way sends the same statements), a `pg_notify`
 * inside the transaction (what migration 0013's triggers did), and a `pg_notify` after the
 * commit in a statement of its own (what count-notices.ts does, there shared by a few
 * milliseconds of commits). Prints commits per second, best of `--rounds`.
 *   npx tsx bench/notify-lock/main.ts [--url postgres://postgres@127.0.0.1:5432/postgres] [--seconds 3]
 */
import { parseArgs } from 'node:util';
import pg from 'pg';

const { values: opts } = parseArgs({
  options: {
    url: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    seconds: { type: 'string', default: '3' },
    clients: { type: 'string', default: '32' },
    rounds: { type: 'string', default: '2' },
  },
});
const seconds = Number(opts.seconds);
const clients = Number(opts.clients);
const table = `duban_notify_probe_${process.pid}`;

type Way = 'none' | 'inside' | 'after';
const NOTIFY = "select pg_notify('duban_notify_probe', $1)";

/** One writer's transaction, its notice where `way` puts it. */
async function commitOnce(c: pg.Client, id: number, way: Way): Promise<void> {
  await c.query('begin');
  await c.query(`update ${table} set n = n + 1 where id = $1`, [id]);
  if (way !== 'after') await c.query(way === 'inside' ? NOTIFY : 'select $1::text', [String(id)]);
  await c.query('commit');
  if (way === 'after') await c.query(NOTIFY, [String(id)]);
}

async function run(way: Way): Promise<number> {
  const conns = await Promise.all(
    Array.from({ length: clients }, async () => {
      const c = new pg.Client(opts.url);
      await c.connect();
      return c;
    }),
  );
  let commits = 0;
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    conns.map(async (c, i) => {
      while (performance.now() < end) {
        await commitOnce(c, i + 1, way);
        commits++;
      }
    }),
  );
  await Promise.all(conns.map((c) => c.end()));
  return commits / seconds;
}

const admin = new pg.Client(opts.url);
await admin.connect();
await admin.query(`create table ${table} (id int primary key, n int not null)`);
await admin.query(`insert into ${table} select g, 0 from generate_series(1, $1::int) g`, [clients]);
try {
  const best: Record<Way, number> = { none: 0, inside: 0, after: 0 };
  for (let r = 0; r < Number(opts.rounds); r++)
    for (const way of ['none', 'inside', 'after'] as const) best[way] = Math.max(best[way], await run(way));
  console.log(`${clients} writers, a row each, ${seconds} s per way, best of ${opts.rounds}:`);
  for (const way of ['none', 'inside', 'after'] as const)
    console.log(
      `  notice ${way.padEnd(6)} ${best[way].toFixed(0).padStart(6)} commits/s  (${(best[way] / best.none).toFixed(2)}× none)`,
    );
} finally {
  await admin.query(`drop table ${table}`);
  await admin.end();
}
