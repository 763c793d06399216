import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { type Database, type Engine, openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrator.js';

const pgUrl = process.env.DUBAN_TEST_PG_URL;

/** The engines this run covers: SQLite always, PostgreSQL when scripts/run-tests.mjs found it. */
export const ENGINES: Engine[] = pgUrl ? ['sqlite', 'postgres'] : ['sqlite'];

/**
 * A fresh, empty database on one engine (a temp file or a new PostgreSQL schema), migrated to
 * the latest schema unless `migrate` is false.
 */
export async function freshDatabase(
  engine: Engine,
  { migrate = true }: { migrate?: boolean } = {},
): Promise<{ database: Database; url: string; drop: () => Promise<void> }> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'duban-test-'));
    const url = `sqlite:${join(dir, 'duban.db')}`;
    const database = openDatabase(url);
    if (migrate) await migrateToLatest(database.db);
    return { database, url, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  // The creation time in the name lets the runner drop only schemas an interrupted run left
  // behind, never those of a run going on beside it (scripts/run-tests.mjs).
  const schema = `t_${Math.floor(Date.now() / 1000)}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = `${pgUrl}${pgUrl!.includes('?') ? '&' : '?'}schema=${schema}`;
  const database = openDatabase(url, { poolSize: 4 });
  if (migrate) await migrateToLatest(database.db);
  return {
    database,
    url,
    drop: async () => {
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}

/**
 * One suite, every engine: `fn` runs inside a describe per engine with a fresh database
 * made before its tests and dropped after them (left unmigrated with `migrate: false`, for
 * the tests of a migration).
 */
export function describeEachEngine(
  name: string,
  fn: (get: () => Database, engine: Engine) => void,
  { migrate = true }: { migrate?: boolean } = {},
): void {
  for (const engine of ENGINES) {
    describe(`${name} [${engine}]`, () => {
      let database: Database | undefined;
      let drop: (() => Promise<void>) | undefined;
      beforeAll(async () => {
        const fresh = await freshDatabase(engine, { migrate });
        database = fresh.database;
        drop = fresh.drop;
      });
      afterAll(async () => {
        await database?.close();
        await drop?.();
      });
      fn(() => {
        if (!database) throw new Error('database not ready');
        return database;
      }, engine);
    });
  }
}
