import type SQLite from 'better-sqlite3';
import { type Batch, type BulkTable, COLUMNS, type Value } from './batch.js';

const ROWS_PER_STATEMENT = 64;

/** The single SQLite writer: multi-row prepared INSERTs, one transaction per batch. */
export function sqliteWriter(sqlite: SQLite.Database) {
  const statements = (table: BulkTable, rows: number) => {
    const cols = COLUMNS[table];
    const tuple = `(${cols.map(() => '?').join(',')})`;
    return sqlite.prepare(
      `INSERT INTO ${table} (${cols.join(',')}) VALUES ${Array(rows).fill(tuple).join(',')}`,
    );
  };
  const tables = Object.keys(COLUMNS) as BulkTable[];
  const many = Object.fromEntries(tables.map((t) => [t, statements(t, ROWS_PER_STATEMENT)]));
  const one = Object.fromEntries(tables.map((t) => [t, statements(t, 1)]));
  const insert = (table: BulkTable, values: Value[]) => {
    const width = COLUMNS[table].length;
    const chunk = width * ROWS_PER_STATEMENT;
    let i = 0;
    for (; i + chunk <= values.length; i += chunk) many[table]!.run(values.slice(i, i + chunk));
    for (; i < values.length; i += width) one[table]!.run(values.slice(i, i + width));
  };
  return sqlite.transaction((b: Batch) => {
    for (const t of tables) insert(t, b[t]);
  });
}

/** Pragmas for a one-off bulk load into a file nobody else uses yet. */
export function bulkPragmas(sqlite: SQLite.Database): void {
  sqlite.pragma('journal_mode = OFF');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('foreign_keys = OFF');
  sqlite.pragma('secure_delete = OFF');
  sqlite.pragma('cache_size = -3000000');
  sqlite.pragma('temp_store = MEMORY');
}

/** Back to what the server expects (WAL); the server sets the rest itself. */
export function servingPragmas(sqlite: SQLite.Database): void {
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
}
