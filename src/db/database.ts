import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';

export type Engine = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  engine: Engine;
  /** For SQLite: the file path (or ':memory:'); for PostgreSQL: the URL without password. */
  location: string;
  /** The raw SQLite handle (online backup, pragmas); absent on PostgreSQL. */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** SQLite durability: NORMAL is safe in WAL against crashes; FULL also against power loss. */
  sqliteSynchronous?: 'NORMAL' | 'FULL';
  poolSize?: number;
}

/** The default when DATABASE_URL is unset. */
export const DEFAULT_DATABASE_URL = 'sqlite:./data/duban.db';

// pg returns bigint (count(*)) as strings; our counts fit in a JS number.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

/** Opens the database named by a URL: `sqlite:PATH`, `sqlite::memory:` or `postgres://…`. */
export function openDatabase(url: string = DEFAULT_DATABASE_URL, options: DatabaseOptions = {}): Database {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return openPostgres(url, options);
  if (url.startsWith('sqlite:')) return openSqlite(url.slice('sqlite:'.length), options);
  throw new Error(`DATABASE_URL must start with sqlite: or postgres:// (got "${url.split(':')[0]}:…")`);
}

function openSqlite(path: string, options: DatabaseOptions): Database {
  const file = path === ':memory:' ? path : resolve(path);
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${options.sqliteSynchronous ?? 'NORMAL'}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Deleted content is overwritten, not left in free pages (residual information).
  sqlite.pragma('secure_delete = ON');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, engine: 'sqlite', location: file, sqlite, close: () => db.destroy() };
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query anew; SQLite's prepare costs more than most of our look-ups.
 * Statements are reusable, so keep the compiled ones by their SQL text (bounded).
 */
function withStatementCache(sqlite: SQLite.Database) {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      statements.clear();
      sqlite.close();
    },
    prepare: (sql: string) => {
      let statement = statements.get(sql);
      if (!statement) {
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.clear();
        statement = sqlite.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}

function openPostgres(url: string, options: DatabaseOptions): Database {
  const parsed = new URL(url);
  // `?schema=NAME` isolates a test run (or a tenant) in its own schema.
  const schema = parsed.searchParams.get('schema');
  parsed.searchParams.delete('schema');
  const pool = new pg.Pool({
    connectionString: parsed.toString(),
    max: options.poolSize ?? 10,
    // Parallel scans starve a small server's cores under many concurrent clients (docs/benchmarks.md).
    options: ['-c max_parallel_workers_per_gather=0', ...(schema ? [`-c search_path=${schema}`] : [])].join(
      ' ',
    ),
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  parsed.password = '';
  return { db, engine: 'postgres', location: parsed.toString(), close: () => db.destroy() };
}
