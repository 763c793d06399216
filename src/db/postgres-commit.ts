import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  PostgresDialect,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import pg from 'pg';

/*
 * The last writes of a PostgreSQL transaction sent WITH its COMMIT, in one round trip
 * (docs/decisions/0012-last-writes-with-the-commit.md).
 *
 * A create holds the province-year's ledger row (and its audit lane's head, and its count
 * cells) from the statement that takes the number until the COMMIT; every round trip in
 * between is time the other creates of the province queue. `deferLastWrite` keeps a
 * transaction's final statement on its connection instead of sending it; the COMMIT then sends
 * `statement; commit` as one simple-protocol query. That protocol carries no parameters, so the
 * values are written into the text as literals with node-postgres's own escaping
 * (`escapeLiteral`), as the text pg would otherwise send as an untyped parameter: PostgreSQL
 * types a quoted literal exactly as it types such a parameter. Anything that is not a string,
 * a finite number, a bigint, a boolean or null (and any string with a NUL, which PostgreSQL
 * text cannot hold) is not inlined: the statement then goes out as before, with parameters,
 * and the COMMIT after it.
 *
 * A deferred statement is never reordered: any other statement on the connection (a further
 * query of the same transaction, a savepoint) sends it first. A failure in it surfaces from the
 * commit, and PostgreSQL does not run the COMMIT after a failed statement of the same query;
 * Kysely then rolls back as for any failed commit.
 */

export class CommitWithLastWriteDialect extends PostgresDialect {
  override createDriver(): Driver {
    return new CommitWithLastWriteDriver(super.createDriver());
  }
}

/** Keeps `query` to send with the COMMIT of the transaction running on `db`'s connection. */
export async function deferLastWrite(
  db: { getExecutor(): { provideConnection<T>(f: (c: DatabaseConnection) => Promise<T>): Promise<T> } },
  query: CompiledQuery,
): Promise<boolean> {
  return db.getExecutor().provideConnection(async (c) => {
    if (!(c instanceof DeferringConnection) || !c.inTransaction) return false;
    c.pending.push(query);
    return true;
  });
}

/** Last writes prepared per connection (their own names: node-postgres names the others). */
const PREPARED_LAST_WRITES = 100;

class DeferringConnection implements DatabaseConnection {
  readonly pending: CompiledQuery[] = [];
  inTransaction = false;
  /** Last writes' texts prepared on this connection (`duban_last_N`), and their names. */
  private readonly prepared = new Map<string, string>();
  /** Last writes' texts sent once here, or refused by PREPARE (never tried again). */
  private readonly seen = new Map<string, 'once' | 'refused'>();

  constructor(readonly inner: DatabaseConnection) {}

  /**
   * The pending writes as one text for the commit's query, and a text to prepare afterwards
   * (its second sending here), or undefined when a value cannot be written as a literal. A
   * single write prepared on this connection goes as `execute name(literals)`: PostgreSQL
   * neither parses nor plans it again, and it holds its locks that much less.
   */
  lastWritesText(): { text: string; prepare?: string | undefined } | undefined {
    const only = this.pending.length === 1 ? this.pending[0]! : undefined;
    const name = only && this.prepared.get(only.sql);
    const args = name ? literalList(only.parameters) : undefined;
    if (args !== undefined) return { text: `execute ${name}${args}` };
    const text = inlined(this.pending);
    if (text === undefined) return undefined;
    return { text, prepare: only?.parameters.length ? this.sentAgain(only.sql) : undefined };
  }

  /** The text when this is its second sending here and there is room to prepare it. */
  private sentAgain(sql: string): string | undefined {
    const before = this.seen.get(sql);
    if (before === undefined && this.seen.size < PREPARED_LAST_WRITES * 4) this.seen.set(sql, 'once');
    return before === 'once' && this.prepared.size < PREPARED_LAST_WRITES ? sql : undefined;
  }

  /**
   * After the commit, outside every lock: PREPARE (parameter types inferred, as for the
   * protocol's unnamed statements) either succeeds or changes nothing, so the map stays true.
   */
  async prepareLastWrite(sql: string): Promise<void> {
    const name = `duban_last_${this.prepared.size + 1}`;
    try {
      await this.inner.executeQuery(CompiledQuery.raw(`prepare ${name} as ${sql}`));
      this.prepared.set(sql, name);
      this.seen.delete(sql);
    } catch {
      this.seen.set(sql, 'refused');
    }
  }

  async flush(): Promise<void> {
    while (this.pending.length) await this.inner.executeQuery(this.pending.shift()!);
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.pending.length) await this.flush();
    return this.inner.executeQuery<R>(query);
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    if (this.pending.length) await this.flush();
    yield* this.inner.streamQuery<R>(query, chunkSize);
  }
}

class CommitWithLastWriteDriver implements Driver {
  private readonly wrappers = new WeakMap<DatabaseConnection, DeferringConnection>();

  constructor(private readonly inner: Driver) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const inner = await this.inner.acquireConnection();
    let wrapper = this.wrappers.get(inner);
    if (!wrapper) {
      wrapper = new DeferringConnection(inner);
      this.wrappers.set(inner, wrapper);
    }
    return wrapper;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const c = connection as DeferringConnection;
    c.pending.length = 0;
    await this.inner.beginTransaction(c.inner, settings);
    c.inTransaction = true;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const c = connection as DeferringConnection;
    c.inTransaction = false;
    const last = c.pending.length ? c.lastWritesText() : undefined;
    if (last === undefined) {
      await c.flush();
      return this.inner.commitTransaction(c.inner);
    }
    c.pending.length = 0;
    // One simple-protocol query: PostgreSQL stops at the first failing statement, so the
    // COMMIT runs only after every write succeeded.
    await c.inner.executeQuery(CompiledQuery.raw(`${last.text};\ncommit`));
    if (last.prepare) await c.prepareLastWrite(last.prepare);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const c = connection as DeferringConnection;
    c.inTransaction = false;
    c.pending.length = 0;
    return this.inner.rollbackTransaction(c.inner);
  }

  savepoint(c: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) {
    return (c as DeferringConnection).flush().then(() => this.inner.savepoint!(unwrap(c), name, compile));
  }

  rollbackToSavepoint(c: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) {
    // What was deferred after the savepoint is undone with it: never sent.
    (c as DeferringConnection).pending.length = 0;
    return this.inner.rollbackToSavepoint!(unwrap(c), name, compile);
  }

  releaseSavepoint(c: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) {
    return (c as DeferringConnection)
      .flush()
      .then(() => this.inner.releaseSavepoint!(unwrap(c), name, compile));
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    const c = connection as DeferringConnection;
    c.pending.length = 0;
    c.inTransaction = false;
    return this.inner.releaseConnection(c.inner);
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

const unwrap = (c: DatabaseConnection) => (c as DeferringConnection).inner;

/** The queries as one text with their values as literals, or undefined when one cannot be. */
function inlined(queries: readonly CompiledQuery[]): string | undefined {
  const texts: string[] = [];
  for (const q of queries) {
    const text = inlineParameters(q.sql, q.parameters);
    if (text === undefined) return undefined;
    texts.push(text);
  }
  return texts.join(';\n');
}

/**
 * `sql` with each `$n` replaced by parameter n as a quoted literal: the same text node-postgres
 * would send for it as an untyped parameter, escaped by node-postgres. Undefined when a value
 * has no such text (objects, buffers, dates, non-finite numbers, strings with NUL) or when the
 * SQL holds anything the scan does not understand (string literals with backslashes, dollar
 * quoting, comments): the caller then sends the query with its parameters.
 */
export function inlineParameters(sql: string, parameters: readonly unknown[]): string | undefined {
  let out = '';
  let from = 0;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === "'" || c === '"') {
      // A quoted literal or identifier: copied as is ('' and "" are escaped quotes).
      const end = sql.indexOf(c, i + 1);
      if (end < 0) return undefined;
      if (c === "'" && sql.slice(i, end).includes('\\')) return undefined;
      i = end + 1;
      continue;
    }
    if (c === '-' && sql[i + 1] === '-') return undefined;
    if (c === '/' && sql[i + 1] === '*') return undefined;
    if (c === '$') {
      let j = i + 1;
      while (j < sql.length && sql.charCodeAt(j) >= 48 && sql.charCodeAt(j) <= 57) j++;
      if (j === i + 1) return undefined; // dollar quoting
      const n = Number(sql.slice(i + 1, j));
      if (n < 1 || n > parameters.length) return undefined;
      const literal = literalOf(parameters[n - 1]);
      if (literal === undefined) return undefined;
      out += sql.slice(from, i) + literal;
      from = j;
      i = j;
      continue;
    }
    i++;
  }
  return out + sql.slice(from);
}

/** `(lit, lit, …)` for EXECUTE ('' for none), or undefined when a value has no literal. */
function literalList(parameters: readonly unknown[]): string | undefined {
  if (!parameters.length) return '';
  const literals: string[] = [];
  for (const p of parameters) {
    const literal = literalOf(p);
    if (literal === undefined) return undefined;
    literals.push(literal);
  }
  return `(${literals.join(', ')})`;
}

function literalOf(v: unknown): string | undefined {
  if (v === null || v === undefined) return 'null';
  let text: string;
  if (typeof v === 'string') text = v;
  else if (typeof v === 'number') {
    if (!Number.isFinite(v)) return undefined;
    text = String(v);
  } else if (typeof v === 'bigint' || typeof v === 'boolean') text = String(v);
  else return undefined;
  if (text.includes('\u0000')) return undefined;
  return pg.escapeLiteral(text);
}
