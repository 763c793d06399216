import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { allRows, changesSchema, schemaChanged } from '../../src/db/sqlite-rows.js';

describe('allRows', () => {
  const db = new SQLite(':memory:');
  db.exec(`create table t (id integer primary key, name text, amount real, data blob, note text);
           insert into t values (1, '吉林 "引号"', 1.5, x'00ff', null), (2, 'b', -2, null, '');`);
  const sql =
    'select id, name, amount, data, note, name as "x""y", 1 as "__proto__x" from t where id >= ? order by id';

  it('gives the rows better-sqlite3 gives, whatever the column names', () => {
    const expected = db.prepare(sql).all(0);
    const statement = db.prepare(sql);
    expect(allRows(statement, [0])).toEqual(expected);
    // The statement is reusable and keeps giving objects.
    expect(allRows(statement, [2])).toEqual(expected.slice(1));
  });

  it('lets a later column of the same name win, as better-sqlite3 does', () => {
    const twice = 'select id, name, note as name from t order by id';
    expect(allRows(db.prepare(twice), [])).toEqual(db.prepare(twice).all());
    expect(allRows(db.prepare(twice), [])[1]).toEqual({ id: 2, name: '' });
  });

  it('never lets a column named __proto__ change the prototype of a row', () => {
    const proto = 'select id, name as "__proto__" from t order by id';
    const rows = allRows(db.prepare(proto), []) as Record<string, unknown>[];
    expect(rows).toEqual(db.prepare(proto).all());
    expect(Object.getPrototypeOf(rows[0])).toBe(Object.prototype);
  });

  it('follows the columns of `select *` after the schema changes', () => {
    const own = new SQLite(':memory:');
    own.exec(`create table s (a integer, b text); insert into s values (1, 'x');`);
    const star = own.prepare('select * from s');
    expect(allRows(star, [])).toEqual([{ a: 1, b: 'x' }]);
    // A column renamed by this process (DDL through the driver marks the change).
    own.exec('alter table s rename column b to c');
    expect(changesSchema('ALTER TABLE s RENAME COLUMN b TO c')).toBe(true);
    schemaChanged();
    expect(allRows(star, [])).toEqual([{ a: 1, c: 'x' }]);
    // A column added by anyone: the row's width differs from the literal's.
    own.exec(`alter table s add column d text default 'y'`);
    expect(allRows(star, [])).toEqual([{ a: 1, c: 'x', d: 'y' }]);
    expect(allRows(star, [])).toEqual(own.prepare('select * from s').all());
  });
});
