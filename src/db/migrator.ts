import { type Kysely, type Migration, type MigrationProvider, Migrator, PostgresAdapter, sql } from 'kysely';
import * as m0001 from './migrations/2026-11-25-0001-ledger.js';
import * as m0002 from './migrations/2026-11-25-0002-accounts.js';
import * as m0003 from './migrations/2026-11-25-0003-audit.js';
import * as m0004 from './migrations/2026-11-25-0004-jobs.js';
import * as m0005 from './migrations/2026-11-25-0005-complaints.js';
import * as m0006 from './migrations/2026-11-25-0006-problem-counts.js';
import * as m0007 from './migrations/2026-11-25-0007-count-stamps.js';
import * as m0008 from './migrations/2026-12-04-0008-search.js';
import * as m0009 from './migrations/2026-12-05-0009-search-words.js';
import * as m0010 from './migrations/2026-12-05-0010-complaint-search-text.js';
import * as m0011 from './migrations/2026-12-06-0011-group-and-campaign-lists.js';
import * as m0012 from './migrations/2026-12-06-0012-unit-lists.js';
import * as m0013 from './migrations/2026-12-06-0013-count-notices.js';
import * as m0014 from './migrations/2026-12-08-0014-count-notices-after-commit.js';

/** All migrations, in order. Add new ones here; never edit a released one. */
const MIGRATIONS: Record<string, Migration> = {
  '2026-11-25-0001-ledger': m0001,
  '2026-11-25-0002-accounts': m0002,
  '2026-11-25-0003-audit': m0003,
  '2026-11-25-0004-jobs': m0004,
  '2026-11-25-0005-complaints': m0005,
  '2026-11-25-0006-problem-counts': m0006,
  '2026-11-25-0007-count-stamps': m0007,
  '2026-12-04-0008-search': m0008,
  '2026-12-05-0009-search-words': m0009,
  '2026-12-05-0010-complaint-search-text': m0010,
  '2026-12-06-0011-group-and-campaign-lists': m0011,
  '2026-12-06-0012-unit-lists': m0012,
  '2026-12-06-0013-count-notices': m0013,
  '2026-12-08-0014-count-notices-after-commit': m0014,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** Brings the schema to the latest migration; returns the names applied now. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const schema = await postgresSchema(db);
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Brings the schema up (or down) to the named migration: tests of a migration's backfill. */
export async function migrateTo(db: Kysely<any>, name: string): Promise<void> {
  const schema = await postgresSchema(db);
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error } = await migrator.migrateTo(name);
  if (error) throw error instanceof Error ? error : new Error(String(error));
}

export const migrationNames = () => Object.keys(MIGRATIONS);

/**
 * On PostgreSQL, the schema in use. Kysely looks for its bookkeeping tables in every schema
 * unless told which: with several schemas in one database (tests, tenants) it would find
 * another schema's tables and skip creating its own.
 */
async function postgresSchema(db: Kysely<any>): Promise<string | undefined> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return undefined;
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return rows[0]?.schema;
}
