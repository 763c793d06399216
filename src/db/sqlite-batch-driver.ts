import { AsyncLocalStorage } from 'node:async_hooks';
import type SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryCompiler,
  type QueryResult,
  RawNode,
  SelectQueryNode,
  SqliteDialect,
  type TransactionSettings,
} from 'kysely';
import { allRows, changesSchema, schemaChanged } from './sqlite-rows.js';

/*
 * SQLite behind Kysely with two connections and shared commits (docs/decisions/0009).
 *
 * - Reads outside a transaction go to their own connection and see only committed data; they
 *   never queue behind a write transaction (Kysely's own driver has one connection and a mutex).
 * - Write transactions take turns on the write connection, each inside a SAVEPOINT of one
 *   enclosing transaction that commits when nobody else is waiting to write (or the batch is
 *   full). Every page the transactions of a batch touch (index leaves, counters, chain heads) is
 *   written to the WAL once per batch instead of once per transaction, and with group commit
 *   a batch shares one fsync too.
 * - A transaction is acknowledged (its commit resolves) only after the enclosing COMMIT; if that
 *   fails, or SQLite abandons the whole transaction (I/O error, disk full), every member fails
 *   and nothing of them was acknowledged. A member that fails alone rolls back to its savepoint.
 * Transactions of one batch run one after another, each seeing the ones before: the same
 * serial order as separate commits.
 */

// Writes marked to run at their batch's COMMIT (atCommit).
const deferred = new WeakSet<CompiledQuery>();

/**
 * Marks a write to run just before the COMMIT of the batch its transaction joins (after every
 * savepoint is released), and only if its transaction committed: for FTS5, which writes its
 * pending terms to disk at every SAVEPOINT, so rows written at commit make one segment per
 * batch instead of one per transaction. The rest of the transaction must not read what it
 * writes, and it must not fail: a failure there fails the whole batch. Outside a transaction,
 * and on other drivers, it is an ordinary statement.
 */
export function atCommit(query: CompiledQuery): CompiledQuery {
  deferred.add(query);
  return query;
}

const ownTransaction = new AsyncLocalStorage<true>();

/**
 * Runs `fn` so that the SQLite transactions it starts commit on their own (BEGIN … COMMIT), not
 * as a savepoint of a shared batch: for maintenance that rewrites many pages, the dashboard
 * rollup's rebuild, because a savepoint keeps the original of every page it changes in memory
 * (temp_store = MEMORY): +70 MB of RSS for a rebuild at 1M problems. Other writers wait their
 * turn meanwhile, as behind any transaction. On other drivers, just `fn()`.
 */
export async function inOwnTransaction<T>(fn: () => Promise<T>): Promise<T> {
  ownRunning++;
  try {
    return await ownTransaction.run(true, fn);
  } finally {
    // On Node 20 a running AsyncLocalStorage hooks every promise of the process (an await costs
    // about twice as much): off again once no transaction of its own is running.
    if (--ownRunning === 0) ownTransaction.disable();
  }
}
let ownRunning = 0;

/** Transactions sharing one COMMIT at most, and the longest a batch stays open (ms). */
const MAX_BATCH = 64;
const MAX_BATCH_MS = 20;

export interface SqliteConnections {
  writer: SQLite.Database;
  /** A second connection to the same file for reads; absent (in-memory) → reads take turns too. */
  reader?: SQLite.Database;
  prepare: (db: SQLite.Database, sql: string) => SQLite.Statement;
}

/** Commits so far and the transactions they carried (tests, metrics). */
export interface BatchStats {
  commits: number;
  transactions: number;
  /** Time spent in COMMIT (ms): writing the batch's pages to the WAL, and any checkpoint. */
  commitMs: number;
}

export class BatchingSqliteDialect extends SqliteDialect {
  readonly stats: BatchStats = { commits: 0, transactions: 0, commitMs: 0 };

  constructor(private readonly connections: SqliteConnections) {
    super({ database: connections.writer });
  }

  override createDriver(): Driver {
    return new BatchingSqliteDriver(this.connections, this.stats);
  }
}

interface Batch {
  members: number;
  /** The atCommit writes of the members that committed, in their order. */
  deferred: CompiledQuery[];
  openedAt: number;
  committed: Promise<void>;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/** Write turns, first come, first served. */
class TurnQueue {
  private held = false;
  private readonly queue: (() => void)[] = [];

  get idle(): boolean {
    return !this.held;
  }

  acquire(): Promise<void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.queue.push(resolve));
  }

  release(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.held = false;
  }
}

class BatchingSqliteDriver implements Driver {
  private readonly turns = new TurnQueue();
  private batch: Batch | null = null;
  private savepoints = 0;
  private scheduled = false;

  constructor(
    private readonly c: SqliteConnections,
    private readonly stats: BatchStats,
  ) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new RoutedConnection(this);
  }

  async beginTransaction(connection: DatabaseConnection, _settings: TransactionSettings): Promise<void> {
    (connection as RoutedConnection).member = await this.enter();
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const member = takeMember(connection);
    if (!member) throw new Error('no transaction on this connection');
    await this.leave(member, true);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    // Kysely also calls this after a failed commit, when the member has already left.
    const member = takeMember(connection);
    if (member) await this.leave(member, false);
  }

  async savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) {
    await connection.executeQuery(compileSavepoint(compile, 'savepoint', name));
  }

  async rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ) {
    await connection.executeQuery(compileSavepoint(compile, 'rollback to', name));
  }

  async releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ) {
    await connection.executeQuery(compileSavepoint(compile, 'release', name));
  }

  async releaseConnection(): Promise<void> {}

  async destroy(): Promise<void> {
    // Whatever is open belongs to transactions that already finished: commit it.
    await this.turns.acquire();
    this.commit();
    this.c.reader?.close();
    this.c.writer.close();
  }

  /** Runs one statement outside a transaction: reads on the reader, writes as a one-statement member. */
  async runAlone(query: CompiledQuery): Promise<QueryResult<unknown>> {
    const statement = this.readStatement(query);
    if (statement) return run(statement, query);
    const member = await this.enter();
    let result: QueryResult<unknown>;
    try {
      result = this.runInside(query);
    } catch (err) {
      await this.leave(member, false);
      throw err;
    }
    await this.leave(member, true);
    return result;
  }

  /**
   * The statement on the read connection when the query only reads. Only SELECTs are tried there:
   * preparing DDL on a connection that has not seen the writer's uncommitted schema would fail.
   */
  private readStatement(query: CompiledQuery): SQLite.Statement | undefined {
    const { reader } = this.c;
    const select =
      SelectQueryNode.is(query.query) || (RawNode.is(query.query) && /^\s*(select|with)\b/i.test(query.sql));
    if (!reader || !select) return undefined;
    try {
      const statement = this.c.prepare(reader, query.sql);
      return statement.readonly ? statement : undefined;
    } catch {
      return undefined; // e.g. a table the writer created but has not committed yet
    }
  }

  runInside(query: CompiledQuery): QueryResult<unknown> {
    return run(this.c.prepare(this.c.writer, query.sql), query);
  }

  /** Waits for the turn to write and opens a savepoint in the current batch (opening one if needed). */
  private async enter(): Promise<Member> {
    await this.turns.acquire();
    try {
      if (ownTransaction.getStore()) {
        // The open batch commits first: a transaction of its own shares nothing.
        this.commit();
        this.c.writer.exec('BEGIN IMMEDIATE');
        return { batch: null, savepoint: '', deferred: [] };
      }
      if (!this.batch) this.open();
      const savepoint = `duban_tx${++this.savepoints}`;
      this.c.writer.exec(`SAVEPOINT ${savepoint}`);
      return { batch: this.batch!, savepoint, deferred: [] };
    } catch (err) {
      this.abandon(err);
      this.turns.release();
      throw err;
    }
  }

  /** Ends a member's turn; settles once its batch has (rejects if its work is not committed). */
  private leave(member: Member, ok: boolean): Promise<void> {
    if (!member.batch) return this.leaveOwn(member, ok);
    const { writer } = this.c;
    let failure: unknown;
    try {
      if (!ok) writer.exec(`ROLLBACK TO ${member.savepoint}`);
      writer.exec(`RELEASE ${member.savepoint}`);
    } catch (err) {
      failure = err;
    }
    // SQLite rolls back the whole transaction on some errors (I/O, disk full): the batch is gone.
    if (this.batch === member.batch && !writer.inTransaction)
      this.abandon(failure ?? new Error('SQLite rolled the transaction back'));
    if (ok && failure === undefined) {
      member.batch.members++;
      member.batch.deferred.push(...member.deferred);
    }
    const batch = this.batch;
    if (batch && this.isFull(batch)) this.commit();
    else if (batch) this.commitSoon();
    this.turns.release();
    // A failed transaction also waits for its batch: whoever it lost to (a unique key, a version
    // check) is committed by the time its caller reads again.
    const settled = member.batch.committed;
    if (failure !== undefined)
      return settled.then(
        () => Promise.reject(failure),
        () => Promise.reject(failure),
      );
    return ok ? settled : settled.catch(() => {});
  }

  /** Ends a transaction of its own (inOwnTransaction): its COMMIT or ROLLBACK, then the turn. */
  private async leaveOwn(member: Member, ok: boolean): Promise<void> {
    const { writer } = this.c;
    try {
      if (ok) this.commitWrites(member.deferred, 1);
      else if (writer.inTransaction) writer.exec('ROLLBACK');
    } catch (err) {
      if (writer.inTransaction) writer.exec('ROLLBACK');
      throw err;
    } finally {
      this.turns.release();
    }
  }

  /**
   * Statements complete synchronously, so a transaction usually runs start to end without
   * yielding and nobody is ever waiting when it ends. The batch therefore commits at the end of
   * this turn of the event loop: the transactions of the other requests that arrived together
   * join it. Should a member hold the turn across real I/O then, its own end commits.
   */
  private commitSoon(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.turns.idle) this.commit();
    });
  }

  private isFull(batch: Batch): boolean {
    return batch.members >= MAX_BATCH || Date.now() - batch.openedAt >= MAX_BATCH_MS;
  }

  private open(): void {
    this.c.writer.exec('BEGIN IMMEDIATE');
    let resolve!: () => void;
    let reject!: (err: unknown) => void;
    const committed = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // A batch whose members all rolled back has nobody listening.
    committed.catch(() => {});
    this.batch = { members: 0, deferred: [], openedAt: Date.now(), committed, resolve, reject };
  }

  private commit(): void {
    const batch = this.batch;
    if (!batch) return;
    this.batch = null;
    try {
      this.commitWrites(batch.deferred, batch.members);
      batch.resolve();
    } catch (err) {
      if (this.c.writer.inTransaction) this.c.writer.exec('ROLLBACK');
      batch.reject(err);
    }
  }

  /** The writes deferred to the COMMIT (atCommit), then the COMMIT, counted in the stats. */
  private commitWrites(deferred: readonly CompiledQuery[], transactions: number): void {
    const started = performance.now();
    for (const query of deferred) this.runInside(query);
    this.c.writer.exec('COMMIT');
    this.stats.commitMs += performance.now() - started;
    this.stats.commits++;
    this.stats.transactions += transactions;
  }

  private abandon(err: unknown): void {
    const batch = this.batch;
    if (!batch) return;
    this.batch = null;
    if (this.c.writer.inTransaction) this.c.writer.exec('ROLLBACK');
    batch.reject(err);
  }
}

interface Member {
  /** The batch it joined; null for a transaction of its own (inOwnTransaction). */
  batch: Batch | null;
  savepoint: string;
  /** Its atCommit writes, handed to the batch if it commits. */
  deferred: CompiledQuery[];
}

/** One Kysely connection: inside a transaction it runs on the writer, otherwise each statement is routed. */
class RoutedConnection implements DatabaseConnection {
  member: Member | undefined;

  constructor(private readonly driver: BatchingSqliteDriver) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.member && deferred.has(query)) {
      this.member.deferred.push(query);
      return { rows: [] };
    }
    if (this.member) return this.driver.runInside(query) as QueryResult<R>;
    return (await this.driver.runAlone(query)) as QueryResult<R>;
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    for (const row of (await this.executeQuery<R>(query)).rows) yield { rows: [row] };
  }
}

function takeMember(connection: DatabaseConnection): Member | undefined {
  const c = connection as RoutedConnection;
  const member = c.member;
  c.member = undefined;
  return member;
}

function run(statement: SQLite.Statement, query: CompiledQuery): QueryResult<unknown> {
  const parameters = query.parameters as unknown[];
  if (statement.reader) return { rows: allRows(statement, parameters) };
  const { changes, lastInsertRowid } = statement.run(parameters);
  if (changesSchema(query.sql)) schemaChanged();
  return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
}

function compileSavepoint(
  compile: QueryCompiler['compileQuery'],
  command: 'savepoint' | 'rollback to' | 'release',
  name: string,
): CompiledQuery {
  // Kysely's own parser for savepoint commands is internal; the names come from Kysely itself.
  void compile;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`bad savepoint name "${name}"`);
  return CompiledQuery.raw(`${command} ${name}`);
}
