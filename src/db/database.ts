import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely } from 'kysely';
import pg from 'pg';
import { GroupCommit } from './group-commit.js';
import { CommitWithLastWriteDialect } from './postgres-commit.js';
import { preparingPool } from './postgres-prepared.js';
import type { DB } from './schema.js';
import { BatchingSqliteDialect, type BatchStats } from './sqlite-batch-driver.js';
import { SAFETY_NET_PAGES, startCheckpointer } from './sqlite-checkpointer.js';
import { walSync } from './wal-sync.js';

export type Engine = 'sqlite' | 'postgres';

/**
 * normal: a commit survives a crash of the process (SQLite WAL with synchronous=NORMAL);
 * full: it also survives power loss before it is acknowledged (SQLite: group commit below;
 * PostgreSQL commits durably either way, synchronous_commit=on).
 */
export type Durability = 'normal' | 'full';

export interface Database {
  db: Kysely<DB>;
  engine: Engine;
  /** For SQLite: the file path (or ':memory:'); for PostgreSQL: the URL without password. */
  location: string;
  /** The raw SQLite handle (online backup, pragmas); absent on PostgreSQL. */
  sqlite?: SQLite.Database;
  /** SQLite: commits made and the transactions they carried (transactions share commits). */
  commits?: BatchStats;
  /**
   * Durable mode on SQLite: resolves once every transaction committed before the call is on
   * stable storage (one shared fsync for all the commits waiting). Absent when commits need no
   * wait: PostgreSQL, in-memory SQLite, or durability 'normal'.
   */
  awaitDurable?: () => Promise<void>;
  /** PostgreSQL: a connection of its own, outside the pool, set up as the pool's (LISTEN). */
  newClient?: () => pg.Client;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  durability?: Durability;
  poolSize?: number;
  /** SQLite's page cache per connection, in MiB (DEFAULT_SQLITE_CACHE_MB). */
  sqliteCacheMb?: number;
}

/**
 * SQLite's page cache per connection (the writer and the reader each have one): about what
 * better-sqlite3 is built with (-16000 KiB; SQLite's own default is 2,000 KiB). At a million
 * problems a complaint search from the index took 9.5 ms with 2 MiB and 2.4 ms with 16, the
 * FTS5 doclists and the rows it joins not fitting in 2; creates and lists did not change with
 * 32 (docs/benchmarks.md).
 */
export const DEFAULT_SQLITE_CACHE_MB = 16;

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
  tune(sqlite, options);
  // Each transaction runs in a savepoint whose undo pages go to a sub-journal: keep it in memory.
  sqlite.pragma('temp_store = MEMORY');
  // A second connection serves reads outside transactions (see sqlite-batch-driver.ts).
  const reader = file === ':memory:' ? undefined : tune(new SQLite(file), options);
  reader?.pragma('query_only = ON');
  const prepare = statementCache();
  const dialect = new BatchingSqliteDialect({ writer: sqlite, reader, prepare });
  const db = new Kysely<DB>({ dialect });
  const checkpointer = reader ? startCheckpointer(file) : undefined;
  if (checkpointer) sqlite.pragma(`wal_autocheckpoint = ${SAFETY_NET_PAGES}`);
  const database: Database = {
    db,
    engine: 'sqlite',
    location: file,
    sqlite,
    commits: dialect.stats,
    close: async () => {
      await checkpointer?.stop();
      await db.destroy();
    },
  };
  if (options.durability !== 'full' || file === ':memory:') return database;
  const wal = walSync(file);
  const group = new GroupCommit(() => wal.sync());
  return {
    ...database,
    awaitDurable: () => group.wait(),
    close: async () => {
      await database.close();
      // A last sync, so nothing committed is left unsynced and no sync is in flight on close.
      await group.wait();
      await wal.close();
    },
  };
}

function tune(sqlite: SQLite.Database, options: DatabaseOptions): SQLite.Database {
  // Even in durable mode: an fsync per commit (FULL) caps writes at the disk's sync rate; the
  // group commit syncs the log once for all the commits that wait for it.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Deleted content is overwritten, not left in free pages (residual information).
  sqlite.pragma('secure_delete = ON');
  sqlite.pragma(`cache_size = ${-1024 * (options.sqliteCacheMb ?? DEFAULT_SQLITE_CACHE_MB)}`);
  return sqlite;
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query anew; SQLite's prepare costs more than most of our look-ups.
 * Statements are reusable, so keep the compiled ones by connection and SQL text (bounded).
 */
function statementCache() {
  const caches = new Map<SQLite.Database, Map<string, SQLite.Statement>>();
  return (sqlite: SQLite.Database, sql: string): SQLite.Statement => {
    let statements = caches.get(sqlite);
    if (!statements) {
      statements = new Map();
      caches.set(sqlite, statements);
    }
    let statement = statements.get(sql);
    if (!statement) {
      if (statements.size >= STATEMENT_CACHE_SIZE) statements.clear();
      statement = sqlite.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
}

function openPostgres(url: string, options: DatabaseOptions): Database {
  const parsed = new URL(url);
  // `?schema=NAME` isolates a test run (or a tenant) in its own schema.
  const schema = parsed.searchParams.get('schema');
  parsed.searchParams.delete('schema');
  const connection = {
    connectionString: parsed.toString(),
    // Parallel scans starve a small server's cores under many concurrent clients (docs/benchmarks.md).
    options: ['-c max_parallel_workers_per_gather=0', ...(schema ? [`-c search_path=${schema}`] : [])].join(
      ' ',
    ),
  };
  const pool = new pg.Pool({ ...connection, max: options.poolSize ?? 10 });
  const db = new Kysely<DB>({ dialect: new CommitWithLastWriteDialect({ pool: preparingPool(pool) }) });
  parsed.password = '';
  return {
    db,
    engine: 'postgres',
    location: parsed.toString(),
    newClient: () => new pg.Client(connection),
    close: () => db.destroy(),
  };
}
