import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/database.js';
import { PREPARED_PER_CONNECTION } from '../../src/db/postgres-prepared.js';
import { ENGINES, freshDatabase } from '../support/engines.js';

describe.runIf(ENGINES.includes('postgres'))('named prepared statements on PostgreSQL', () => {
  let one: Database;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const fresh = await freshDatabase('postgres');
    await fresh.database.close();
    drop = fresh.drop;
    // One connection, so the session the statements are prepared on is the one asked below.
    one = openDatabase(fresh.url, { poolSize: 1 });
  });
  afterAll(async () => {
    await one?.close();
    await drop?.();
  });

  const preparedTexts = async () =>
    (await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(one.db)).rows.map(
      (r) => r.statement,
    );
  const region = (code: string) =>
    one.db.selectFrom('regions').select(['code', 'name']).where('code', '=', code).executeTakeFirst();

  it('prepares a statement with parameters on its second use, and answers as before', async () => {
    const first = await region('no-such-region');
    expect(first).toBeUndefined();
    const text = (await preparedTexts()).filter((s) => s.includes('"regions"'));
    expect(text).toEqual([]);
    await region('no-such-region');
    expect((await preparedTexts()).filter((s) => s.includes('"regions"'))).toHaveLength(1);
    expect(await region('no-such-region')).toBeUndefined();
  });

  it('never prepares a statement without parameters', async () => {
    for (let i = 0; i < 3; i++) await sql`select 42 as answer`.execute(one.db);
    expect((await preparedTexts()).some((s) => s.includes('42'))).toBe(false);
  });

  it('keeps working on its connection after a prepared statement fails', async () => {
    const divide = (n: number) => sql<{ q: number }>`select 1 / ${n}::int as q`.execute(one.db);
    expect((await divide(1)).rows[0]!.q).toBe(1);
    await expect(divide(0)).rejects.toThrow(/division by zero/);
    expect((await divide(1)).rows[0]!.q).toBe(1);
  });

  it(`prepares at most ${PREPARED_PER_CONNECTION} statements on a connection; the rest still run`, async () => {
    for (let i = 0; i < PREPARED_PER_CONNECTION + 20; i++)
      for (let use = 0; use < 2; use++)
        expect(
          (await sql<{ n: number }>`select ${i}::int + ${sql.lit(i)} as n`.execute(one.db)).rows[0]!.n,
        ).toBe(2 * i);
    expect((await preparedTexts()).length).toBe(PREPARED_PER_CONNECTION);
  });
});
