import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { CompiledQuery, type Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/database.js';
import { atCommit, inOwnTransaction } from '../../src/db/sqlite-batch-driver.js';

/*
 * The SQLite driver: reads on their own connection, write transactions sharing commits
 * (src/db/sqlite-batch-driver.ts). Tables here are the test's own, not the schema's.
 */

// biome-ignore lint/suspicious/noExplicitAny: the test's own tables are not in the schema type.
type AnyDb = Kysely<any>;

let dir: string;
let database: Database;
let db: AnyDb;
let file: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'duban-batch-'));
  file = join(dir, 'batch.db');
  database = openDatabase(`sqlite:${file}`);
  db = database.db as AnyDb;
  database.sqlite!.exec(`
    CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
    CREATE TABLE parents (id INTEGER PRIMARY KEY);
    CREATE TABLE children (id INTEGER PRIMARY KEY,
      parent_id INTEGER REFERENCES parents(id) DEFERRABLE INITIALLY DEFERRED);`);
});

afterEach(async () => {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
});

const insert = (trx: AnyDb, name: string) => trx.insertInto('items').values({ name }).execute();
const names = async () =>
  (await db.selectFrom('items').select('name').orderBy('name').execute()).map((r) => r.name as string);
/** What another process would see: a connection of its own to the file. */
function committedNames(): string[] {
  const other = new SQLite(file, { readonly: true });
  try {
    return (other.prepare('SELECT name FROM items ORDER BY name').all() as { name: string }[]).map(
      (r) => r.name,
    );
  } finally {
    other.close();
  }
}

describe('SQLite write transactions sharing commits', () => {
  it('commits many concurrent transactions in a few commits, each acknowledged only once committed', async () => {
    const all = Array.from({ length: 50 }, (_, i) => `item-${String(i).padStart(2, '0')}`);
    const seenWhenAcknowledged: number[] = [];
    await Promise.all(
      all.map((name) =>
        db
          .transaction()
          .execute((trx) => insert(trx, name))
          .then(() => seenWhenAcknowledged.push(committedNames().includes(name) ? 1 : 0)),
      ),
    );
    expect(seenWhenAcknowledged).toEqual(all.map(() => 1));
    expect(committedNames()).toEqual(all);
    expect(database.commits!.transactions).toBe(50);
    expect(database.commits!.commits).toBeLessThanOrEqual(5);
  });

  it('rolls back a failing transaction alone; the others in its batch commit', async () => {
    await insert(db, 'taken');
    const results = await Promise.allSettled([
      db.transaction().execute((trx) => insert(trx, 'a')),
      db.transaction().execute(async (trx) => {
        await insert(trx, 'b-never');
        await insert(trx, 'taken'); // unique violation
      }),
      db.transaction().execute(async (trx) => {
        await insert(trx, 'c-never');
        throw new Error('refused by the service');
      }),
      db.transaction().execute((trx) => insert(trx, 'd')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((results[2] as PromiseRejectedResult).reason.message).toBe('refused by the service');
    expect(committedNames()).toEqual(['a', 'd', 'taken']);
  });

  it('answers the loser of a race only once the winner is committed, so a read after it sees the winner', async () => {
    const seenByLoser: string[][] = [];
    const results = await Promise.allSettled([
      db.transaction().execute((trx) => insert(trx, 'same')),
      db
        .transaction()
        .execute((trx) => insert(trx, 'same'))
        .catch((err) => {
          seenByLoser.push(committedNames());
          throw err;
        }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect(seenByLoser).toEqual([['same']]);
  });

  it('fails every transaction of a batch whose commit fails, and commits nothing of them', async () => {
    const results = await Promise.allSettled([
      db.transaction().execute((trx) => insert(trx, 'innocent')),
      // Deferred: passes its statement and its savepoint, fails only at COMMIT.
      db
        .transaction()
        .execute((trx) => trx.insertInto('children').values({ id: 1, parent_id: 42 }).execute()),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((results[0] as PromiseRejectedResult).reason.message).toMatch(/FOREIGN KEY/);
    expect(committedNames()).toEqual([]);
    // The driver goes on with a fresh batch.
    await db.transaction().execute((trx) => insert(trx, 'after'));
    expect(committedNames()).toEqual(['after']);
  });

  it('runs a write marked atCommit at its batch’s COMMIT, after the savepoints, only for transactions that committed', async () => {
    const later = (name: string) =>
      atCommit(CompiledQuery.raw('INSERT INTO items (name) VALUES (?)', [name]));
    let seenInside: string[] = [];
    const results = await Promise.allSettled([
      db.transaction().execute(async (trx) => {
        await trx.executeQuery(later('deferred'));
        await insert(trx, 'direct');
        seenInside = (await trx.selectFrom('items').select('name').execute()).map((r) => r.name as string);
      }),
      db.transaction().execute(async (trx) => {
        await trx.executeQuery(later('rolled-back'));
        throw new Error('changed its mind');
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect(seenInside).toEqual(['direct']);
    expect(committedNames()).toEqual(['deferred', 'direct']);
    // Outside a transaction it is an ordinary statement.
    await db.executeQuery(later('alone'));
    expect(committedNames()).toEqual(['alone', 'deferred', 'direct']);
  });

  it('fails its batch, the transaction’s own writes included, when a write marked atCommit fails', async () => {
    const failing = db.transaction().execute(async (trx) => {
      await insert(trx, 'innocent');
      await trx.executeQuery(atCommit(CompiledQuery.raw('INSERT INTO nowhere VALUES (1)')));
    });
    await expect(failing).rejects.toThrow(/nowhere/);
    expect(committedNames()).toEqual([]);
    // The driver goes on with a fresh batch.
    await db.transaction().execute((trx) => insert(trx, 'after'));
    expect(committedNames()).toEqual(['after']);
  });

  it('serves reads outside transactions from committed data, without waiting for a writer', async () => {
    await insert(db, 'before');
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    let inside!: () => void;
    const entered = new Promise<void>((r) => {
      inside = r;
    });
    const writer = db.transaction().execute(async (trx) => {
      await insert(trx, 'pending');
      expect((await trx.selectFrom('items').select('name').execute()).length).toBe(2);
      inside();
      await held; // real waiting inside the transaction: the writer keeps its turn
    });
    await entered;
    expect(await names()).toEqual(['before']);
    release();
    await writer;
    expect(await names()).toEqual(['before', 'pending']);
  });

  it('commits a write outside a transaction before it returns', async () => {
    await insert(db, 'x');
    const result = await db
      .updateTable('items')
      .set({ name: 'y' })
      .where('name', '=', 'x')
      .executeTakeFirst();
    expect(result.numUpdatedRows).toBe(1n);
    expect(committedNames()).toEqual(['y']);
    await sql`delete from items`.execute(db);
    expect(committedNames()).toEqual([]);
  });

  it('commits a transaction of its own apart from the batches around it, and rolls it back alone', async () => {
    const ownCommits = () => database.commits!.commits;
    const before = ownCommits();
    const results = await Promise.allSettled([
      db.transaction().execute((trx) => insert(trx, 'a')),
      inOwnTransaction(() =>
        db.transaction().execute(async (trx) => {
          // No savepoint: the transaction is the whole of SQLite's, begun after the batch before it.
          expect(database.sqlite!.inTransaction).toBe(true);
          await insert(trx, 'own');
          await trx.executeQuery(
            atCommit(CompiledQuery.raw("insert into items (name) values ('own-at-commit')")),
          );
        }),
      ),
      db.transaction().execute((trx) => insert(trx, 'b')),
      inOwnTransaction(() =>
        db.transaction().execute(async (trx) => {
          await insert(trx, 'own-never');
          throw new Error('refused');
        }),
      ),
      db.transaction().execute((trx) => insert(trx, 'c')),
    ]);
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect(committedNames()).toEqual(['a', 'b', 'c', 'own', 'own-at-commit']);
    // a; own; b; (the failed one); c: at least three commits, the own one separate.
    expect(ownCommits() - before).toBeGreaterThanOrEqual(3);
    expect(database.sqlite!.inTransaction).toBe(false);
  });

  it('runs schema changes outside transactions in order, each seen by the next', async () => {
    await db.schema.createIndex('items_name_idx').on('items').column('name').execute();
    await db.selectFrom('items').selectAll().execute(); // the reader's schema has the index now
    await db.schema.dropIndex('items_name_idx').execute();
    await db.schema.createIndex('items_name_idx').on('items').column('name').execute();
    await db.schema.createTable('later').addColumn('id', 'integer').execute();
    expect(await db.selectFrom('later').selectAll().execute()).toEqual([]);
  });
});
