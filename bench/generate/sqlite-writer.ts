import { availableParallelism } from 'node:os';
import SQLite from 'better-sqlite3';
import { type Batch, type BulkTable, COLUMNS, type Value } from './batch.js';

const ROWS_PER_STATEMENT = 64;
/** Rows wait until this many problems are pending, then go in one transaction when the lock is free. */
const MIN_PROBLEMS_PER_COMMIT = 1000;
/** Past this backlog the worker waits for the lock instead of generating more. */
const MAX_PENDING_PROBLEMS = 4000;

/**
 * A worker's SQLite writer. Every worker writes to the same file on its own connection and takes
 * the write lock in turns, without waiting for it: while the other worker commits, this one goes
 * on generating and tries again later. No rows cross threads, and both cores insert.
 */
export function openSqliteSink(path: string) {
  const sqlite = new SQLite(path, { timeout: 0 });
  bulkPragmas(sqlite, 1_000_000);
  const statements = (table: string, cols: readonly string[], rows: number) => {
    const tuple = `(${cols.map(() => '?').join(',')})`;
    return sqlite.prepare(
      `INSERT INTO ${table} (${cols.join(',')}) VALUES ${Array(rows).fill(tuple).join(',')}`,
    );
  };
  const inserter = (table: string, cols: readonly string[]) => {
    const many = statements(table, cols, ROWS_PER_STATEMENT);
    const one = statements(table, cols, 1);
    const width = cols.length;
    const chunk = width * ROWS_PER_STATEMENT;
    return (values: Value[]) => {
      let i = 0;
      for (; i + chunk <= values.length; i += chunk) many.run(values.slice(i, i + chunk));
      for (; i < values.length; i += width) one.run(values.slice(i, i + width));
    };
  };
  const tables = Object.keys(COLUMNS) as BulkTable[];
  const inserts = Object.fromEntries(
    tables.filter((t) => t !== 'search_docs').map((t) => [t, inserter(t, COLUMNS[t])]),
  ) as Record<BulkTable, (values: Value[]) => void>;
  // A search document is a row of search_docs and the FTS5 row of its terms (rowid = doc_id).
  const docs = inserter('search_docs', ['doc_id', 'kind', 'ref_id']);
  const terms = inserter('search_terms', ['rowid', 'terms']);
  inserts.search_docs = (values) => {
    const d: Value[] = [];
    const t: Value[] = [];
    for (let i = 0; i < values.length; i += 4) {
      d.push(values[i]!, values[i + 1]!, values[i + 2]!);
      t.push(values[i]!, values[i + 3]!);
    }
    docs(d);
    terms(t);
  };
  let pending: Batch[] = [];
  let pendingProblems = 0;
  /** Writes the pending rows if the lock is free (or, with `wait`, once it is); returns the problems written. */
  const tryWrite = (wait: boolean): number => {
    if (!pendingProblems) return 0;
    sqlite.pragma(`busy_timeout = ${wait ? 600_000 : 0}`);
    try {
      sqlite.exec('BEGIN IMMEDIATE');
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_BUSY') return 0;
      throw err;
    }
    for (const b of pending) for (const t of tables) inserts[t](b[t]);
    sqlite.exec('COMMIT');
    const written = pendingProblems;
    pending = [];
    pendingProblems = 0;
    return written;
  };
  return {
    add(b: Batch): number {
      pending.push(b);
      pendingProblems += b.problems_done;
      if (pendingProblems < MIN_PROBLEMS_PER_COMMIT) return 0;
      return tryWrite(pendingProblems >= MAX_PENDING_PROBLEMS);
    },
    close(): number {
      const written = tryWrite(true);
      sqlite.close();
      return written;
    },
  };
}

/** Pragmas for a one-off bulk load into a file nobody else uses yet (per connection). */
export function bulkPragmas(sqlite: SQLite.Database, cacheKib = 3_000_000): void {
  sqlite.pragma('journal_mode = OFF');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('foreign_keys = OFF');
  sqlite.pragma('secure_delete = OFF');
  sqlite.pragma(`cache_size = -${cacheKib}`);
  sqlite.pragma('temp_store = MEMORY');
}

/**
 * For the index builds, on the connection that runs them once the workers are done. Pages are
 * read through the mapping (SQLite caps it at 2 GiB) instead of copied one by one, and the sort
 * uses helper threads. Not for the workers: mapped pages cost them 8 % more CPU at 200k
 * problems (the mapping follows the growing file and the other worker's commits).
 */
export function indexBuildPragmas(sqlite: SQLite.Database): void {
  sqlite.pragma(`mmap_size = ${2 ** 31}`);
  sqlite.pragma(`threads = ${availableParallelism()}`);
}

/** Back to what the server expects (WAL); the server sets the rest itself. */
export function servingPragmas(sqlite: SQLite.Database): void {
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
}
