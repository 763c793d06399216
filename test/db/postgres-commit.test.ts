import pg from 'pg';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { insertRow } from '../../src/db/compiled-statements.js';
import { lastWrites, together } from '../../src/db/one-statement.js';
import { inlineParameters } from '../../src/db/postgres-commit.js';
import { nextLedgerNumberQuery } from '../../src/db/problem.repository.js';
import { verifyAuditTrail } from '../../src/services/audit/audit.verify.js';
import { describeEachEngine } from '../support/engines.js';
import { newProblem, type ProblemWorld, problemWorld } from '../support/problem-world.js';

/** Inputs written to break out of a literal, an identifier or the statement. */
const HOSTILE = [
  "O'Brien",
  "'); drop table problems; --",
  "\\'); drop table problems; --",
  'back\\slash \\\\ and \\x27 \\047',
  "E'\\'' || pg_sleep(1) || '",
  '$1 $$ $tag$ dollar $2',
  '"quoted" ""identifier""',
  '/* comment */ -- comment',
  '整改\u2028行\u2029尾 \r\n\t 🙂 \u00a0',
  "';commit;drop table events;begin;select '",
];

describe('inlineParameters', () => {
  it('writes each value as the quoted text pg would send as an untyped parameter', () => {
    expect(
      inlineParameters('insert into t (a, b, c, d) values ($1, $2, $3, $4)', ['x', 42, null, true]),
    ).toBe("insert into t (a, b, c, d) values ('x', '42', null, 'true')");
    expect(inlineParameters('update t set n = n + $1 where id = $2', [-1, 7n])).toBe(
      "update t set n = n + '-1' where id = '7'",
    );
  });

  it('escapes quotes and backslashes with node-postgres escaping', () => {
    expect(inlineParameters('select $1', ["it's"])).toBe("select 'it''s'");
    expect(inlineParameters('select $1', ['a\\b'])).toBe("select  E'a\\\\b'");
    for (const h of HOSTILE) {
      const text = inlineParameters('select $1 as v', [h])!;
      // The value is one literal: between its quotes, every quote is doubled.
      const literal = text.slice('select '.length, -' as v'.length).replace(/^ ?E?/, '');
      expect(literal.startsWith("'") && literal.endsWith("'")).toBe(true);
      expect(literal.slice(1, -1).replace(/''/g, '')).not.toContain("'");
    }
  });

  it('refuses what it cannot write as a literal, and SQL it does not understand', () => {
    expect(inlineParameters('select $1', ['nul\u0000byte'])).toBeUndefined();
    expect(inlineParameters('select $1', [Number.NaN])).toBeUndefined();
    expect(inlineParameters('select $1', [Number.POSITIVE_INFINITY])).toBeUndefined();
    expect(inlineParameters('select $1', [{ a: 1 }])).toBeUndefined();
    expect(inlineParameters('select $1', [new Date(0)])).toBeUndefined();
    expect(inlineParameters('select $1', [Buffer.from('x')])).toBeUndefined();
    expect(inlineParameters('select $1', [])).toBeUndefined();
    expect(inlineParameters('select $$x$$, $1', ['a'])).toBeUndefined();
    expect(inlineParameters('select 1 -- $1', ['a'])).toBeUndefined();
    expect(inlineParameters('select /* $1 */ 1', ['a'])).toBeUndefined();
    expect(inlineParameters("select E'\\'' || $1", ['a'])).toBeUndefined();
  });

  it('leaves $n inside quoted identifiers and literals alone', () => {
    expect(inlineParameters(`select "$1", '$1', $1`, ['v'])).toBe(`select "$1", '$1', 'v'`);
  });
});

describeEachEngine('last writes sent with the commit', (get, engine) => {
  let w: ProblemWorld;
  beforeAll(async () => {
    w = await problemWorld(get());
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('stores hostile titles and descriptions exactly, and the audit chain verifies', async () => {
    for (const [i, h] of HOSTILE.entries()) {
      const created = await w.as('office')(
        'POST',
        '/problems',
        newProblem(w.campaignId, { title: `标题 ${h}`, description: h }),
        { 'idempotency-key': `hostile-${i}-${h.length}-key` },
      );
      expect(created.statusCode).toBe(201);
      const read = (await w.as('office')('GET', `/problems/${created.json().id}`)).json();
      expect(read.title).toBe(`标题 ${h}`.trim());
      expect(read.description).toBe(h.trim());
    }
    // Every table the creates wrote to is still there, with every row.
    const { db } = get();
    const n = await db
      .selectFrom('problems')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('title', 'like', '标题 %')
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(HOSTILE.length);
    const report = await verifyAuditTrail(db);
    expect(report.broken).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('on PostgreSQL sends the create’s last writes and the COMMIT as one query', async () => {
    if (engine !== 'postgres') return;
    const sent: { text: string; values: number }[] = [];
    const query = pg.Client.prototype.query;
    vi.spyOn(pg.Client.prototype, 'query').mockImplementation(function (this: pg.Client, ...args: unknown[]) {
      const [text, values] = args as [string | { text: string }, unknown[] | undefined];
      sent.push({ text: typeof text === 'string' ? text : text.text, values: values?.length ?? 0 });
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as never);
    const res = await w.as('office')('POST', '/problems', newProblem(w.campaignId, { title: "一次提交'" }), {
      'idempotency-key': 'one-round-trip-key',
    });
    expect(res.statusCode).toBe(201);
    const last = sent.findIndex((q) => /;\ncommit$/.test(q.text));
    expect(last).toBeGreaterThan(0);
    expect(sent[last]!.values).toBe(0);
    // Inlined, or (once the connection has prepared this shape) executed by name.
    const text = sent[last]!.text;
    if (!/^execute duban_last_\d+\(/.test(text)) {
      expect(text).toContain('insert into "problems"');
      expect(text).toContain('insert into "idempotency_keys"');
    }
    expect(text).toContain("'一次提交''");
    // No COMMIT of its own, and nothing after the number but this query.
    expect(sent.slice(last + 1).some((q) => /^\s*commit\s*$/i.test(q.text))).toBe(false);
  });

  it('on PostgreSQL a last write sent again on a connection is prepared, then executed with the commit', async () => {
    if (engine !== 'postgres') return;
    const { db } = get();
    const sent: string[] = [];
    const query = pg.Client.prototype.query;
    vi.spyOn(pg.Client.prototype, 'query').mockImplementation(function (this: pg.Client, ...args: unknown[]) {
      const [text] = args as [string | { text: string }];
      sent.push(typeof text === 'string' ? text : text.text);
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as never);
    // One after another: the pool hands out the connection released last, so most go to one.
    for (const [i, h] of HOSTILE.entries())
      await db
        .transaction()
        .execute((trx) =>
          lastWrites(trx, [insertRow(trx, 'ledger_sequences', { prefix: h, year: 2100, last_value: i + 1 })]),
        );
    const prepares = sent.filter((t) => /^prepare duban_last_\d+ as insert into "ledger_sequences"/.test(t));
    const executes = sent.filter((t) => /^execute duban_last_\d+\(.*\);\ncommit$/s.test(t));
    expect(prepares.length).toBeGreaterThanOrEqual(1);
    expect(executes.length).toBeGreaterThanOrEqual(HOSTILE.length - 2 * prepares.length);
    // Every hostile value is stored exactly, however it travelled.
    const rows = await db
      .selectFrom('ledger_sequences')
      .select(['prefix', 'last_value'])
      .where('year', '=', 2100)
      .execute();
    expect(new Map(rows.map((r) => [r.prefix, Number(r.last_value)]))).toEqual(
      new Map(HOSTILE.map((h, i) => [h, i + 1])),
    );
    // A failing prepared write still fails its commit and leaves nothing behind.
    const failing = db
      .transaction()
      .execute((trx) =>
        lastWrites(trx, [
          insertRow(trx, 'ledger_sequences', { prefix: HOSTILE[0]!, year: 2100, last_value: 99 }),
        ]),
      );
    await expect(failing).rejects.toThrow();
    const first = await db
      .selectFrom('ledger_sequences')
      .select('last_value')
      .where('prefix', '=', HOSTILE[0]!)
      .where('year', '=', 2100)
      .executeTakeFirstOrThrow();
    expect(Number(first.last_value)).toBe(1);
  });

  it('a failing last write fails the commit and takes no number', async () => {
    const { db } = get();
    const ledger = () =>
      db
        .selectFrom('ledger_sequences')
        .select('last_value')
        .where('prefix', '=', 'ZZ')
        .where('year', '=', 2099)
        .executeTakeFirst();
    await db.transaction().execute(async (trx) => {
      await together(trx, { n: nextLedgerNumberQuery(trx, 'ZZ', 2099) });
    });
    expect(Number((await ledger())?.last_value)).toBe(1);
    const failing = db.transaction().execute(async (trx) => {
      await together(trx, { n: nextLedgerNumberQuery(trx, 'ZZ', 2099) });
      // A row whose primary key exists already: the write fails, so must the commit.
      await lastWrites(trx, [
        insertRow(trx, 'ledger_sequences', { prefix: 'ZZ', year: 2099, last_value: 9 }),
      ]);
    });
    await expect(failing).rejects.toThrow();
    expect(Number((await ledger())?.last_value)).toBe(1);
    // The connection is usable afterwards and the next number is the next one.
    await db.transaction().execute(async (trx) => {
      await together(trx, { n: nextLedgerNumberQuery(trx, 'ZZ', 2099) });
    });
    expect(Number((await ledger())?.last_value)).toBe(2);
  });

  it('a statement after a kept-back write sees it', async () => {
    const { db } = get();
    const seen = await db.transaction().execute(async (trx) => {
      await lastWrites(trx, [
        insertRow(trx, 'ledger_sequences', { prefix: 'YY', year: 2099, last_value: 5 }),
      ]);
      return trx
        .selectFrom('ledger_sequences')
        .select('last_value')
        .where('prefix', '=', 'YY')
        .executeTakeFirst();
    });
    expect(Number(seen?.last_value)).toBe(5);
  });

  it('a value that cannot be inlined goes out with parameters, then the commit', async () => {
    const { db } = get();
    const weird = "nul\u0000'x";
    const failing = db.transaction().execute(async (trx) => {
      await lastWrites(trx, [
        insertRow(trx, 'ledger_sequences', { prefix: weird, year: 2099, last_value: 1 }),
      ]);
    });
    // PostgreSQL text cannot hold NUL (refused as before); SQLite stores it.
    if (engine === 'postgres') await expect(failing).rejects.toThrow();
    else await failing;
    await db.transaction().execute(async (trx) => {
      await lastWrites(trx, [
        insertRow(trx, 'ledger_sequences', { prefix: 'XX', year: 2099, last_value: 3 }),
      ]);
    });
    const row = await db
      .selectFrom('ledger_sequences')
      .select('last_value')
      .where('prefix', '=', 'XX')
      .executeTakeFirst();
    expect(Number(row?.last_value)).toBe(3);
  });
});
