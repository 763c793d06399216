import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { listProblemRows, type ProblemFilter } from '../../src/db/problem.query.js';
import type { DB } from '../../src/db/schema.js';
import { freshDatabase } from '../support/engines.js';

/*
 * The lists of a work group, a campaign and the supervised problems are read from an index in
 * list order (migration 0011): without it SQLite read the province's whole range and filtered it, 3 s a
 * page at a million problems (docs/benchmarks.md). SQLite's choice on a fresh, unanalysed file;
 * the bench runner checks both engines' plans on realistic data.
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
] as const)('reads a %s list from its index in list order', async (_, filter, index) => {
  const plan = await planOf(filter as ProblemFilter);
  expect(plan.join('\n')).toContain(`USING INDEX ${index}`);
  expect(plan.join('\n')).not.toMatch(/TEMP B-TREE|SCAN problems(?! USING)/);
});
