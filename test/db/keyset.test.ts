import { type Kysely, type SqlBool, sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { newestFirstPage, newestFirstPageWhere, type RowTest } from '../../src/db/keyset.js';
import { describeEachEngine } from '../support/engines.js';

type Row = { id: string; k: string; n: number };
// biome-ignore lint/suspicious/noExplicitAny: a table of this test's own, outside the schema's types
type AnyDb = Kysely<any>;

describeEachEngine('keyset pages', (get) => {
  let db: AnyDb;
  // 300 rows, three to a day (equal keys, ordered by id within a day), newest first.
  const rows: Row[] = Array.from({ length: 300 }, (_, i) => ({
    id: `r${String(i).padStart(4, '0')}`,
    k: `2026-${String(1 + Math.floor(i / 3 / 28)).padStart(2, '0')}-${String(1 + (Math.floor(i / 3) % 28)).padStart(2, '0')}`,
    n: i,
  }));
  const newestFirst = [...rows].sort((a, b) =>
    a.k === b.k ? b.id.localeCompare(a.id) : b.k.localeCompare(a.k),
  );

  beforeAll(async () => {
    db = get().db as AnyDb;
    await sql`create table keyset_rows (id text primary key, k text not null, n integer not null)`.execute(
      db,
    );
    await db.insertInto('keyset_rows').values(rows).execute();
  });

  const query = () => db.selectFrom('keyset_rows').selectAll() as never;
  const keyOf = (r: Row) => r.k;

  // The SQL side of a walk: rows whose n is a multiple of `m`.
  const multipleOf = (m: number): RowTest => ({ db, condition: sql<SqlBool>`n % ${sql.lit(m)} = 0` });

  /** Every page of a filtered walk, following cursors; undefined when a page gave up. */
  async function walkAll(keep: (r: Row) => boolean, limit: number, maxRows: number, test?: RowTest) {
    const out: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await newestFirstPageWhere<Row>(
        query(),
        'k',
        keyOf,
        { limit, cursor },
        keep,
        maxRows,
        test,
      );
      if (!page) return undefined;
      out.push(page.rows.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return out;
  }
  const expected = (keep: (r: Row) => boolean, limit: number) => {
    const ids = newestFirst.filter(keep).map((r) => r.id);
    const pages: string[][] = [];
    for (let i = 0; i < ids.length; i += limit) pages.push(ids.slice(i, i + limit));
    return pages.length ? pages : [[]];
  };

  it('pages the rows that pass the check, in the list order, across equal keys', async () => {
    const third = (r: Row) => r.n % 3 === 1;
    expect(await walkAll(third, 7, Number.POSITIVE_INFINITY)).toEqual(expected(third, 7));
    expect(await walkAll(third, 7, 20 * 8)).toEqual(expected(third, 7));
    const none = () => false;
    expect(await walkAll(none, 5, Number.POSITIVE_INFINITY)).toEqual([[]]);
  });

  it('reads about as many rows as the page needs while matches are common', async () => {
    let checked = 0;
    const half = (r: Row) => {
      checked++;
      return r.n % 2 === 0;
    };
    const page = await newestFirstPageWhere<Row>(query(), 'k', keyOf, { limit: 10 }, half, 1000);
    expect(page?.rows).toHaveLength(10);
    expect(checked).toBeLessThanOrEqual(22);
  });

  it('gives up once the matches prove too rare for its budget, after the first chunk', async () => {
    let checked = 0;
    const rare = (r: Row) => {
      checked++;
      return r.n % 100 === 0;
    };
    expect(await newestFirstPageWhere<Row>(query(), 'k', keyOf, { limit: 5 }, rare, 50)).toBeUndefined();
    expect(checked).toBe(12);
    // Unbounded, it walks to the end and finds all three.
    expect(await walkAll(rare, 5, Number.POSITIVE_INFINITY)).toEqual(expected(rare, 5));
  });

  it('with a test in SQL, gets back only the rows passing it, and pages as without it', async () => {
    const ofFour = (r: Row) => r.n % 4 === 0;
    for (const maxRows of [Number.POSITIVE_INFINITY, 20 * 8]) {
      expect(await walkAll(ofFour, 7, maxRows, multipleOf(2))).toEqual(expected(ofFour, 7));
    }
    let checked = 0;
    const counted = (r: Row) => {
      checked++;
      expect(r.n % 2).toBe(0);
      return ofFour(r);
    };
    const page = await newestFirstPageWhere<Row>(
      query(),
      'k',
      keyOf,
      { limit: 10 },
      counted,
      1000,
      multipleOf(2),
    );
    expect(page?.rows.map((r) => r.id)).toEqual(expected(ofFour, 10)[0]);
    // About half of the ~44 rows read to fill the page come back (the others fail the SQL test).
    expect(checked).toBeLessThanOrEqual(30);
    expect(Object.keys(page!.rows[0]!).sort()).toEqual(['id', 'k', 'n']);
  });

  it('with a test in SQL, counts the rows read, not those returned, against its budget', async () => {
    let checked = 0;
    const rare = () => {
      checked++;
      return true;
    };
    // One row in a hundred passes SQL: the first chunk (12 rows) finds none and the page gives up.
    expect(
      await newestFirstPageWhere<Row>(query(), 'k', keyOf, { limit: 5 }, rare, 50, multipleOf(100)),
    ).toBeUndefined();
    expect(checked).toBeLessThanOrEqual(1);
    expect(await walkAll((r) => r.n % 100 === 0, 5, Number.POSITIVE_INFINITY, multipleOf(100))).toEqual(
      expected((r) => r.n % 100 === 0, 5),
    );
    // Nothing passes: an empty last page, not a give-up, when the rows run out within the budget.
    expect(
      await walkAll(() => true, 5, Number.POSITIVE_INFINITY, { db, condition: sql<SqlBool>`n < 0` }),
    ).toEqual([[]]);
  });

  it('agrees with the plain page when every row passes', async () => {
    const plain = await newestFirstPage<Row>(query(), 'k', keyOf, { limit: 9 });
    const walked = await newestFirstPageWhere<Row>(query(), 'k', keyOf, { limit: 9 }, () => true, 20);
    expect(walked).toEqual(plain);
  });
});
