import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { registerProblem } from '../../src/core/problem.register.js';
import { migrateTo } from '../../src/db/migrator.js';
import { problemColumns } from '../../src/db/problem.repository.js';
import { seedReferenceData } from '../../src/db/reference/seed-reference.js';
import { describeEachEngine } from '../support/engines.js';

const UNIT = '0190b8a0-0000-7000-8000-0000000000b1';
const at = '2020-08-03T02:00:00.000Z';
const region = { province_code: '220000', city_code: '220100', county_code: '220184' };

/** A problem of 公主岭 with this id and deadline (null: none), as a row before migration 0012. */
function problem(n: number, deadline: string | null) {
  const { next } = registerProblem(
    {
      id: `0190b8a0-0000-7000-8000-00000000000${n}`,
      code: `JL-2020-000${n}`,
      title: '畜禽养殖污染',
      description: '养殖场粪污直排入河',
      source: 'provincial_look_back',
      areas: ['water'],
      regionCode: '220184',
    },
    { now: at, actor: { userId: '0190b8a0-0000-7000-8000-0000000000aa' } },
  );
  return problemColumns({ ...next, deadline, leadUnitId: UNIT }, region, false);
}

describeEachEngine(
  "migration 0012: a unit's entries carry their problem's due_key",
  (get) => {
    it('fills the new column from the problems that existed before it', async () => {
      const db = get().db;
      await migrateTo(db, '2026-12-06-0011-group-and-campaign-lists');
      await seedReferenceData(db, { provinces: ['220000'], towns: false });
      await db
        .insertInto('units')
        .values({
          id: UNIT,
          name: '公主岭市生态环境分局',
          short_name: null,
          kind: 'department',
          region_code: '220184',
          parent_unit_id: null,
          version: 1,
          created_at: at,
        })
        .execute();
      const rows = [problem(1, '2020-10-31'), problem(2, null)];
      await db.insertInto('problems').values(rows).execute();
      // The old shape: no due_key yet.
      await sql`insert into problem_units (problem_id, unit_id, role) values (${rows[0]!.id}, ${UNIT}, 'lead'), (${rows[1]!.id}, ${UNIT}, 'lead')`.execute(
        db,
      );
      await migrateTo(db, '2026-12-06-0012-unit-lists');
      const entries = await db
        .selectFrom('problem_units')
        .select(['problem_id', 'due_key'])
        .orderBy('problem_id')
        .execute();
      expect(entries).toEqual([
        { problem_id: rows[0]!.id, due_key: '2020-10-31' },
        { problem_id: rows[1]!.id, due_key: '9999-12-31' },
      ]);
      // And back: the column goes, the old index returns.
      await migrateTo(db, '2026-12-06-0011-group-and-campaign-lists');
      const back = await sql<{ n: number }>`select count(*) as n from problem_units`.execute(db);
      expect(Number(back.rows[0]!.n)).toBe(2);
    });
  },
  { migrate: false },
);
