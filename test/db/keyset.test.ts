import { type Kysely, type SqlBool, sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { newestFirstPage, newestFirstPageWhere } from '../../src/db/keyset.js';
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

  // The SQL side of a walk: rows whose n is a multiple of `m` (1: every row).
  const multipleOf = (m: number) => sql<SqlBool>`n % ${sql.lit(m)} = 0`;
  type Check = { test: ReturnType<typeof multipleOf>; keep: (r: Row) => boolean };

  /** Every page of a filtered walk, following cursors; undefined when a page gave up. */
  async function walkAll(check: Check, limit: number, maxRows: number) {
    const out: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await newestFirstPageWhere<Row>(query(), 'k', keyOf, { limit, cursor }, check, maxRows);
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

  it('pages the rows that pass both checks, in the list order, across equal keys', async () => {
    const third = (r: Row) => r.n % 3 === 0;
    for (const maxRows of [Number.POSITIVE_INFINITY, 300, 20 * 8]) {
      // Decided in SQL, or in JavaScript after SQL let every row through, or shared.
      expect(await walkAll({ test: multipleOf(3), keep: third }, 7, maxRows)).toEqual(expected(third, 7));
      expect(await walkAll({ test: multipleOf(1), keep: third }, 7, maxRows)).toEqual(expected(third, 7));
      const sixth = (r: Row) => r.n % 6 === 0;
      expect(await walkAll({ test: multipleOf(2), keep: sixth }, 7, maxRows)).toEqual(expected(sixth, 7));
    }
    expect(await walkAll({ test: sql<SqlBool>`n < 0`, keep: () => true }, 5, 1000)).toEqual([[]]);
  });

  it('gets back only the rows SQL passes, about a page of them', async () => {
    let checked = 0;
    const ofFour = (r: Row) => {
      checked++;
      expect(r.n % 2).toBe(0);
      return r.n % 4 === 0;
    };
    const check = { test: multipleOf(2), keep: ofFour };
    const page = await newestFirstPageWhere<Row>(query(), 'k', keyOf, { limit: 10 }, check, 1000);
    expect(page?.rows.map((r) => r.id)).toEqual(expected((r) => r.n % 4 === 0, 10)[0]);
    // 11 kept of 11 + 22 asked (the check turned half away, so twice as many asked again).
    expect(checked).toBeLessThanOrEqual(33);
  });

  it('gives up when its bound of rows read ends the walk before the page is full', async () => {
    const rare = { test: multipleOf(100), keep: () => true };
    // Three rows in 300 pass: a page of five needs them all and the end of the rows.
    expect(await newestFirstPageWhere<Row>(query(), 'k', keyOf, { limit: 5 }, rare, 299)).toBeUndefined();
    expect(await walkAll(rare, 5, 300)).toEqual(expected((r) => r.n % 100 === 0, 5));
    // Newest first, the first 150 rows hold one of them: not enough for a page of two and a row more.
    expect(await walkAll(rare, 2, 150)).toBeUndefined();
    expect(await newestFirstPageWhere<Row>(query(), 'k', keyOf, { limit: 2 }, rare, 0)).toBeUndefined();
    // The bound counts from the cursor: the second page of two reads past the first.
    const first = await newestFirstPageWhere<Row>(query(), 'k', keyOf, { limit: 1 }, rare, 200);
    expect(first?.rows).toHaveLength(1);
    const cursor = first!.nextCursor!;
    expect(
      await newestFirstPageWhere<Row>(query(), 'k', keyOf, { limit: 1, cursor }, rare, 50),
    ).toBeUndefined();
    expect(
      (await newestFirstPageWhere<Row>(query(), 'k', keyOf, { limit: 1, cursor }, rare, 200))?.rows,
    ).toHaveLength(1);
  });

  it('agrees with the plain page when every row passes', async () => {
    const plain = await newestFirstPage<Row>(query(), 'k', keyOf, { limit: 9 });
    const every = { test: multipleOf(1), keep: () => true };
    const walked = await newestFirstPageWhere<Row>(query(), 'k', keyOf, { limit: 9 }, every, 20);
    expect(walked).toEqual(plain);
  });
});
