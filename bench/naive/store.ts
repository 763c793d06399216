import SQLite from 'better-sqlite3';
import pg from 'pg';

type Params = unknown[];
export type Row = Record<string, unknown>;

/** The little the naive server needs from a database: `?` placeholders on both engines. */
export interface Store {
  all(sql: string, params?: Params): Promise<Row[]>;
  tx<T>(fn: (s: Store) => Promise<T>): Promise<T>;
}

export function openStore(url: string, synchronous: string): Store {
  return url.startsWith('sqlite:') ? sqliteStore(url.slice(7), synchronous) : pgStore(url);
}

function sqliteStore(path: string, synchronous: string): Store {
  const db = new SQLite(path);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('busy_timeout = 5000');
  const cache = new Map<string, SQLite.Statement>();
  const stmt = (sql: string) => {
    const cached = cache.get(sql);
    if (cached) return cached;
    const s = db.prepare(sql);
    cache.set(sql, s);
    return s;
  };
  const store: Store = {
    all: async (sql, params = []) => {
      const s = stmt(sql);
      if (s.reader) return s.all(params) as Row[];
      s.run(params);
      return [];
    },
    // Every call above completes synchronously, so no other request runs inside BEGIN…COMMIT.
    tx: async (fn) => {
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(store);
        db.exec('COMMIT');
        return result;
      } catch (err) {
        db.exec('ROLLBACK');
        throw err;
      }
    },
  };
  return store;
}

const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

function pgStore(url: string): Store {
  pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const on = (c: pg.Pool | pg.PoolClient): Store => ({
    all: async (sql, params = []) => (await c.query(numbered(sql), params)).rows,
    tx: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(on(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      } finally {
        client.release();
      }
    },
  });
  return on(pool);
}
