import type { Kysely } from 'kysely';

/**
 * Every row of a table, `size` at a time in id order, each batch handed to `handle` as it is
 * read: the backfills of migrations (search-reindex.ts, 0010), which must not hold a whole
 * table in memory.
 */
export async function eachBatchById(
  db: Kysely<any>,
  table: string,
  columns: readonly string[],
  size: number,
  handle: (rows: any[]) => Promise<void>,
): Promise<void> {
  for (let after = ''; ; ) {
    const rows = await db
      .selectFrom(table)
      .select(['id', ...columns])
      .where('id', '>', after)
      .orderBy('id')
      .limit(size)
      .execute();
    if (!rows.length) return;
    await handle(rows);
    after = rows[rows.length - 1]!.id;
  }
}
