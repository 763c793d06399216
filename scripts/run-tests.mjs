// Runs the whole suite on SQLite and, where PostgreSQL answers, on PostgreSQL too.
// Without PostgreSQL the PostgreSQL half is skipped LOUDLY; DUBAN_REQUIRE_PG=1 (set by
// .ci/run) turns that skip into a failure.
import { spawnSync } from 'node:child_process';
import pg from 'pg';

const url = process.env.DUBAN_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const required = process.env.DUBAN_REQUIRE_PG === '1';

async function postgresAnswers() {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch (err) {
    console.error(`PostgreSQL at ${url.replace(/:[^:@/]*@/, ':***@')} did not answer: ${err.message}`);
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Schemas left by an interrupted earlier run are dropped first: those made more than six hours
 * ago (test/support/engines.ts puts the time in the name), so that two runs side by side on one
 * database never drop each other's.
 */
async function dropStaleTestSchemas() {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const before = Math.floor(Date.now() / 1000) - 6 * 3600;
  const { rows: all } = await client.query("select nspname from pg_namespace where nspname like 't\\_%'");
  const rows = all.filter((r) => {
    const made = /^t_(\d+)_[0-9a-f]+$/.exec(r.nspname);
    return made ? Number(made[1]) < before : /^t_[0-9a-f]{12}$/.test(r.nspname);
  });
  for (const r of rows) await client.query(`drop schema "${r.nspname}" cascade`);
  await client.end();
  if (rows.length) console.log(`dropped ${rows.length} stale test schema(s)`);
}

const env = { ...process.env };
if (await postgresAnswers()) {
  if (process.env.CI === 'true') await dropStaleTestSchemas();
  env.DUBAN_TEST_PG_URL = url;
  console.log(`Engines under test: sqlite, postgres (${url})`);
} else if (required) {
  console.error('DUBAN_REQUIRE_PG=1 but PostgreSQL is not reachable: failing instead of skipping.');
  process.exit(1);
} else {
  delete env.DUBAN_TEST_PG_URL;
  const bar = '!'.repeat(78);
  console.warn(
    `${bar}\n!!  PostgreSQL is not reachable: the PostgreSQL half of the suite is SKIPPED.\n!!  Only SQLite was tested. Start PostgreSQL or set DUBAN_TEST_PG_URL.\n${bar}`,
  );
}

const args = ['vitest', 'run', ...process.argv.slice(2)];
const result = spawnSync('npx', args, { stdio: 'inherit', env });
process.exit(result.status ?? 1);
