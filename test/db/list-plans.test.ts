import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { listProblemRows, type ProblemFilter } from '../../src/db/problem.query.js';
import type { DB } from '../../src/db/schema.js';
import { freshDatabase } from '../support/engines.js';

/*
 * The lists of a work group, a campaign and the supervised problems are read from an index in
 * list order (migration 0011), a unit's from its entries in problem_units: otherwise SQLite read
 * the province's whole range and tested every row, 0.4–3 s a page at a million problems
 * (docs/benchmarks.md). SQLite's choice on a fresh, unanalysed file; the bench runner checks
 * both engines' plans on realistic data.
 */
let database: Database;
let drop: () => Promise<void>;
let db: Kysely<DB>;
let captured: { sql: string; parameters: readonly unknown[] }[] = [];

beforeAll(async () => {
  ({ database, drop } = await freshDatabase('sqlite'));
  db = new Kysely<DB>({
    dialect: new SqliteDialect({ database: database.sqlite! }),
    log: (e) => {
      if (e.level === 'query') captured.push({ sql: e.query.sql, parameters: e.query.parameters });
    },
  });
  await db
    .insertInto('regions')
    .values({
      code: '220000',
      name: '吉林省',
      level: 'province',
      parent_code: null,
      admin_parent_code: null,
      province_code: '220000',
      city_code: null,
      county_code: null,
      directly_administered: 0,
    })
    .execute();
});
afterAll(async () => {
  await database.close();
  await drop();
});

async function planOf(filter: ProblemFilter): Promise<string[]> {
  captured = [];
  await listProblemRows(db, filter, { limit: 50 });
  const last = captured.at(-1)!;
  const rows = database
    .sqlite!.prepare(`explain query plan ${last.sql}`)
    .all(...(last.parameters as unknown[])) as { detail: string }[];
  return rows.map((r) => r.detail);
}

it.each([
  ['work group', { workGroupId: 'g1' }, 'problems_work_group_deadline_idx'],
  ['campaign', { campaignId: 'c1' }, 'problems_campaign_deadline_idx'],
  ['supervised', { supervised: true }, 'problems_supervised_deadline_idx'],
  // Not the province's range, which SQLite prefers without statistics: + on the region column.
  [
    'province’s supervised',
    {
      supervised: true,
      regionCode: '220000',
      scope: [{ kind: 'region', region: { code: '220000', column: 'province_code' } }],
    },
    'problems_supervised_deadline_idx',
  ],
] as const)('reads a %s list from its index in list order', async (_, filter, index) => {
  const plan = await planOf(filter as ProblemFilter);
  expect(plan.join('\n')).toContain(`USING INDEX ${index}`);
  expect(plan.join('\n')).not.toMatch(/TEMP B-TREE|SCAN problems(?! USING)/);
});

it.each([
  ['unit filter', { unitId: 'u1' }],
  ["unit's staff", { scope: [{ kind: 'unit', unitId: 'u1' }] }],
  ['unit filter and a status', { unitId: 'u1', status: ['rectifying'] }],
] as const)("reads a unit's list (%s) from the unit's entries in list order", async (_, filter) => {
  const plan = await planOf(filter as ProblemFilter);
  expect(plan[0]).toMatch(
    /^SEARCH problem_units USING (COVERING )?INDEX problem_units_unit_deadline_idx \(unit_id=\?\)/,
  );
  expect(plan.join('\n')).toMatch(/SEARCH problems USING INDEX sqlite_autoindex_problems_1 \(id=\?\)/);
  expect(plan.join('\n')).not.toContain('TEMP B-TREE');
});
